/// The metadata keys of Lurker's log records: the one place they are spelled. Keys are dotted, by the
/// system they describe (`kafka.*`) or Lurker's own (`lurker.*`).
enum LogKey {
    /// librdkafka's error name (`_TRANSPORT`, `UNKNOWN_TOPIC_OR_PART`, …).
    static let kafkaError = "kafka.error"
    /// librdkafka's log facility.
    static let kafkaFacility = "kafka.facility"
    /// librdkafka's version.
    static let kafkaLibrdkafka = "kafka.librdkafka"
    /// A topic.
    static let kafkaTopic = "kafka.topic"
    /// A partition number.
    static let kafkaPartition = "kafka.partition"
    /// An offset.
    static let kafkaOffset = "kafka.offset"
    /// A list of partitions, `topic[n],…`.
    static let kafkaPartitions = "kafka.partitions"
    /// A size in bytes.
    static let kafkaBytes = "kafka.bytes"
    /// A dead-letter reason.
    static let reason = "lurker.reason"
    /// A number of campaigns.
    static let campaigns = "lurker.campaigns"
    /// A number of events.
    static let events = "lurker.events"
    /// The campaigns a reload added, comma-separated.
    static let added = "lurker.added"
    /// The campaigns a reload removed, comma-separated.
    static let removed = "lurker.removed"
    /// The campaigns a reload kept with another definition, comma-separated.
    static let modified = "lurker.modified"
    /// A campaign file or folder.
    static let path = "lurker.path"
    /// What made a reload happen: `change` (of the files) or `signal` (SIGHUP).
    static let trigger = "lurker.trigger"
    /// The address the HTTP endpoint listens on.
    static let address = "lurker.address"
}
