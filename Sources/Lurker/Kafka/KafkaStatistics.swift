import RuleDSL

/// The part of librdkafka's statistics (emitted every `statistics.interval.ms` as JSON, see librdkafka's
/// STATISTICS.md) that Lurker exports: consumer lag per partition and the producer's queue.
public struct KafkaStatistics: Sendable, Equatable {
    /// The client's role: `consumer` or `producer` (librdkafka's `type`).
    public var role: String
    /// Messages in the client's queues waiting for the brokers (`msg_cnt`): the producer's queue depth.
    public var queuedMessages: Int
    /// Per partition the consumer fetches from, the messages between its position and the end of the
    /// partition (`consumer_lag`); partitions whose lag is unknown (not assigned, nothing fetched yet) are
    /// left out.
    public var consumerLag: [TopicPartition: Int64]

    /// Creates statistics.
    public init(role: String, queuedMessages: Int, consumerLag: [TopicPartition: Int64]) {
        self.role = role
        self.queuedMessages = queuedMessages
        self.consumerLag = consumerLag
    }

    /// Reads the statistics JSON librdkafka emitted; nil when it is not a JSON object. Missing fields
    /// read as zero or absent.
    public init?(json: [UInt8]) {
        guard case .object(let object)? = try? JSONReader().read(json) else {
            return nil
        }
        if case .string(let type) = object["type"] { role = type } else { role = "" }
        queuedMessages = Self.integer(object["msg_cnt"]).map { Int($0) } ?? 0
        consumerLag = [:]
        guard case .object(let topics) = object["topics"] else { return }
        for topic in topics.members {
            guard case .object(let fields) = topic.value, case .object(let partitions) = fields["partitions"] else {
                continue
            }
            for case .object(let partition) in partitions.members.map(\.value) {
                guard let number = Self.integer(partition["partition"]).flatMap(Int32.init(exactly:)), number >= 0,
                    let lag = Self.integer(partition["consumer_lag"]), lag >= 0
                else { continue }
                consumerLag[TopicPartition(topic: topic.key, partition: number)] = lag
            }
        }
    }

    /// A JSON number as a whole number, its fraction dropped; nil for anything else or a number out of range.
    private static func integer(_ value: Value) -> Int64? {
        guard case .number(let number) = value else { return nil }
        return Int64(exactly: number.rounded(.towardZero))
    }
}
