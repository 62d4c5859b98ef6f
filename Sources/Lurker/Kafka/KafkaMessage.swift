/// A record read by a ``KafkaConsumer``, copied out of librdkafka's buffer once.
public struct KafkaMessage: Sendable {
    /// The topic it was read from.
    public var topic: String
    /// The partition it was read from.
    public var partition: Int32
    /// Its offset in the partition.
    public var offset: Int64
    /// The key, or `nil` when the record has none.
    public var key: [UInt8]?
    /// The value, or `nil` for a tombstone (a null value).
    public var value: [UInt8]?
    /// The record timestamp in epoch milliseconds (create or log-append time), or `nil` when
    /// the record has none.
    public var timestamp: Int64?
    /// The headers in record order; a header with a null value has an empty one.
    public var headers: [(String, [UInt8])]

    /// Creates a message.
    public init(
        topic: String,
        partition: Int32,
        offset: Int64,
        key: [UInt8]?,
        value: [UInt8]?,
        timestamp: Int64?,
        headers: [(String, [UInt8])]
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.headers = headers
    }

    /// The partition it was read from, as a ``TopicPartition``.
    public var topicPartition: TopicPartition {
        TopicPartition(topic: topic, partition: partition)
    }
}
