import Foundation

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
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            return nil
        }
        role = object["type"] as? String ?? ""
        queuedMessages = (object["msg_cnt"] as? NSNumber)?.intValue ?? 0
        consumerLag = [:]
        for (topic, value) in object["topics"] as? [String: Any] ?? [:] {
            let partitions = (value as? [String: Any])?["partitions"] as? [String: Any] ?? [:]
            for case let (_, partition as [String: Any]) in partitions {
                guard let number = (partition["partition"] as? NSNumber)?.int32Value, number >= 0,
                    let lag = (partition["consumer_lag"] as? NSNumber)?.int64Value, lag >= 0
                else { continue }
                consumerLag[TopicPartition(topic: topic, partition: number)] = lag
            }
        }
    }
}
