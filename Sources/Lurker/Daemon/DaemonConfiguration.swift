/// What `lurker run` needs: where campaigns are, which topics, and how to reach Kafka.
public struct DaemonConfiguration: Sendable {
    /// The folder of `.lurk` files. Default `campaigns`.
    public var campaignsPath = "campaigns"
    /// The topics channel events are read from. Default `["events"]`.
    public var eventTopics = ["events"]
    /// The topic of customer profiles (key = customer id, value = the profile, null = forget). Default `profiles`.
    public var profilesTopic = "profiles"
    /// Every decision goes here. Default `lurker.decisions`.
    public var decisionsTopic = "lurker.decisions"
    /// Sent escalations go here. Default `escalations`.
    public var escalationsTopic = "escalations"
    /// Events that are not valid go here with the reason in a header. Default `lurker.deadletter`.
    public var deadLetterTopic = "lurker.deadletter"
    /// Channels report what customers did with offers here; empty: responses are not read. Default
    /// `responses`.
    public var responsesTopic = "responses"
    /// Sent offers go to this prefix followed by the channel. Default `offers.`.
    public var offerTopicPrefix = "offers."
    /// The consumer group. Default `lurker`.
    public var groupID = "lurker"
    /// librdkafka properties for both clients (`bootstrap.servers` at least), applied over the defaults.
    public var kafka = KafkaConfiguration()
    /// librdkafka properties for the consumer only (`session.timeout.ms`, `fetch.wait.max.ms`, …), applied
    /// over ``kafka``. Default none.
    public var consumerKafka = KafkaConfiguration()
    /// After this long without an event on a partition, its clock follows the wall clock. Default 5 s.
    public var idleMilliseconds: Int64 = 5_000
    /// The most messages taken from the consumer at once. Default 1000.
    public var batchSize = 1000
    /// Where the HTTP endpoint (`/metrics`, `/healthz`, `/readyz`, `/campaigns` and the campaign page `/`)
    /// listens, as `HOST:PORT`; port 0 takes any free port. Default `127.0.0.1:9464`: reachable from this
    /// machine only.
    public var metricsAddress = "127.0.0.1:9464"
    /// How often the campaign files' sizes and modification times are compared with the last look; a
    /// change seen twice in a row is reloaded. 0: reload on SIGHUP only. Default 1 s.
    public var campaignsPollMilliseconds: Int64 = 1_000
    /// How many recent sent and held-out decisions are remembered to tell a response treated or control
    /// (about 30 bytes each). Default 1,000,000.
    public var rememberedDecisions = 1_000_000

    /// Creates the default configuration.
    public init() {}

    /// The librdkafka statistics interval set when ``kafka`` sets none: 5 s.
    static let defaultStatisticsInterval = "5000"

    /// The topics read: ``eventTopics``, then ``profilesTopic``, then ``responsesTopic`` unless it is empty.
    public var inputTopics: [String] {
        eventTopics + [profilesTopic] + (responsesTopic.isEmpty ? [] : [responsesTopic])
    }

    /// The topic a sent offer on `channel` goes to.
    public func offerTopic(_ channel: String) -> String {
        offerTopicPrefix + channel
    }
}
