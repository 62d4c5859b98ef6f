/// A change of the partitions assigned to a ``KafkaConsumer`` by its group.
///
/// With the default cooperative-sticky strategy the lists are increments: `.assigned` adds
/// partitions to those already held and `.revoked` removes some, the others stay.
public enum RebalanceEvent: Hashable, Sendable {
    /// These partitions now belong to this consumer; consumption starts at their committed
    /// offset (or `auto.offset.reset`).
    case assigned([TopicPartition])
    /// These partitions are being taken away. The handler runs before they go: finish their
    /// in-flight work and store its offsets; the consumer then commits the stored offsets
    /// (with `enable.auto.commit=true`) and gives the partitions up. When the assignment was
    /// lost (session timeout), there is nothing to commit: the partitions are already elsewhere.
    case revoked([TopicPartition])
}
