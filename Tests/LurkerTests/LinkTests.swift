import CKafka
import Testing

@Suite struct LinkTests {
    @Test func linksLibrdkafka() {
        #expect(rd_kafka_version() > 0)
    }
}
