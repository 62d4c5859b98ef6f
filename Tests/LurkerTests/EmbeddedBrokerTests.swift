import Foundation
import Testing

@testable import Lurker

@Suite struct EmbeddedBrokerTests {
    /// The partition count of each topic as kcat sees it in the cluster's metadata.
    private static func partitionCounts(_ broker: EmbeddedBroker, topic: String? = nil) throws -> [String: Int] {
        var arguments = ["-L", "-J", "-b", broker.bootstrapServers]
        if let topic {
            arguments += ["-t", topic]
        }
        let listing = try KafkaFixture.kcat(arguments)
        #expect(listing.status == 0, "\(listing.errors)")
        let metadata = try JSONSerialization.jsonObject(with: Data(listing.output.utf8)) as? [String: Any]
        let topics = metadata?["topics"] as? [[String: Any]] ?? []
        var counts: [String: Int] = [:]
        for entry in topics {
            if let name = entry["topic"] as? String, let partitions = entry["partitions"] as? [Any] {
                counts[name] = partitions.count
            }
        }
        return counts
    }

    @Test func listensOnLoopback() throws {
        let broker = try EmbeddedBroker(createsStandardTopics: false)
        defer { broker.close() }
        #expect(broker.bootstrapServers.hasPrefix("127.0.0.1:"))
    }

    @Test func createsStandardTopicsWithEventsAndProfilesPartitioned() async throws {
        let broker = try EmbeddedBroker(partitions: 3)
        defer { broker.close() }
        let counts = try await KafkaFixture.blocking { try Self.partitionCounts(broker) }
        var expected: [String: Int] = [:]
        for topic in [
            "escalations", "lurker.decisions", "lurker.deadletter", "responses",
            "offers.web", "offers.app", "offers.callcenter", "offers.shop", "offers.sms", "offers.email",
            "offers.push",
        ] {
            expected[topic] = 1
        }
        expected["events"] = 3
        expected["profiles"] = 3
        #expect(counts == expected)
        #expect(Set(EmbeddedBroker.standardTopics) == Set(expected.keys))
    }

    @Test func producingToUnknownTopicCreatesItWithFourPartitions() async throws {
        let broker = try EmbeddedBroker(createsStandardTopics: false)
        defer { broker.close() }
        let counts = try await KafkaFixture.blocking {
            let produced = try KafkaFixture.kcat(["-P", "-b", broker.bootstrapServers, "-t", "fresh"], input: "hello\n")
            #expect(produced.status == 0, "\(produced.errors)")
            return try Self.partitionCounts(broker)
        }
        #expect(counts == ["fresh": 4])
    }

    @Test func creatingAnExistingTopicFails() throws {
        let broker = try EmbeddedBroker(createsStandardTopics: false)
        defer { broker.close() }
        try broker.createTopic(name: "once", partitions: 2)
        #expect {
            try broker.createTopic(name: "once", partitions: 2)
        } throws: { error in
            (error as? KafkaError)?.code == .embeddedBroker
        }
    }

    @Test func closeIsIdempotentAndRefusesNewTopics() throws {
        let broker = try EmbeddedBroker(createsStandardTopics: false)
        broker.close()
        broker.close()
        #expect {
            try broker.createTopic(name: "late", partitions: 1)
        } throws: { error in
            (error as? KafkaError)?.code == .closed
        }
    }
}
