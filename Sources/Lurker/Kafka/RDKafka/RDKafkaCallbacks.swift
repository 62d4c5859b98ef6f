import CKafka
import Foundation
import Logging

/// The Swift state librdkafka's C callbacks reach through the client's opaque pointer.
///
/// A client retains it (`Unmanaged.passRetained`) before `rd_kafka_new` and releases it only after
/// `rd_kafka_destroy` has returned, so every callback, including log callbacks from librdkafka's
/// own threads, finds it alive. Handlers are called on the thread that serves the callback:
/// the caller of `poll`, `flush`, `close` (or librdkafka's threads for logs).
final class RDKafkaCallbacks: @unchecked Sendable {
    // @unchecked: the stored closures and the logger are immutable and Sendable; the only
    // mutable state, `revoked`, is guarded by `lock`.

    /// Where librdkafka's logs and non-fatal errors go.
    let logger: Logger
    /// The consumer's rebalance handler.
    let rebalanceHandler: (@Sendable (RebalanceEvent) -> Void)?
    /// Whether to commit stored offsets synchronously before giving revoked partitions up.
    let commitsOnRevoke: Bool
    /// The producer's delivery handler.
    let deliveryHandler: (@Sendable (DeliveryReport) -> Void)?
    /// The handler of librdkafka's statistics, every `statistics.interval.ms`.
    let statisticsHandler: (@Sendable (KafkaStatistics) -> Void)?

    private let lock = NSLock()
    private var revoked: Set<TopicPartition> = []

    init(
        logger: Logger,
        rebalanceHandler: (@Sendable (RebalanceEvent) -> Void)? = nil,
        commitsOnRevoke: Bool = false,
        deliveryHandler: (@Sendable (DeliveryReport) -> Void)? = nil,
        statisticsHandler: (@Sendable (KafkaStatistics) -> Void)? = nil
    ) {
        self.logger = logger
        self.rebalanceHandler = rebalanceHandler
        self.commitsOnRevoke = commitsOnRevoke
        self.deliveryHandler = deliveryHandler
        self.statisticsHandler = statisticsHandler
    }

    /// Forwards one librdkafka log line.
    func log(level: Int32, facility: String, message: String) {
        logger.log(
            level: RDKafka.logLevel(syslog: level),
            "\(message)",
            metadata: [LogKey.kafkaFacility: .string(facility)]
        )
    }

    /// Reports an error from librdkafka's error callback: fatal ones as critical, the others as
    /// warnings (librdkafka recovers from those by itself).
    func error(_ err: rd_kafka_resp_err_t, reason: String) {
        let level: Logger.Level = err == RD_KAFKA_RESP_ERR__FATAL ? .critical : .warning
        logger.log(
            level: level,
            "\(reason)",
            metadata: [LogKey.kafkaError: .string(String(cString: rd_kafka_err2name(err)))]
        )
    }

    /// Reads one statistics JSON and hands it to the handler; logs JSON it cannot read.
    func statistics(_ json: [UInt8]) {
        guard let statisticsHandler else { return }
        guard let statistics = KafkaStatistics(json: json) else {
            logger.warning("unreadable librdkafka statistics", metadata: [LogKey.kafkaBytes: "\(json.count)"])
            return
        }
        statisticsHandler(statistics)
    }

    /// Records partitions revoked since the last ``takeRevoked()``.
    func recordRevoked(_ partitions: [TopicPartition]) {
        lock.withLock { revoked.formUnion(partitions) }
    }

    /// The partitions revoked since the last call, then forgets them.
    func takeRevoked() -> Set<TopicPartition> {
        lock.withLock {
            defer { revoked.removeAll(keepingCapacity: true) }
            return revoked
        }
    }

    /// Whether any partition was revoked since the last ``takeRevoked()``.
    var hasRevoked: Bool {
        lock.withLock { !revoked.isEmpty }
    }
}
