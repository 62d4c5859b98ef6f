/// An in-process Kafka cluster for development and tests: librdkafka's mock cluster, listening
/// on a loopback port, reachable by any Kafka client (kcat, confluent-kafka, the daemon).
///
/// It keeps everything in memory and supports producing (idempotent included), consumer groups
/// with offset commits, and metadata. Its quirks: a new group gets its first assignment only
/// after about 3 s; it keeps only about 5 MiB per partition, dropping the oldest records; the
/// Admin API (CreateTopics) is not supported: use ``createTopic(name:partitions:)``.
///
/// Unknown topics are created on demand, with 4 partitions, when a client asks for them with
/// auto-creation allowed: producers do by default (`allow.auto.create.topics` is true for
/// producers), so producing to a new topic just works; consumers do not (it is false for
/// consumers), so subscribing to a topic nobody created reports "unknown topic" until it exists.
public final class EmbeddedBroker: Sendable {
    /// The default number of partitions of the keyed input topics, ``partitionedTopics``.
    public static let defaultPartitions = 4

    /// The input topics keyed by customer: `events` and `profiles`. They must have the same
    /// partition count (a customer's profile and events meet on one partition).
    public static let partitionedTopics = daemonDefaults.eventTopics + [daemonDefaults.profilesTopic]

    /// The channels that get an `offers.<channel>` topic.
    public static let standardChannels = ["web", "app", "callcenter", "shop", "sms", "email", "push"]

    /// Every standard topic: ``partitionedTopics`` then `escalations`, `lurker.decisions`,
    /// `lurker.deadletter`, `responses` and `offers.<channel>` for ``standardChannels``.
    public static let standardTopics =
        partitionedTopics
        + [
            daemonDefaults.escalationsTopic, daemonDefaults.decisionsTopic, daemonDefaults.deadLetterTopic,
            daemonDefaults.responsesTopic,
        ]
        + standardChannels.map(daemonDefaults.offerTopic)

    /// The high-volume output topics: `lurker.decisions` and `offers.<channel>` for ``standardChannels``.
    private static let outputTopics = [daemonDefaults.decisionsTopic] + standardChannels.map(daemonDefaults.offerTopic)

    /// The daemon's default topic names, which the standard topics are.
    private static let daemonDefaults = DaemonConfiguration()

    /// Consumer properties that suit the mock cluster, for callers to merge their own over:
    /// `session.timeout.ms=6000` and `heartbeat.interval.ms=500`, so a group forms and rebalances quickly.
    public static let consumerConfiguration = KafkaConfiguration([
        "session.timeout.ms": "6000",
        "heartbeat.interval.ms": "500",
    ])

    private let cluster: RDKafkaMockCluster

    /// The comma-separated listener addresses, `127.0.0.1:PORT`, for `bootstrap.servers`.
    public var bootstrapServers: String {
        cluster.bootstrapServers
    }

    /// Starts a cluster and, unless `createsStandardTopics` is false, creates the
    /// ``standardTopics``: ``partitionedTopics`` with `partitions` partitions, `lurker.decisions` and
    /// the `offers.<channel>` topics with `outputPartitions`, the others with 1.
    ///
    /// - Parameters:
    ///   - brokers: The number of brokers; default 1.
    ///   - partitions: The partition count of `events` and `profiles`; default 4.
    ///   - outputPartitions: The partition count of `lurker.decisions` and the `offers.<channel>`
    ///     topics; default 1.
    ///   - createsStandardTopics: Whether to create the standard topics; default true.
    /// - Throws: ``KafkaError/Code/embeddedBroker``.
    public init(
        brokers: Int = 1, partitions: Int = defaultPartitions, outputPartitions: Int = 1, createsStandardTopics: Bool = true
    ) throws {
        precondition(brokers > 0, "a cluster needs at least one broker")
        precondition(partitions > 0 && outputPartitions > 0, "a topic needs at least one partition")
        cluster = try RDKafkaMockCluster(brokers: Int32(clamping: brokers))
        if createsStandardTopics {
            for topic in Self.standardTopics {
                let count =
                    Self.partitionedTopics.contains(topic) ? partitions : Self.outputTopics.contains(topic) ? outputPartitions : 1
                try createTopic(name: topic, partitions: count)
            }
        }
    }

    /// Creates a topic with `partitions` partitions (replication factor 1).
    ///
    /// - Throws: ``KafkaError/Code/embeddedBroker`` (for example when it exists),
    ///   ``KafkaError/Code/closed`` after ``close()``.
    public func createTopic(name: String, partitions: Int) throws {
        precondition(partitions > 0, "a topic needs at least one partition")
        try cluster.createTopic(name, partitions: Int32(clamping: partitions))
    }

    /// Stops the listeners and drops all data; calling it again does nothing. Clients still
    /// connected see their connections fail.
    public func close() {
        cluster.close()
    }
}
