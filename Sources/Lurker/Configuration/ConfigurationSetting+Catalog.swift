import Logging

extension ConfigurationSetting {
    /// Every setting of `lurker run` except the librdkafka properties (the `kafka:` and `kafka_consumer:`
    /// sections), in reference order.
    public static let all: [ConfigurationSetting] = [
        campaigns, bootstrapServers, group,
        eventsTopics, profilesTopic, decisionsTopic, escalationsTopic, deadLetterTopic, responsesTopic, offerTopicPrefix,
        idleThreshold, batchSize, logLevel, logFormat, metricsAddress,
    ]

    /// `campaigns`: the folder of `.lurk` files. Default `campaigns`.
    public static let campaigns = ConfigurationSetting(
        key: "campaigns", flag: "campaigns", valueName: "DIR", kind: .string(allowsEmpty: false),
        summary: "The folder of .lurk campaign files.",
        read: { .string($0.daemon.campaignsPath) }, write: { $0.daemon.campaignsPath = $1.stringValue })

    /// `bootstrap_servers`: librdkafka's `bootstrap.servers`. Default `127.0.0.1:9092`.
    public static let bootstrapServers = ConfigurationSetting(
        key: "bootstrap_servers", flag: "bootstrap-servers", valueName: "HOST:PORT,...", kind: .string(allowsEmpty: false),
        summary: "Kafka bootstrap servers, comma-separated (librdkafka's bootstrap.servers).",
        read: { .string($0.daemon.kafka.bootstrapServers ?? "") }, write: { $0.daemon.kafka.bootstrapServers = $1.stringValue })

    /// `group`: the consumer group. Default `lurker`.
    public static let group = ConfigurationSetting(
        key: "group", flag: "group", valueName: "NAME", kind: .string(allowsEmpty: false),
        summary: "The consumer group; instances with the same group share the partitions.",
        read: { .string($0.daemon.groupID) }, write: { $0.daemon.groupID = $1.stringValue })

    /// `topics.events`: the topics of channel events. Default `[events]`.
    public static let eventsTopics = ConfigurationSetting(
        key: "topics.events", flag: "events-topic", valueName: "TOPIC", kind: .list,
        summary: "The topics of channel events (the flag repeats; the variable is comma-separated).",
        read: { .list($0.daemon.eventTopics) }, write: { $0.daemon.eventTopics = $1.listValue })

    /// `topics.profiles`: the topic of customer profiles. Default `profiles`.
    public static let profilesTopic = ConfigurationSetting(
        key: "topics.profiles", flag: "profiles-topic", valueName: "TOPIC", kind: .string(allowsEmpty: false),
        summary: "The topic of customer profiles, co-partitioned with the events topics.",
        read: { .string($0.daemon.profilesTopic) }, write: { $0.daemon.profilesTopic = $1.stringValue })

    /// `topics.decisions`: every decision goes here. Default `lurker.decisions`.
    public static let decisionsTopic = ConfigurationSetting(
        key: "topics.decisions", flag: "decisions-topic", valueName: "TOPIC", kind: .string(allowsEmpty: false),
        summary: "The topic every decision goes to.",
        read: { .string($0.daemon.decisionsTopic) }, write: { $0.daemon.decisionsTopic = $1.stringValue })

    /// `topics.escalations`: sent escalations go here. Default `escalations`.
    public static let escalationsTopic = ConfigurationSetting(
        key: "topics.escalations", flag: "escalations-topic", valueName: "TOPIC", kind: .string(allowsEmpty: false),
        summary: "The topic sent escalations go to.",
        read: { .string($0.daemon.escalationsTopic) }, write: { $0.daemon.escalationsTopic = $1.stringValue })

    /// `topics.dead_letter`: invalid messages go here. Default `lurker.deadletter`.
    public static let deadLetterTopic = ConfigurationSetting(
        key: "topics.dead_letter", flag: "dead-letter-topic", valueName: "TOPIC", kind: .string(allowsEmpty: false),
        summary: "The topic invalid messages go to, with the reason in a header.",
        read: { .string($0.daemon.deadLetterTopic) }, write: { $0.daemon.deadLetterTopic = $1.stringValue })

    /// `topics.responses`: what customers did with offers. Default `responses`.
    public static let responsesTopic = ConfigurationSetting(
        key: "topics.responses", flag: "responses-topic", valueName: "TOPIC", kind: .string(allowsEmpty: false),
        summary: "The topic channels report responses to offers on (accepted, declined).",
        read: { .string($0.daemon.responsesTopic) }, write: { $0.daemon.responsesTopic = $1.stringValue })

    /// `topics.offer_prefix`: sent offers go to this prefix and the channel. Default `offers.`.
    public static let offerTopicPrefix = ConfigurationSetting(
        key: "topics.offer_prefix", flag: "offer-topic-prefix", valueName: "PREFIX", kind: .string(allowsEmpty: true),
        summary: "Sent offers go to this prefix followed by the channel (offers.web, offers.sms).",
        read: { .string($0.daemon.offerTopicPrefix) }, write: { $0.daemon.offerTopicPrefix = $1.stringValue })

    /// `idle_threshold_ms`: the idle rule's threshold. Default 5000.
    public static let idleThreshold = ConfigurationSetting(
        key: "idle_threshold_ms", flag: "idle-threshold-ms", valueName: "MS", kind: .integer(minimum: 1),
        summary: "After this many milliseconds without an event on a partition, its clock follows the wall clock.",
        read: { .integer(Int($0.daemon.idleMilliseconds)) }, write: { $0.daemon.idleMilliseconds = Int64($1.integerValue) })

    /// `batch_size`: the most messages taken from the consumer at once. Default 1000.
    public static let batchSize = ConfigurationSetting(
        key: "batch_size", flag: "batch-size", valueName: "N", kind: .integer(minimum: 1),
        summary: "The most messages taken from the consumer at once.",
        read: { .integer($0.daemon.batchSize) }, write: { $0.daemon.batchSize = $1.integerValue })

    /// `log.level`: the least severe level logged. Default `info`.
    public static let logLevel = ConfigurationSetting(
        key: "log.level", flag: "log-level", valueName: "LEVEL", kind: .choice(Logger.Level.allCases.map(\.rawValue)),
        summary: "The least severe level logged.",
        read: { .string($0.logLevel.rawValue) }, write: { $0.logLevel = Logger.Level(rawValue: $1.stringValue)! })

    /// `log.format`: `logfmt` or `json` lines. Default `logfmt`.
    public static let logFormat = ConfigurationSetting(
        key: "log.format", flag: "log-format", valueName: "FORMAT", kind: .choice(LogFormat.allCases.map(\.rawValue)),
        summary: "Log lines as logfmt or JSON, one per record, on standard error.",
        read: { .string($0.logFormat.rawValue) }, write: { $0.logFormat = LogFormat(rawValue: $1.stringValue)! })

    /// `metrics.address`: where `/metrics`, `/healthz` and `/readyz` listen. Default `127.0.0.1:9464`.
    public static let metricsAddress = ConfigurationSetting(
        key: "metrics.address", flag: "metrics-address", valueName: "HOST:PORT", kind: .address,
        summary: "Where the HTTP endpoint (/metrics, /healthz, /readyz) listens; 0.0.0.0:9464 for every interface.",
        read: { .string($0.daemon.metricsAddress) }, write: { $0.daemon.metricsAddress = $1.stringValue })

    /// The setting with this file key, if any.
    public static func named(_ key: String) -> ConfigurationSetting? {
        all.first { $0.key == key }
    }
}
