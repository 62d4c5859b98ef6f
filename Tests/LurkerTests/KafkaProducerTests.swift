import Foundation
import Testing

@testable import Lurker

@Suite struct KafkaProducerTests {
    /// Collects delivery reports from the handler.
    final class Reports: @unchecked Sendable {
        // @unchecked: `reports` is only touched under `lock`.
        private let lock = NSLock()
        private var reports: [DeliveryReport] = []

        func append(_ report: DeliveryReport) {
            lock.withLock { reports.append(report) }
        }

        var all: [DeliveryReport] {
            lock.withLock { reports }
        }
    }

    @Test func keyedRecordsWithHeadersAreReadBackExactlyByKcat() async throws {
        let broker = try EmbeddedBroker()
        defer { broker.close() }
        let reports = Reports()
        let count = 50
        let lines = try await KafkaFixture.blocking {
            let producer = try KafkaProducer(
                configuration: KafkaFixture.producerConfiguration(broker),
                logger: KafkaFixture.logger,
                deliveryHandler: reports.append
            )
            defer { producer.close() }
            for index in 0..<count {
                try producer.send(
                    topic: "lurker.decisions",
                    key: Array("customer-\(index)".utf8),
                    value: Array("decision \(index)".utf8),
                    headers: [("campaign", Array("c\(index % 3)".utf8)), ("version", Array("1".utf8))],
                    token: UInt64(1000 + index)
                )
            }
            try producer.flush(timeout: 10_000)
            #expect(producer.outstanding == 0)
            let read = try KafkaFixture.kcat([
                "-C", "-b", broker.bootstrapServers, "-t", "lurker.decisions", "-o", "beginning", "-e",
                "-f", "%k\t%s\t%h\n",
            ])
            #expect(read.status == 0, "\(read.errors)")
            return read.output.split(separator: "\n").map(String.init)
        }
        #expect(lines == (0..<count).map { "customer-\($0)\tdecision \($0)\tcampaign=c\($0 % 3),version=1" })

        let delivered = reports.all
        #expect(delivered.map(\.token) == (0..<count).map { UInt64(1000 + $0) })
        #expect(delivered.allSatisfy { $0.error == nil && $0.topic == "lurker.decisions" && $0.partition == 0 })
        #expect(delivered.map(\.offset) == (0..<count).map { Int64($0) })
    }

    @Test func tombstonesAndKeylessRecordsKeepTheirNulls() async throws {
        let broker = try EmbeddedBroker()
        defer { broker.close() }
        let lines = try await KafkaFixture.blocking {
            let producer = try KafkaProducer(
                configuration: KafkaFixture.producerConfiguration(broker),
                logger: KafkaFixture.logger,
                deliveryHandler: { _ in }
            )
            defer { producer.close() }
            try producer.send(topic: "responses", key: Array("gone".utf8), value: nil, token: 1)
            try producer.send(topic: "responses", key: nil, value: Array("anonymous".utf8), token: 2)
            try producer.flush(timeout: 10_000)
            let read = try KafkaFixture.kcat([
                "-C", "-b", broker.bootstrapServers, "-t", "responses", "-o", "beginning", "-e",
                "-Z", "-f", "%k|%S|%s\n",
            ])
            #expect(read.status == 0, "\(read.errors)")
            return read.output.split(separator: "\n").map(String.init)
        }
        // kcat -Z prints NULL for a null key or value; %S is the value size (-1 for null).
        #expect(lines == ["gone|-1|NULL", "NULL|9|anonymous"])
    }

    @Test func fullQueueThrowsQueueFullUntilPolled() async throws {
        let broker = try EmbeddedBroker()
        defer { broker.close() }
        try await KafkaFixture.blocking {
            var configuration = KafkaFixture.producerConfiguration(broker)
            configuration["queue.buffering.max.messages"] = "3"
            configuration["linger.ms"] = "200"
            let reports = Reports()
            let producer = try KafkaProducer(
                configuration: configuration,
                logger: KafkaFixture.logger,
                deliveryHandler: reports.append
            )
            defer { producer.close() }
            for token in 0..<3 {
                try producer.send(topic: "offers.sms", key: nil, value: [UInt8(token)], token: UInt64(token))
            }
            #expect {
                try producer.send(topic: "offers.sms", key: nil, value: [3], token: 3)
            } throws: { error in
                let error = error as? KafkaError
                return error?.isQueueFull == true && error?.isRetriable == true && error?.isFatal == false
            }
            try producer.flush(timeout: 10_000)
            try producer.send(topic: "offers.sms", key: nil, value: [3], token: 3)
            try producer.flush(timeout: 10_000)
            #expect(reports.all.map(\.token) == [0, 1, 2, 3])
            #expect(reports.all.allSatisfy { $0.error == nil })
        }
    }

    @Test func closeReportsDiscardedMessagesAsFailedAndRefusesSends() async throws {
        let broker = try EmbeddedBroker()
        defer { broker.close() }
        try await KafkaFixture.blocking {
            var configuration = KafkaFixture.producerConfiguration(broker)
            configuration["linger.ms"] = "60000"
            let reports = Reports()
            let producer = try KafkaProducer(
                configuration: configuration,
                logger: KafkaFixture.logger,
                deliveryHandler: reports.append
            )
            for token in 0..<3 {
                try producer.send(topic: "offers.push", key: nil, value: [1], token: UInt64(token))
            }
            producer.close()
            producer.close()
            #expect(reports.all.map(\.token).sorted() == [0, 1, 2])
            #expect(reports.all.allSatisfy { $0.error?.code == .delivery && $0.offset == nil })
            #expect {
                try producer.send(topic: "offers.push", key: nil, value: [1], token: 9)
            } throws: { error in
                (error as? KafkaError)?.code == .closed
            }
        }
    }

    @Test func fatalErrorSurfacesOnNextSendAndPoll() async throws {
        let broker = try EmbeddedBroker()
        defer { broker.close() }
        try await KafkaFixture.blocking {
            let producer = try KafkaProducer(
                configuration: KafkaFixture.producerConfiguration(broker),
                logger: KafkaFixture.logger,
                deliveryHandler: { _ in }
            )
            defer { producer.close() }
            try producer.send(topic: "offers.web", key: nil, value: [1], token: 1)
            try producer.flush(timeout: 10_000)
            producer.raiseFatalErrorForTesting("fenced")
            #expect {
                try producer.send(topic: "offers.web", key: nil, value: [2], token: 2)
            } throws: { error in
                let error = error as? KafkaError
                return error?.isFatal == true && error?.code == .fatal
                    && error?.reason.contains("fenced") == true
                    && error?.rdKafkaCodeName == "OUT_OF_ORDER_SEQUENCE_NUMBER"
            }
            #expect {
                try producer.poll(timeout: 0)
            } throws: { error in
                (error as? KafkaError)?.isFatal == true
            }
        }
    }

    @Test func unknownPropertyFailsWithLibrdkafkasMessage() {
        var configuration = KafkaConfiguration()
        configuration["linger.ms.typo"] = "5"
        #expect {
            _ = try KafkaProducer(configuration: configuration, deliveryHandler: { _ in })
        } throws: { error in
            let error = error as? KafkaError
            return error?.code == .configuration
                && error?.reason == "No such configuration property: \"linger.ms.typo\""
        }
    }
}
