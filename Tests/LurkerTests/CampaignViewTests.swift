import Foundation
import Testing

@testable import Lurker

/// The live campaign view behind `/campaigns` and `/`: its windows, and its exact JSON for a known run with
/// a holdout and responses.
@Suite struct CampaignViewTests {
    static func tally(evaluated: Int = 0, triggered: Int = 0, sent: Int = 0, holdout: Int = 0) -> CampaignTally {
        var tally = CampaignTally()
        tally.evaluated = evaluated
        tally.triggered = triggered
        tally.outcomes[Decision.Outcome.allCases.firstIndex(of: .sent)!] = sent
        tally.outcomes[Decision.Outcome.allCases.firstIndex(of: .holdout)!] = holdout
        return tally
    }

    /// The `since_start` or `last_5m` object of a campaign of `json`.
    static func summary(_ json: [UInt8], _ campaign: Int, _ key: String) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        let campaigns = try #require(object["campaigns"] as? [[String: Any]])
        return try #require(campaigns[campaign][key] as? [String: Any])
    }

    static func sparkline(_ json: [UInt8], _ campaign: Int) throws -> [Int] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        let campaigns = try #require(object["campaigns"] as? [[String: Any]])
        return try #require(campaigns[campaign]["sent_per_minute"] as? [Int])
    }

    @Test func lastFiveMinutesHoldOnlyTheStepsOfTheWindowAndSinceStartEverything() throws {
        var view = CampaignView(start: 1_000_000)
        view.setCampaigns([CampaignView.Campaign(name: "a", file: "a.lurk")])
        view.add(["a": Self.tally(evaluated: 10, triggered: 4, sent: 3)], at: 1_000_000)
        view.add(["a": Self.tally(evaluated: 5, triggered: 5, sent: 2, holdout: 1)], at: 1_000_000 + 200_000)
        view.add(["b": Self.tally(evaluated: 7)], at: 1_000_000 + 200_000)
        let json = view.json(at: 1_000_000 + 300_000)
        #expect(try Self.summary(json, 0, "since_start")["evaluated"] as? Int == 15)
        #expect(try Self.summary(json, 0, "since_start")["match_rate"] as? Double == 0.6)
        #expect(try Self.summary(json, 0, "last_5m")["evaluated"] as? Int == 5)
        #expect(try Self.summary(json, 0, "last_5m")["match_rate"] as? Double == 1)
        #expect(try Self.summary(json, 0, "last_5m")["decisions"] as? [String: Int] == [
            "sent": 2, "holdout": 1, "capped": 0, "budget_exhausted": 0, "outranked": 0, "no_channel": 0, "cancelled": 0,
        ])
        #expect(try Self.sparkline(json, 0) == Array(repeating: 0, count: 24) + [3, 0, 0, 2, 0, 0])
    }

    @Test func sparklineKeepsThirtyMinutesAndRatesWithoutDecisionsAreNull() throws {
        var view = CampaignView(start: 0)
        view.setCampaigns([CampaignView.Campaign(name: "a", file: "a.lurk")])
        for minute in 0..<40 {
            view.add(["a": Self.tally(sent: minute)], at: Int64(minute) * 60_000 + 5_000)
        }
        let json = view.json(at: 39 * 60_000 + 30_000)
        #expect(try Self.sparkline(json, 0) == Array(10..<40))
        #expect(try Self.summary(json, 0, "since_start")["decisions"] as? [String: Int] == [
            "sent": 780, "holdout": 0, "capped": 0, "budget_exhausted": 0, "outranked": 0, "no_channel": 0, "cancelled": 0,
        ])
        let empty = CampaignView(start: 0)
        #expect(String(decoding: empty.json(at: 0), as: UTF8.self) == #"{"window_seconds": 300, "campaigns": []}"#)
        var idle = CampaignView(start: 0)
        idle.setCampaigns([CampaignView.Campaign(name: "idle", file: "x.lurk")])
        let summary = try Self.summary(idle.json(at: 0), 0, "since_start")
        #expect(summary["match_rate"] is NSNull)
        #expect(summary["response_rate"] is NSNull)
        #expect(summary["lift"] is NSNull)
    }

    static let campaigns = """
        campaign promo {
          on page.viewed
          offer "promo" via web
          holdout 50%
          limit none
        }
        campaign billing_desk {
          on help.opened
          when event.topic == "billing"
          escalate "billing-desk"
        }
        """

    /// c0 … c9 view a page (promo holds out c2, c4, c5, c8 and c9: FNV-1a of "promo", 0x00 and the id, modulo
    /// 10,000, under 5,000); c0 opens billing help, c1 other help.
    static let events = (0..<10).map { #"c\#($0)|{"customer": "c\#($0)", "type": "page.viewed", "ts": "2026-11-24T10:00:00.000Z"}"# }
        + [
            #"c0|{"customer": "c0", "type": "help.opened", "topic": "billing", "ts": "2026-11-24T10:01:00.000Z"}"#,
            #"c1|{"customer": "c1", "type": "help.opened", "topic": "login", "ts": "2026-11-24T10:01:00.000Z"}"#,
        ]

    /// Treated: three accepted (c0, c1, c3), one declined (c6); control: one accepted (c2), one declined (c4).
    static func responses() -> [String] {
        [("c0", "accepted"), ("c1", "accepted"), ("c3", "accepted"), ("c6", "declined"), ("c2", "accepted"), ("c4", "declined")]
            .map { customer, outcome in
                let offset = Int64(customer.dropFirst())!
                return ObservabilityFixture.response(
                    customer, id: ObservabilityFixture.decisionID("promo", customer, offset: offset), campaign: "promo",
                    outcome: outcome)
            }
    }

    static let promo = #"{"evaluated": 10, "triggered": 10, "match_rate": 1, "decisions": {"sent": 5, "holdout": 5, "capped": 0, "budget_exhausted": 0, "outranked": 0, "no_channel": 0, "cancelled": 0}, "responses": {"accepted": 3, "declined": 1}, "response_rate": 0.8, "acceptance_rate": 0.6, "control": {"decisions": 5, "accepted": 1, "declined": 1, "acceptance_rate": 0.2}, "lift": 2}"#
    static let billingDesk = #"{"evaluated": 2, "triggered": 1, "match_rate": 0.5, "decisions": {"sent": 1, "holdout": 0, "capped": 0, "budget_exhausted": 0, "outranked": 0, "no_channel": 0, "cancelled": 0}, "responses": {"accepted": 0, "declined": 0}, "response_rate": 0, "acceptance_rate": 0, "control": {"decisions": 0, "accepted": 0, "declined": 0, "acceptance_rate": null}, "lift": null}"#

    static func sparkline(_ last: Int) -> String {
        "[" + (Array(repeating: "0", count: 29) + ["\(last)"]).joined(separator: ", ") + "]"
    }

    static let expected = #"{"window_seconds": 300, "campaigns": [{"name": "promo", "file": "test.lurk", "since_start": \#(promo), "last_5m": \#(promo), "sent_per_minute": \#(sparkline(5))}, {"name": "billing_desk", "file": "test.lurk", "since_start": \#(billingDesk), "last_5m": \#(billingDesk), "sent_per_minute": \#(sparkline(1))}]}"#

    /// The view's clock stands still, so everything falls in the current minute and the last 5 minutes.
    @Test func campaignsJSONIsExactForAKnownRunWithHoldoutAndResponses() async throws {
        let broker = try EmbeddedBroker(partitions: 1)
        defer { broker.close() }
        let running = try await ObservabilityFixture.start(
            ObservabilityFixture.configuration(broker, group: KafkaFixture.uniqueGroup()),
            campaigns: DaemonFixture.campaigns(Self.campaigns), status: DaemonStatus(clock: { 0 }))
        try await KafkaFixture.blocking {
            try DaemonFixture.kcatProduce(broker, topic: "events", Self.events)
            _ = try DaemonFixture.consume(broker, topics: ["lurker.decisions"], count: 11, within: 60, settle: 0)
            try DaemonFixture.kcatProduce(broker, topic: "responses", Self.responses())
        }
        var answer = try await ObservabilityFixture.get(running.base, "/campaigns")
        let deadline = Date(timeIntervalSinceNow: 60)
        while answer.body != Self.expected, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            answer = try await ObservabilityFixture.get(running.base, "/campaigns")
        }
        let page = try await ObservabilityFixture.get(running.base, "/")
        _ = try await running.stop()

        #expect(answer.status == 200)
        #expect(answer.contentType == "application/json")
        #expect(answer.body == Self.expected)
        #expect(page.status == 200)
        #expect(page.contentType == "text/html; charset=utf-8")
        #expect(page.body.hasPrefix("<!DOCTYPE html>\n"))
        #expect(page.body.contains("<script>const initial = \(Self.expected);\n"))
        #expect(!page.body.contains("src=") && !page.body.contains("href="), "the page loads no external asset")
    }
}
