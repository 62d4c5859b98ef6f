import Foundation
import Testing

@testable import Lurker

/// The daemon end to end, in process, against the mock cluster: kcat produces, confluent-kafka reads back
/// every output topic, and each record is checked exactly.
@Suite struct DaemonServiceTests {
    static let campaigns = """
        campaign senator_voucher {
          on flight.delayed
          when customer.tier == "senator" and event.delay_minutes >= 30
          offer "lounge-voucher" via sms with { minutes: event.delay_minutes }
          priority 90
        }
        campaign delay_apology {
          on flight.delayed
          when event.delay_minutes >= 30
          offer "apology" via sms
          priority 10
        }
        campaign web_banner {
          on page.viewed
          offer "banner" via event.channel
          limit none
        }
        campaign complaint_lead {
          on complaint.filed
          when count(complaint.filed, 30d) >= 2
          escalate "team-lead" with { complaints: count(complaint.filed, 30d) }
        }
        """

    static let events = [
        #"c1|{"customer": "c1", "type": "flight.delayed", "ts": "2026-11-24T10:00:00.000Z", "delay_minutes": 45}"#,
        #"c2|{"customer": "c2", "type": "flight.delayed", "ts": "2026-11-24T10:01:00.000Z", "delay_minutes": 45}"#,
        #"c3|{"customer": "c3", "type": "page.viewed""#,
        #"c3|{"type": "page.viewed", "ts": "2026-11-24T10:02:00.000Z"}"#,
        #"c3|{"customer": "c3", "type": "page.viewed", "ts": "yesterday"}"#,
        #"c3|{"customer": "c3", "type": "page.viewed", "channel": "web", "ts": "2026-11-24T10:02:00.000Z"}"#,
        #"c3|{"customer": "c3", "type": "page.viewed", "channel": "Call Center", "ts": "2026-11-24T10:03:00.000Z"}"#,
        #"c4|{"customer": "c4", "type": "complaint.filed", "ts": "2026-11-20T09:00:00.000Z"}"#,
        #"c4|{"customer": "c4", "type": "complaint.filed", "ts": "2026-11-24T09:00:00.000Z"}"#,
        #"c4|{"customer": "c4", "type": "complaint.filed", "ts": "2026-11-24T12:00:00.000Z"}"#,
    ]

    /// The decision the daemon must publish for the event at `offset`, ids included.
    static func decision(
        _ campaign: String, _ customer: String, offset: Int64, _ action: String, _ outcome: String, _ ts: String,
        type: String, attributes: String = "{}"
    ) -> String {
        let id = FNV1a.hex(FNV1a.decisionID(
            campaign: campaign, customer: customer, trigger: EventReference(topic: "events", partition: 0, offset: offset)))
        return #"{"id": "\#(id)", "campaign": "\#(campaign)", "customer": "\#(customer)", \#(action), "outcome": "\#(outcome)", "ts": "\#(ts)", "trigger": {"type": "\#(type)", "ts": "\#(ts)"}, "attributes": \#(attributes)}"#
    }

