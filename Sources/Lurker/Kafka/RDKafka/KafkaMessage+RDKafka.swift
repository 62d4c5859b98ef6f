import CKafka
import Foundation

extension KafkaMessage {
    /// Copies a consumed librdkafka message: key and value are copied once out of its buffer.
    ///
    /// `knownTopics` are reused as the topic name when one matches, so the common case
    /// allocates no topic string.
    init(_ message: UnsafePointer<rd_kafka_message_t>, knownTopics: [String]) {
        let raw = message.pointee
        let topicName = rd_kafka_topic_name(raw.rkt)!
        let topic =
            knownTopics.first { known in known.withCString { strcmp($0, topicName) == 0 } }
            ?? String(cString: topicName)

        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)

        var headers: [(String, [UInt8])] = []
        var headerList: OpaquePointer?
        if rd_kafka_message_headers(message, &headerList) == RD_KAFKA_RESP_ERR_NO_ERROR, let headerList {
            var index = 0
            var name: UnsafePointer<CChar>?
            var value: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(headerList, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                headers.append((name.map { String(cString: $0) } ?? "", Self.copy(value, size) ?? []))
                index += 1
            }
        }

        self.init(
            topic: topic,
            partition: raw.partition,
            offset: raw.offset,
            key: Self.copy(raw.key, raw.key_len),
            value: Self.copy(raw.payload, raw.len),
            timestamp: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE || timestamp < 0 ? nil : timestamp,
            headers: headers
        )
    }

    private static func copy(_ bytes: UnsafeRawPointer?, _ count: Int) -> [UInt8]? {
        guard let bytes else { return nil }
        return [UInt8](UnsafeRawBufferPointer(start: bytes, count: count))
    }
}
