import Logging

/// An idempotent producer: non-blocking sends, delivery reports served on the caller's thread.
///
/// ## Threading
/// ``send(topic:key:value:headers:token:)`` never blocks. Delivery reports are handed to the
/// handler given at init from inside ``poll(timeout:)``, ``flush(timeout:)`` and ``close()``, on
/// the thread that calls them; poll regularly (for example once per consumed batch). `poll` and
/// `flush` may block: call them from a dedicated thread, never from the Swift cooperative pool.
/// The type is `Sendable`; sends from several threads are safe.
///
/// ## Back-pressure
/// When librdkafka's local queue is full (`queue.buffering.max.messages`, librdkafka's default
/// 100000, or `queue.buffering.max.kbytes`), `send` throws a ``KafkaError`` whose
/// ``KafkaError/isQueueFull`` is `true`: stop taking input, ``poll(timeout:)``, and send again
/// (``send(topic:key:value:token:waitingForRoom:)`` does so for a producer with nothing else to do).
///
/// ## Fatal errors
/// An idempotent producer can hit a fatal error (`rd_kafka_fatal_error`, for example a fenced
/// producer id); the next `send`, `poll` or `flush` throws it with ``KafkaError/isFatal`` set.
public final class KafkaProducer: Sendable {
    private let client: RDKafkaProducerClient
    private let logger: Logger

    /// Creates the producer.
    ///
    /// - Parameters:
    ///   - configuration: The deployment's properties, set over ``KafkaConfiguration/producerDefaults``.
    ///   - logger: Where librdkafka's logs and non-fatal errors go.
    ///   - deliveryHandler: Called once per accepted message, on the thread serving reports.
    ///   - statisticsHandler: Called on the thread serving reports with librdkafka's statistics, every
    ///     `statistics.interval.ms` (librdkafka's default 0: never); default none.
    /// - Throws: ``KafkaError`` (``KafkaError/Code/configuration`` with librdkafka's message for a
    ///   bad property, ``KafkaError/Code/clientCreation``).
    public init(
        configuration: KafkaConfiguration,
        logger: Logger = Logger(label: "lurker.kafka.producer"),
        deliveryHandler: @escaping @Sendable (DeliveryReport) -> Void,
        statisticsHandler: (@Sendable (KafkaStatistics) -> Void)? = nil
    ) throws {
        self.client = try RDKafkaProducerClient(
            configuration: KafkaConfiguration.producerDefaults.merging(configuration),
            logger: logger,
            deliveryHandler: deliveryHandler,
            statisticsHandler: statisticsHandler
        )
        self.logger = logger
    }

    /// Enqueues a message for `topic` without blocking; the partition comes from the key
    /// (librdkafka's default partitioner, `consistent_random`).
    ///
    /// - Parameters:
    ///   - key: The key, or `nil` for none.
    ///   - value: The value, or `nil` for a tombstone.
    ///   - headers: Headers in order (names need not be unique).
    ///   - token: Handed back in this message's ``DeliveryReport``.
    /// - Throws: ``KafkaError`` with ``KafkaError/isQueueFull`` when the local queue is full, the
    ///   fatal error once one was raised, ``KafkaError/Code/produce`` for a message librdkafka
    ///   refuses (too large, unknown partition), ``KafkaError/Code/closed`` after ``close()``.
    public func send(
        topic: String,
        key: [UInt8]?,
        value: [UInt8]?,
        headers: [(String, [UInt8])] = [],
        token: UInt64
    ) throws {
        try client.send(topic: topic, key: key, value: value, headers: headers, token: token)
    }

    /// Enqueues a message for `topic` as ``send(topic:key:value:headers:token:)`` does, waiting for room
    /// while the local queue is full: it then serves delivery reports (``poll(timeout:)``) for up to
    /// `pollTimeout` milliseconds and tries again. It blocks: call it from a dedicated thread.
    ///
    /// - Throws: What ``send(topic:key:value:headers:token:)`` and ``poll(timeout:)`` throw, but never a
    ///   full queue.
    public func send(topic: String, key: [UInt8]?, value: [UInt8]?, token: UInt64, waitingForRoom pollTimeout: Int32) throws {
        while true {
            do {
                try send(topic: topic, key: key, value: value, token: token)
                return
            } catch let error as KafkaError where error.isQueueFull {
                try poll(timeout: pollTimeout)
            }
        }
    }

    /// Serves delivery reports, waiting up to `milliseconds` for the first (0: do not wait).
    ///
    /// - Returns: The number of events served.
    /// - Throws: The fatal ``KafkaError`` once librdkafka raised one.
    @discardableResult
    public func poll(timeout milliseconds: Int32) throws -> Int {
        try client.poll(timeout: milliseconds)
    }

    /// Waits up to `milliseconds` until every outstanding message is delivered or failed,
    /// serving their reports.
    ///
    /// - Throws: ``KafkaError/Code/flush`` (retriable) when messages are still outstanding,
    ///   or the fatal error.
    public func flush(timeout milliseconds: Int32) throws {
        try client.flush(timeout: milliseconds)
    }

    /// The number of messages (and protocol requests) not yet delivered or reported.
    public var outstanding: Int {
        client.outstanding
    }

    /// Raises a fabricated fatal error in librdkafka, as a fenced idempotent producer would get;
    /// for tests of the fatal-error path only.
    func raiseFatalErrorForTesting(_ reason: String) {
        client.raiseFatalErrorForTesting(reason)
    }

    /// Refuses further sends and discards what is still queued or in flight: each discarded
    /// message gets a failed ``DeliveryReport`` before this returns. ``flush(timeout:)`` first
    /// for a graceful stop. Calling it again does nothing.
    public func close() {
        if client.close() {
            logger.debug("producer closed")
        }
    }
}
