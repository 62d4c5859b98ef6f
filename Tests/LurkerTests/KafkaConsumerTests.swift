import Foundation
import Testing

@testable import Lurker

@Suite struct KafkaConsumerTests {
    /// Collects rebalance events from the handler.
    final class Rebalances: @unchecked Sendable {
        // @unchecked: `events` is only touched under `lock`.
        private let lock = NSLock()
        private var events: [RebalanceEvent] = []

        func append(_ event: RebalanceEvent) {
            lock.withLock { events.append(event) }
        }

        var all: [RebalanceEvent] {
            lock.withLock { events }
        }
    }

    /// Produces `lines` (`key:value`) with kcat.
    private static func kcatProduce(_ broker: EmbeddedBroker, topic: String, _ lines: [String]) throws {
        let produced = try KafkaFixture.kcat(
            ["-P", "-b", broker.bootstrapServers, "-t", topic, "-K", ":"],
            input: lines.joined(separator: "\n") + "\n"
        )
        #expect(produced.status == 0, "\(produced.errors)")
    }

    private static func text(_ bytes: [UInt8]?) -> String? {
        bytes.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func readsKcatRecordsWithKeysInOrderPerPartition() async throws {
        let broker = try EmbeddedBroker(partitions: 4)
        defer { broker.close() }
        let rebalances = Rebalances()
        let lines = (0..<80).map { "customer-\($0 % 9):event-\($0)" }
        let messages = try await KafkaFixture.blocking {
            try Self.kcatProduce(broker, topic: "events", lines)
            let consumer = try KafkaConsumer(
                configuration: KafkaFixture.consumerConfiguration(broker, group: KafkaFixture.uniqueGroup()),
                topics: ["events", "profiles"],
                logger: KafkaFixture.logger,
                rebalanceHandler: rebalances.append
            )
            defer { consumer.close() }
            let messages = try KafkaFixture.consume(consumer, count: lines.count, within: 15)
            #expect(try KafkaFixture.drain(consumer, for: 0.3).isEmpty)
            return messages
        }
        #expect(messages.count == lines.count)
        #expect(Set(messages.map { "\(Self.text($0.key) ?? ""):\(Self.text($0.value) ?? "")" }) == Set(lines))
        #expect(messages.allSatisfy { $0.topic == "events" && $0.headers.isEmpty && $0.timestamp != nil })
        // Each key lives on one partition, in the order kcat produced it, at consecutive offsets.
        for key in Set(messages.compactMap { Self.text($0.key) }) {
            let ofKey = messages.filter { Self.text($0.key) == key }
            #expect(Set(ofKey.map(\.partition)).count == 1)
            #expect(ofKey.map { Self.text($0.value)! } == lines.filter { $0.hasPrefix("\(key):") }.map { String($0.dropFirst(key.count + 1)) })
        }
        for partition in Set(messages.map(\.partition)) {
            let offsets = messages.filter { $0.partition == partition }.map(\.offset)
            #expect(offsets == Array(0..<Int64(offsets.count)))
        }
        // The group assigns all 8 partitions of both topics at once, and takes them back on close.
        let everything = Set(
            ["events", "profiles"].flatMap { topic in (0..<4).map { TopicPartition(topic: topic, partition: Int32($0)) } }
        )
        let events = rebalances.all
        guard case .assigned(let assigned) = events.first, case .revoked(let revoked) = events.last else {
            Issue.record("expected an assignment, then a revocation: \(events)")
            return
        }
        #expect(events.count == 2)
        #expect(Set(assigned) == everything)
        #expect(Set(revoked) == everything)
    }

    @Test func secondConsumerOfGroupStartsAfterLastStoredOffset() async throws {
        let broker = try EmbeddedBroker()
        defer { broker.close() }
        let group = KafkaFixture.uniqueGroup()
        let configuration = KafkaFixture.consumerConfiguration(broker, group: group)
        let (first, second) = try await KafkaFixture.blocking {
            try Self.kcatProduce(broker, topic: "responses", (0..<20).map { "k:\($0)" })
            let consumer = try KafkaConsumer(configuration: configuration, topics: ["responses"], logger: KafkaFixture.logger)
            let first = try KafkaFixture.consume(consumer, count: 20, within: 15)
            // Finished the first 13 (offsets 0...12); the rest were read but not finished.
            try consumer.storeOffset(topic: "responses", partition: 0, offset: 12)
            consumer.close()

            let successor = try KafkaConsumer(configuration: configuration, topics: ["responses"], logger: KafkaFixture.logger)
            defer { successor.close() }
            var second = try KafkaFixture.consume(successor, count: 7, within: 15)
            second += try KafkaFixture.drain(successor, for: 0.3)
            return (first, second)
        }
        #expect(first.map(\.offset) == Array(0..<20))
        #expect(second.map(\.offset) == Array(13..<20))
        #expect(second.map { Self.text($0.value) } == (13..<20).map { "\($0)" })
    }

    @Test func commitMakesStoredOffsetsDurableImmediately() async throws {
        let broker = try EmbeddedBroker()
        defer { broker.close() }
        let group = KafkaFixture.uniqueGroup()
        var manual = KafkaFixture.consumerConfiguration(broker, group: group)
        manual["enable.auto.commit"] = "false"
        let configuration = manual
        let committed = try await KafkaFixture.blocking {
            try Self.kcatProduce(broker, topic: "escalations", (0..<5).map { "k:\($0)" })
            let consumer = try KafkaConsumer(configuration: configuration, topics: ["escalations"], logger: KafkaFixture.logger)
            defer { consumer.close() }
            let messages = try KafkaFixture.consume(consumer, count: 5, within: 15)
            try consumer.commit()  // nothing stored yet: no error
            try consumer.storeOffset(after: messages[3])
            try consumer.commit()
            // A foreign client (confluent-kafka) reads the group's committed position.
            return try KafkaFixture.python(
                """
                import sys
                from confluent_kafka import Consumer, TopicPartition
                consumer = Consumer({"bootstrap.servers": sys.argv[1], "group.id": sys.argv[2]})
                print(consumer.committed([TopicPartition("escalations", 0)], timeout=10)[0].offset)
                consumer.close()
                """,
                arguments: [broker.bootstrapServers, group]
            )
        }
        #expect(committed.output == "4\n", "\(committed.errors)")
    }

    @Test func pausedPartitionsDeliverNothingUntilResumed() async throws {
        let broker = try EmbeddedBroker()
        defer { broker.close() }
        let (whilePaused, afterResume) = try await KafkaFixture.blocking {
            let consumer = try KafkaConsumer(
                configuration: KafkaFixture.consumerConfiguration(broker, group: KafkaFixture.uniqueGroup()),
                topics: ["offers.app"],
                logger: KafkaFixture.logger
            )
            defer { consumer.close() }
            try KafkaFixture.waitForAssignment(consumer, within: 15)
            let assignment = consumer.assignment()
            #expect(assignment == [TopicPartition(topic: "offers.app", partition: 0)])
            try consumer.pause(assignment)
            try Self.kcatProduce(broker, topic: "offers.app", (0..<5).map { "k:\($0)" })
            let whilePaused = try KafkaFixture.drain(consumer, for: 1)
            try consumer.resume(assignment)
            let afterResume = try KafkaFixture.consume(consumer, count: 5, within: 10)
            return (whilePaused.count, afterResume.map(\.offset))
        }
        #expect(whilePaused == 0)
        #expect(afterResume == Array(0..<5))
    }

    @Test func storingOffsetOfUnassignedPartitionThrows() async throws {
        let broker = try EmbeddedBroker()
        defer { broker.close() }
        try await KafkaFixture.blocking {
            let consumer = try KafkaConsumer(
                configuration: KafkaFixture.consumerConfiguration(broker, group: KafkaFixture.uniqueGroup()),
                topics: ["offers.shop"],
                logger: KafkaFixture.logger
            )
            defer { consumer.close() }
            #expect {
                try consumer.storeOffset(topic: "offers.shop", partition: 0, offset: 0)
            } throws: { error in
                (error as? KafkaError)?.code == .offsetStore
            }
        }
    }

    @Test func pollAfterCloseThrowsClosedAndCloseIsIdempotent() async throws {
        let broker = try EmbeddedBroker()
        defer { broker.close() }
        try await KafkaFixture.blocking {
            let consumer = try KafkaConsumer(
                configuration: KafkaFixture.consumerConfiguration(broker, group: KafkaFixture.uniqueGroup()),
                topics: ["offers.email"],
                logger: KafkaFixture.logger
            )
            consumer.close()
            consumer.close()
            #expect(consumer.assignment().isEmpty)
            var messages: [KafkaMessage] = []
            #expect {
                try consumer.poll(timeout: 0, into: &messages, max: 10)
            } throws: { error in
                (error as? KafkaError)?.code == .closed
            }
        }
    }

    @Test func unknownPropertyFailsWithLibrdkafkasMessage() {
        var configuration = KafkaConfiguration()
        configuration["foo"] = "bar"
        #expect {
            _ = try KafkaConsumer(configuration: configuration, topics: ["events"])
        } throws: { error in
            let error = error as? KafkaError
            return error?.code == .configuration && error?.reason == "No such configuration property: \"foo\""
        }
    }
}
