import CKafka

/// An owned `rd_kafka_topic_partition_list_t`, destroyed with this value.
struct RDKafkaTopicPartitionList: ~Copyable {
    /// The C list.
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    /// A list of the given partitions (offsets left unset).
    init(_ partitions: some Collection<TopicPartition>) {
        pointer = rd_kafka_topic_partition_list_new(Int32(clamping: partitions.count))
        for partition in partitions {
            rd_kafka_topic_partition_list_add(pointer, partition.topic, partition.partition)
        }
    }

    /// A list of whole topics (partition `RD_KAFKA_PARTITION_UA`), as `rd_kafka_subscribe` wants.
    init(topics: [String]) {
        pointer = rd_kafka_topic_partition_list_new(Int32(clamping: topics.count))
        for topic in topics {
            rd_kafka_topic_partition_list_add(pointer, topic, RD_KAFKA_PARTITION_UA)
        }
    }

    /// A list with one partition and its offset.
    init(_ partition: TopicPartition, offset: Int64) {
        pointer = rd_kafka_topic_partition_list_new(1)
        rd_kafka_topic_partition_list_add(pointer, partition.topic, partition.partition)
            .pointee.offset = offset
    }

    /// Takes ownership of a list librdkafka returned.
    init(owning pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        self.pointer = pointer
    }

    deinit {
        rd_kafka_topic_partition_list_destroy(pointer)
    }

    /// The partitions in the list.
    var partitions: [TopicPartition] {
        Self.partitions(of: pointer)
    }

    /// The first per-partition error as a ``KafkaError`` with `code`, its reason naming the partition
    /// (`events[0]: <librdkafka's text>`); nil when no partition has one.
    func firstError(_ code: KafkaError.Code) -> KafkaError? {
        let list = pointer.pointee
        for index in 0..<Int(list.cnt) {
            let element = list.elems[index]
            if element.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                let partition = TopicPartition(topic: String(cString: element.topic), partition: element.partition)
                return RDKafka.error(code, element.err, reason: "\(partition): \(String(cString: rd_kafka_err2str(element.err)))")
            }
        }
        return nil
    }

    /// The partitions of a list librdkafka owns.
    static func partitions(of pointer: UnsafePointer<rd_kafka_topic_partition_list_t>?) -> [TopicPartition] {
        guard let list = pointer?.pointee else { return [] }
        return (0..<Int(list.cnt)).map { index in
            let element = list.elems[index]
            return TopicPartition(topic: String(cString: element.topic), partition: element.partition)
        }
    }
}
