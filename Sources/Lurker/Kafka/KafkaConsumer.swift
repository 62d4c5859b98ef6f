import Logging

/// A consumer-group member reading several topics, with at-least-once offset handling.
///
/// ## Threading
/// Every call is synchronous and may block (`poll`, `commit`, `close` wait on librdkafka and the
/// network): call them from a dedicated thread, never from the Swift cooperative pool. The
/// daemon's consumer thread owns the consumer: it polls, stores offsets and commits. The rebalance
/// handler runs on that thread too, inside ``poll(timeout:into:max:)`` (or ``close()``). The type
/// is `Sendable` so it can be created elsewhere and handed to that thread; calls from other
/// threads are memory-safe, but `poll` must not run on two threads at once.
///
/// ## Offsets
/// `enable.auto.offset.store` is always `false`: an offset is committed only after the daemon
/// has stored it with ``storeOffset(topic:partition:offset:)``, which takes the offset of the
/// last message it has *finished* and stores the next one (offset + 1), Kafka's committed-offset
/// convention. With `enable.auto.commit=true` (the default) stored offsets are committed every
/// `auto.commit.interval.ms`, before revoked partitions go, and on ``close()``; ``commit()``
/// commits them now.
///
/// ## Rebalances
/// The default strategy is `cooperative-sticky`: assignments change incrementally
/// (`rd_kafka_incremental_assign`/`unassign`); with an eager strategy the consumer uses
/// `rd_kafka_assign`. A ``RebalanceEvent/revoked(_:)`` reaches the handler before the partitions
/// go, so the daemon can finish and store their offsets; the consumer then commits.
public final class KafkaConsumer: Sendable {
    private let client: RDKafkaConsumerClient
    private let logger: Logger

    /// The topics subscribed to.
    public let topics: [String]

    /// Joins the group and subscribes to `topics`; partitions arrive with the first rebalance,
    /// during a later ``poll(timeout:into:max:)``.
    ///
    /// - Parameters:
    ///   - configuration: The deployment's properties, set over ``KafkaConfiguration/consumerDefaults``
    ///     (`enable.auto.offset.store` is forced to `false`).
    ///   - topics: The topics to subscribe to (at least one).
    ///   - logger: Where librdkafka's logs and non-fatal errors go.
    ///   - rebalanceHandler: Called on the polling thread when partitions are assigned or revoked.
    ///   - statisticsHandler: Called on the polling thread with librdkafka's statistics, every
    ///     `statistics.interval.ms` (librdkafka's default 0: never); default none.
    /// - Throws: ``KafkaError`` (``KafkaError/Code/configuration`` with librdkafka's message for a
    ///   bad property, ``KafkaError/Code/clientCreation``, ``KafkaError/Code/subscription``).
    public init(
        configuration: KafkaConfiguration,
        topics: [String],
        logger: Logger = Logger(label: "lurker.kafka.consumer"),
        rebalanceHandler: (@Sendable (RebalanceEvent) -> Void)? = nil,
        statisticsHandler: (@Sendable (KafkaStatistics) -> Void)? = nil
    ) throws {
        precondition(!topics.isEmpty, "a consumer needs at least one topic")
        var effective = KafkaConfiguration.consumerDefaults.merging(configuration)
        effective["enable.auto.offset.store"] = "false"
        self.client = try RDKafkaConsumerClient(
            configuration: effective,
            topics: topics,
            logger: logger,
            rebalanceHandler: rebalanceHandler,
            statisticsHandler: statisticsHandler
        )
        self.logger = logger
        self.topics = topics
    }

    /// Appends up to `max` records to `messages`, waiting at most `milliseconds` for the first;
    /// the rest are taken only if already fetched. Serves the rebalance handler.
    ///
    /// Partition-end markers are ignored; non-fatal consumer errors (an unknown topic, a broker
    /// failing) are logged and skipped, as librdkafka recovers from them. Records of partitions
    /// revoked during this call are dropped from the batch: their next owner reads them from the
    /// committed offset.
    ///
    /// - Returns: The number of records appended.
    /// - Throws: A fatal ``KafkaError`` (the consumer is then unusable: close it), or
    ///   ``KafkaError/Code/closed`` after ``close()``.
    @discardableResult
    public func poll(timeout milliseconds: Int32, into messages: inout [KafkaMessage], max: Int) throws -> Int {
        precondition(max > 0, "poll needs room for at least one message")
        guard !client.closed else {
            throw KafkaError(code: .closed, reason: "the consumer is closed")
        }
        let start = messages.count
        _ = client.takeRevoked()
        var timeout = milliseconds
        while messages.count - start < max {
            let result = try client.poll(timeout: timeout)
            if client.hasRevoked {
                let revoked = client.takeRevoked()
                messages[start...].removeAll { revoked.contains($0.topicPartition) }
            }
            switch result {
            case .none:
                return messages.count - start
            case .message(let message):
                messages.append(message)
            case .endOfPartition:
                break
            case .error(let error, let partition):
                var metadata: Logger.Metadata = [LogKey.kafkaError: "\(error.rdKafkaCodeName ?? "")"]
                if let partition {
                    metadata[LogKey.kafkaTopic] = "\(partition.topic)"
                    metadata[LogKey.kafkaPartition] = "\(partition.partition)"
                }
                logger.warning("consumer error: \(error.reason)", metadata: metadata)
            }
            timeout = 0
        }
        return messages.count - start
    }

    /// Stores the position after a finished message: offset + 1 is what will be committed, so
    /// the group resumes with the message after it.
    ///
    /// - Parameters:
    ///   - offset: The offset of the last message of this partition the daemon has finished.
    /// - Throws: ``KafkaError/Code/offsetStore`` when the partition is not assigned to this consumer
    ///   (any more); its next owner will consume the message again.
    public func storeOffset(topic: String, partition: Int32, offset: Int64) throws {
        try client.storeOffset(TopicPartition(topic: topic, partition: partition), next: offset + 1)
    }

    /// Stores the position after `message` (see ``storeOffset(topic:partition:offset:)``).
    public func storeOffset(after message: KafkaMessage) throws {
        try storeOffset(topic: message.topic, partition: message.partition, offset: message.offset)
    }

    /// Commits the stored offsets and waits for the group coordinator's answer; having nothing
    /// new to commit is no error.
    ///
    /// - Throws: ``KafkaError/Code/commit``.
    public func commit() throws {
        try client.commit()
    }

    /// Stops fetching from `partitions` (already fetched records may still arrive in the current
    /// batch); the partitions stay assigned.
    ///
    /// - Throws: ``KafkaError/Code/partitionControl`` for a partition this consumer does not hold.
    public func pause(_ partitions: [TopicPartition]) throws {
        try client.setPaused(true, partitions)
    }

    /// Resumes fetching from paused `partitions`, where consumption stopped.
    ///
    /// - Throws: ``KafkaError/Code/partitionControl`` for a partition this consumer does not hold.
    public func resume(_ partitions: [TopicPartition]) throws {
        try client.setPaused(false, partitions)
    }

    /// The partitions currently assigned to this consumer (empty before the first rebalance and
    /// after ``close()``).
    public func assignment() -> [TopicPartition] {
        (try? client.assignment()) ?? []
    }

    /// Leaves the group: runs the final revocation (handler, then a commit of stored offsets) and
    /// stops fetching. Blocks until done; calling it again does nothing.
    public func close() {
        if client.close() {
            logger.debug("consumer closed")
        }
    }
}
