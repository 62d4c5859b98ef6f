/// An error from the Kafka layer: a small extensible ``Code``, a human reason and, when librdkafka
/// reported it, librdkafka's own error code.
///
/// The wrapper classifies (``isFatal``, ``isRetriable``, ``isQueueFull``); the caller decides what
/// to do. A fatal error means the client instance can no longer be used: close it and stop (or
/// build a new one).
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, at the level the daemon cares about. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Sendable {
            case configuration
            case clientCreation
            case subscription
            case consume
            case offsetStore
            case commit
            case partitionControl
            case produce
            case queueFull
            case delivery
            case flush
            case fatal
            case closed
            case embeddedBroker
        }

        private let backing: Backing

        private init(_ backing: Backing) {
            self.backing = backing
        }

        /// A configuration property is unknown or has an invalid value, or a `-X` override is malformed.
        public static let configuration = Code(.configuration)
        /// librdkafka could not create a client handle.
        public static let clientCreation = Code(.clientCreation)
        /// Subscribing to topics failed.
        public static let subscription = Code(.subscription)
        /// A consumer poll reported an error.
        public static let consume = Code(.consume)
        /// Storing an offset failed (for example, the partition is no longer assigned).
        public static let offsetStore = Code(.offsetStore)
        /// Committing offsets failed.
        public static let commit = Code(.commit)
        /// Pausing or resuming partitions, or reading the assignment, failed.
        public static let partitionControl = Code(.partitionControl)
        /// librdkafka refused a message at `send` (other than a full queue).
        public static let produce = Code(.produce)
        /// The producer's local queue is full: poll for delivery reports and try again.
        public static let queueFull = Code(.queueFull)
        /// A message could not be delivered (reported in a ``DeliveryReport``).
        public static let delivery = Code(.delivery)
        /// `flush` timed out with messages still outstanding.
        public static let flush = Code(.flush)
        /// librdkafka raised a fatal error: the client instance is unusable.
        public static let fatal = Code(.fatal)
        /// The client was already closed.
        public static let closed = Code(.closed)
        /// The embedded (mock) broker failed.
        public static let embeddedBroker = Code(.embeddedBroker)

        public var description: String {
            backing.rawValue
        }
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable reason, librdkafka's own text when it reported the error.
    public let reason: String
    /// librdkafka's error code (`rd_kafka_resp_err_t`), when librdkafka reported the error.
    public let rdKafkaCode: Int32?
    /// librdkafka's symbolic name of ``rdKafkaCode`` (for example `_QUEUE_FULL`), when there is one.
    public let rdKafkaCodeName: String?
    /// Whether the client instance is unusable from now on (librdkafka's fatal error state).
    public let isFatal: Bool
    /// Whether the same operation may succeed if tried again later.
    public let isRetriable: Bool

    /// Creates an error; the RDKafka layer fills the librdkafka fields.
    init(
        code: Code,
        reason: String,
        rdKafkaCode: Int32? = nil,
        rdKafkaCodeName: String? = nil,
        isFatal: Bool = false,
        isRetriable: Bool = false
    ) {
        self.code = code
        self.reason = reason
        self.rdKafkaCode = rdKafkaCode
        self.rdKafkaCodeName = rdKafkaCodeName
        self.isFatal = isFatal
        self.isRetriable = isRetriable
    }

    /// Whether librdkafka's producer queue was full (`queue.buffering.max.messages` or
    /// `queue.buffering.max.kbytes`): stop taking input, poll for delivery reports, then retry.
    public var isQueueFull: Bool {
        code == .queueFull
    }

    public var description: String {
        if let rdKafkaCodeName {
            return "kafka \(code) error: \(reason) (\(rdKafkaCodeName))"
        }
        return "kafka \(code) error: \(reason)"
    }
}
