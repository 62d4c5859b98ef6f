/// Where an event was read: its topic, partition and offset. Decision ids derive from it, so a redelivered
/// event gives the same ids. Replay reads a file as partition 0 of `events`, the offset being the index of
/// the line among the non-blank lines.
public struct EventReference: Sendable, Hashable {
    /// The topic the event was read from.
    public var topic: String
    /// The partition.
    public var partition: Int32
    /// The offset within the partition.
    public var offset: Int64

    /// Creates a reference.
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}
