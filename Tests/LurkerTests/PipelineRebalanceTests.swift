import Foundation
import Testing

@testable import Lurker

/// Two daemons in one consumer group: when the second joins, the first gives up partitions in the middle of its
/// polls, and every event is still decided exactly once between them.
@Suite struct PipelineRebalanceTests {
    static let campaigns = """
        campaign banner {
          on page.viewed
          offer "banner" via web
          limit none
        }
        """

    static func events(_ range: Range<Int>) -> [String] {
        range.map { index in
            let customer = "c\(index % 40)"
            return #"\#(customer)|{"customer": "\#(customer)", "type": "page.viewed", "ts": "2026-11-24T10:00:00.000Z", "n": \#(index)}"#
        }
    }

    @Test func aJoiningDaemonTakesPartitionsWithoutLosingOrRepeatingAnEvent() async throws {
        let broker = try EmbeddedBroker(partitions: 4)
        defer { broker.close() }
        let group = KafkaFixture.uniqueGroup()
        let campaigns = DaemonFixture.campaigns(Self.campaigns)
        let firstStop = StopSignal()
        let secondStop = StopSignal()
        let first = DaemonFixture.start(DaemonFixture.configuration(broker, group: group), campaigns: campaigns, stop: firstStop)
        try await KafkaFixture.blocking {
            try DaemonFixture.kcatProduce(broker, topic: "events", Self.events(0..<600))
            _ = try DaemonFixture.consume(broker, topics: ["lurker.decisions"], count: 600, within: 60, settle: 0)
        }
        let secondStatus = DaemonStatus()
        let second = DaemonFixture.start(
            DaemonFixture.configuration(broker, group: group), campaigns: campaigns, stop: secondStop, status: secondStatus)
        let records = try await KafkaFixture.blocking {
            // Produced while the group rebalances: the first daemon is polling when its partitions are revoked.
            try DaemonFixture.kcatProduce(broker, topic: "events", Self.events(600..<900))
            let deadline = WallClock.monotonicMilliseconds() + 60_000
            while secondStatus.notReadyReason != nil, WallClock.monotonicMilliseconds() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
            #expect(secondStatus.notReadyReason == nil)
            // Produced once the second daemon holds partitions: both decide some.
            try DaemonFixture.kcatProduce(broker, topic: "events", Self.events(900..<1200))
            return try DaemonFixture.consume(broker, topics: ["events", "lurker.decisions"], count: 2400, within: 90, settle: 2)
        }
        secondStop.stop()
        firstStop.stop()
        let (_, firstCounters) = try await first.value
        let (_, secondCounters) = try await second.value

        #expect(firstCounters.events > 0)
        #expect(secondCounters.events > 0)
        #expect(firstCounters.events + secondCounters.events == 1200)
        let events = records.filter { $0.topic == "events" }
        #expect(events.count == 1200)
        let expected = events.map { event in
            FNV1a.hex(FNV1a.decisionID(
                campaign: "banner", customer: event.key ?? "",
                trigger: EventReference(topic: "events", partition: Int32(event.partition), offset: Int64(event.offset))))
        }
        let published = records.filter { $0.topic == "lurker.decisions" }.compactMap { record in
            record.value.map { String($0.split(separator: "\"")[3]) }
        }
        #expect(published.count == 1200)
        #expect(published.sorted() == expected.sorted())
    }
}