    static let voucher = decision(
        "senator_voucher", "c1", offset: 0, #""action": "offer", "offer": "lounge-voucher", "channel": "sms""#, "sent",
        "2026-11-24T10:00:00.000Z", type: "flight.delayed", attributes: #"{"minutes": 45}"#)
    static let outranked = decision(
        "delay_apology", "c1", offset: 0, #""action": "offer", "offer": "apology", "channel": "sms""#, "outranked",
        "2026-11-24T10:00:00.000Z", type: "flight.delayed")
    static let apology = decision(
        "delay_apology", "c2", offset: 1, #""action": "offer", "offer": "apology", "channel": "sms""#, "sent",
        "2026-11-24T10:01:00.000Z", type: "flight.delayed")
    static let banner = decision(
        "web_banner", "c3", offset: 5, #""action": "offer", "offer": "banner", "channel": "web""#, "sent",
        "2026-11-24T10:02:00.000Z", type: "page.viewed")
    static let noChannel = decision(
        "web_banner", "c3", offset: 6, #""action": "offer", "offer": "banner", "channel": null"#, "no_channel",
        "2026-11-24T10:03:00.000Z", type: "page.viewed")
    static let escalation = decision(
        "complaint_lead", "c4", offset: 8, #""action": "escalate", "level": "team-lead""#, "sent",
        "2026-11-24T09:00:00.000Z", type: "complaint.filed", attributes: #"{"complaints": 2}"#)
    static let capped = decision(
        "complaint_lead", "c4", offset: 9, #""action": "escalate", "level": "team-lead""#, "capped",
        "2026-11-24T12:00:00.000Z", type: "complaint.filed", attributes: #"{"complaints": 3}"#)

    @Test func publishesOffersEscalationsDecisionsAndDeadLettersExactly() async throws {
        let broker = try EmbeddedBroker(partitions: 1)
        defer { broker.close() }
        let group = KafkaFixture.uniqueGroup()
        let stop = StopSignal()
        let daemon = DaemonFixture.start(
            DaemonFixture.configuration(broker, group: group), campaigns: DaemonFixture.campaigns(Self.campaigns),
            stop: stop)
        let records = try await KafkaFixture.blocking {
            try DaemonFixture.kcatProduce(
                broker, topic: "profiles", [#"c1|{"tier": "senator"}"#, #"c2|{"tier": "gold"}"#])
            // Profiles first: an event decided before its customer's profile arrives sees no profile.
            try DaemonFixture.waitForCommit(broker, group: group, topic: "profiles", offset: 2, within: 60)
            try DaemonFixture.kcatProduce(broker, topic: "events", Self.events)
            return try DaemonFixture.consume(
                broker, topics: ["offers.sms", "offers.web", "escalations", "lurker.decisions", "lurker.deadletter"],
                count: 14, within: 60)
        }
        stop.stop()
        let (statistics, counters) = try await daemon.value

        func on(_ topic: String) -> [DaemonFixture.Record] {
            records.filter { $0.topic == topic }.sorted { $0.offset < $1.offset }
        }
        #expect(on("offers.sms").map(\.value) == [Self.voucher, Self.apology])
        #expect(on("offers.sms").map(\.key) == ["c1", "c2"])
        #expect(on("offers.web").map(\.value) == [Self.banner])
        #expect(on("escalations").map(\.value) == [Self.escalation])
        #expect(on("escalations").map(\.key) == ["c4"])
        let decisions = on("lurker.decisions")
        #expect(
            decisions.map(\.value) == [
                Self.voucher, Self.outranked, Self.apology, Self.banner, Self.noChannel, Self.escalation, Self.capped,
            ])
        #expect(decisions.map(\.key) == ["c1", "c1", "c2", "c3", "c3", "c4", "c4"])
        let deadLetters = on("lurker.deadletter")
        #expect(deadLetters.map(\.value) == Self.events[2...4].map { String($0.dropFirst(3)) })
        #expect(deadLetters.map(\.key) == ["c3", "c3", "c3"])
        #expect(
            deadLetters.map(\.headers) == [
                ["lurker.reason": "not_json", "lurker.topic": "events", "lurker.partition": "0", "lurker.offset": "2"],
                ["lurker.reason": "missing_customer", "lurker.topic": "events", "lurker.partition": "0", "lurker.offset": "3"],
                ["lurker.reason": "invalid_ts", "lurker.topic": "events", "lurker.partition": "0", "lurker.offset": "4"],
            ])
        #expect(records.count == 14)
        #expect(counters.events == 10)
        #expect(counters.profiles == 2)
        #expect(counters.deadLettered == [.notJSON: 1, .missingCustomer: 1, .invalidTimestamp: 1])
        #expect(statistics.events == 7)
    }
}
