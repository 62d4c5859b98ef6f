import CKafka
import Foundation
import Logging

/// The librdkafka side of a ``KafkaConsumer``: one high-level consumer handle (`rd_kafka_t`).
///
/// The handle lives as long as this object, so no call can race `rd_kafka_destroy`; `close()`
/// leaves the group but keeps the handle, and `deinit` destroys it.
final class RDKafkaConsumerClient: @unchecked Sendable {
    // @unchecked: `handle` is a thread-safe librdkafka handle that lives until deinit; the
    // callbacks object guards its own state; `isClosed` is guarded by `lock`.

    /// What one `rd_kafka_consumer_poll` gave.
    enum PollResult {
        /// Nothing within the timeout.
        case none
        /// A record.
        case message(KafkaMessage)
        /// The end of a partition was reached (only with `enable.partition.eof=true`).
        case endOfPartition
        /// A non-fatal consumer error, with the partition it concerns when there is one.
        case error(KafkaError, TopicPartition?)
    }

    private let handle: OpaquePointer
    private let callbacks: Unmanaged<RDKafkaCallbacks>
    private let topics: [String]
    private let lock = NSLock()
    private var isClosed = false

    /// Creates the handle with `configuration` (validated by librdkafka) and subscribes to `topics`.
    init(
        configuration: KafkaConfiguration,
        topics: [String],
        logger: Logger,
        rebalanceHandler: (@Sendable (RebalanceEvent) -> Void)?,
        statisticsHandler: (@Sendable (KafkaStatistics) -> Void)?
    ) throws {
        let conf = try RDKafkaConfig.make(configuration)
        let commitsOnRevoke = Self.boolProperty(conf, "enable.auto.commit") ?? true
        let callbacks = RDKafkaCallbacks(
            logger: logger,
            rebalanceHandler: rebalanceHandler,
            commitsOnRevoke: commitsOnRevoke,
            statisticsHandler: statisticsHandler
        )
        (handle, self.callbacks) = try RDKafka.makeClient(RD_KAFKA_CONSUMER, conf, callbacks) { conf in
            rd_kafka_conf_set_rebalance_cb(conf) { handle, err, partitions, opaque in
                guard let handle, let opaque else { return }
                let callbacks = Unmanaged<RDKafkaCallbacks>.fromOpaque(opaque).takeUnretainedValue()
                RDKafkaConsumerClient.rebalance(handle, err, partitions, callbacks)
            }
        }
        self.topics = topics

        rd_kafka_poll_set_consumer(handle)
        let subscription = RDKafkaTopicPartitionList(topics: topics)
        let err = rd_kafka_subscribe(handle, subscription.pointer)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw RDKafka.error(.subscription, err)
        }
    }

    deinit {
        rd_kafka_destroy(handle)
        callbacks.release()
    }

    /// Whether ``close()`` was called.
    var closed: Bool {
        lock.withLock { isClosed }
    }

    /// Serves callbacks and returns at most one record; blocks up to `timeout` milliseconds.
    ///
    /// - Throws: a fatal ``KafkaError`` when librdkafka raised its fatal error.
    func poll(timeout: Int32) throws -> PollResult {
        guard let message = rd_kafka_consumer_poll(handle, timeout) else {
            return .none
        }
        defer { rd_kafka_message_destroy(message) }
        let err = message.pointee.err
        switch err {
        case RD_KAFKA_RESP_ERR_NO_ERROR:
            return .message(KafkaMessage(message, knownTopics: topics))
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
            return .endOfPartition
        case RD_KAFKA_RESP_ERR__FATAL:
            throw RDKafka.fatalError(handle) ?? RDKafka.error(.fatal, err)
        default:
            let partition = message.pointee.rkt.map { topic in
                TopicPartition(topic: String(cString: rd_kafka_topic_name(topic)), partition: message.pointee.partition)
            }
            let reason = String(cString: rd_kafka_message_errstr(message))
            return .error(RDKafka.error(.consume, err, reason: reason), partition)
        }
    }

    /// The partitions revoked since the last call.
    func takeRevoked() -> Set<TopicPartition> {
        callbacks.takeUnretainedValue().takeRevoked()
    }

    /// Whether any partition was revoked since the last ``takeRevoked()``.
    var hasRevoked: Bool {
        callbacks.takeUnretainedValue().hasRevoked
    }

    /// Stores `offset` as is (`rd_kafka_offsets_store`): the next offset to consume.
    func storeOffset(_ partition: TopicPartition, next offset: Int64) throws {
        let list = RDKafkaTopicPartitionList(partition, offset: offset)
        let err = rd_kafka_offsets_store(handle, list.pointer)
        if let failed = list.firstError(.offsetStore) {
            throw failed
        }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw RDKafka.error(.offsetStore, err)
        }
    }

    /// Commits the stored offsets synchronously; nothing stored is no error.
    func commit() throws {
        let err = rd_kafka_commit(handle, nil, 0)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR__NO_OFFSET else {
            throw RDKafka.error(.commit, err)
        }
    }

    /// Pauses or resumes fetching from partitions.
    func setPaused(_ paused: Bool, _ partitions: [TopicPartition]) throws {
        let list = RDKafkaTopicPartitionList(partitions)
        let err =
            paused
            ? rd_kafka_pause_partitions(handle, list.pointer)
            : rd_kafka_resume_partitions(handle, list.pointer)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw RDKafka.error(.partitionControl, err)
        }
        if let failed = list.firstError(.partitionControl) {
            throw failed
        }
    }

    /// The current assignment.
    func assignment() throws -> [TopicPartition] {
        var pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let err = rd_kafka_assignment(handle, &pointer)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let pointer else {
            throw RDKafka.error(.partitionControl, err)
        }
        return RDKafkaTopicPartitionList(owning: pointer).partitions
    }

    /// Leaves the group (`rd_kafka_consumer_close`): the final revocation runs the rebalance
    /// handler and commits stored offsets. Returns `false` when already closed.
    @discardableResult
    func close() -> Bool {
        let first = lock.withLock {
            defer { isClosed = true }
            return !isClosed
        }
        guard first else { return false }
        let err = rd_kafka_consumer_close(handle)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            callbacks.takeUnretainedValue().logger.warning(
                "consumer close: \(String(cString: rd_kafka_err2str(err)))",
                metadata: [LogKey.kafkaError: .string(String(cString: rd_kafka_err2name(err)))]
            )
        }
        return true
    }

    /// Applies a (possibly incremental) rebalance and tells the handler, from librdkafka's
    /// rebalance callback, on the thread serving it.
    private static func rebalance(
        _ handle: OpaquePointer,
        _ err: rd_kafka_resp_err_t,
        _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
        _ callbacks: RDKafkaCallbacks
    ) {
        let partitions = RDKafkaTopicPartitionList.partitions(of: list)
        let isCooperative = rd_kafka_rebalance_protocol(handle).map { strcmp($0, "COOPERATIVE") == 0 } ?? false
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            if isCooperative {
                report(rd_kafka_incremental_assign(handle, list), "incremental assign", callbacks)
            } else {
                report(rd_kafka_assign(handle, list), "assign", callbacks)
            }
            callbacks.rebalanceHandler?(.assigned(partitions))
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            callbacks.recordRevoked(partitions)
            callbacks.rebalanceHandler?(.revoked(partitions))
            if callbacks.commitsOnRevoke, rd_kafka_assignment_lost(handle) == 0 {
                let commit = rd_kafka_commit(handle, nil, 0)
                if commit != RD_KAFKA_RESP_ERR__NO_OFFSET {
                    report(commit, "commit on revocation", callbacks)
                }
            }
            if isCooperative {
                report(rd_kafka_incremental_unassign(handle, list), "incremental unassign", callbacks)
            } else {
                report(rd_kafka_assign(handle, nil), "unassign", callbacks)
            }
        default:
            report(err, "rebalance", callbacks)
            report(rd_kafka_assign(handle, nil), "unassign", callbacks)
        }
    }

    private static func report(_ err: rd_kafka_resp_err_t, _ what: String, _ callbacks: RDKafkaCallbacks) {
        guard err != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        let error = RDKafka.error(.partitionControl, err)
        callbacks.logger.error("\(what) failed: \(error.reason)", metadata: [LogKey.kafkaError: "\(error.rdKafkaCodeName ?? "")"])
    }

    private static func report(_ error: OpaquePointer?, _ what: String, _ callbacks: RDKafkaCallbacks) {
        guard let error else { return }
        let kafkaError = RDKafka.error(.partitionControl, consuming: error)
        callbacks.logger.error(
            "\(what) failed: \(kafkaError.reason)",
            metadata: [LogKey.kafkaError: "\(kafkaError.rdKafkaCodeName ?? "")"]
        )
    }

    /// A boolean property as librdkafka normalised it, or `nil` when unreadable.
    private static func boolProperty(_ conf: OpaquePointer, _ key: String) -> Bool? {
        RDKafka.withErrorString { buffer, capacity in
            var size = capacity
            guard rd_kafka_conf_get(conf, key, buffer, &size) == RD_KAFKA_CONF_OK else { return nil }
            return String(cString: buffer) == "true"
        }
    }
}
