/// The outcome of one ``KafkaProducer/send(topic:key:value:headers:token:)``, handed to the
/// producer's delivery handler during ``KafkaProducer/poll(timeout:)`` or
/// ``KafkaProducer/flush(timeout:)``.
///
/// Every message accepted by `send` gets exactly one report, including messages discarded by
/// ``KafkaProducer/close()``.
public struct DeliveryReport: Sendable {
    /// The token given to `send`.
    public var token: UInt64
    /// The topic the message was sent to.
    public var topic: String
    /// The partition it was written to (or chosen for it), `-1` when none was chosen.
    public var partition: Int32
    /// Its offset in the partition, or `nil` when unknown (failed, or a retried idempotent
    /// message whose first acknowledgement was lost).
    public var offset: Int64?
    /// Why delivery failed, or `nil` when the message was written.
    public var error: KafkaError?

    /// Creates a report.
    public init(token: UInt64, topic: String, partition: Int32, offset: Int64?, error: KafkaError?) {
        self.token = token
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.error = error
    }
}
