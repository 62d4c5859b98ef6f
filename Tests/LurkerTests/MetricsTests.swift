import Foundation
import Testing

@testable import Lurker

/// `/metrics` scraped while the daemon runs through the mock cluster: exact counter values for a known
/// input, and an exposition that passes `promtool check metrics`.
@Suite struct MetricsTests {
    /// The responses of the run: four counted, twelve dead-lettered, one per reason but `response_too_large`.
    static func responses() -> [String] {
        let voucher = ObservabilityFixture.decisionID("senator_voucher", "c1", offset: 0)
        let apology = ObservabilityFixture.decisionID("delay_apology", "c2", offset: 1)
        let banner = ObservabilityFixture.decisionID("web_banner", "c3", offset: 5)
        let escalation = ObservabilityFixture.decisionID("complaint_lead", "c4", offset: 8)
        let outranked = ObservabilityFixture.decisionID("delay_apology", "c1", offset: 0)
        return [
            ObservabilityFixture.response("c1", id: voucher, campaign: "senator_voucher", outcome: "accepted"),
            ObservabilityFixture.response("c2", id: apology, campaign: "delay_apology", outcome: "declined"),
            ObservabilityFixture.response("c3", id: banner, campaign: "web_banner", outcome: "accepted"),
            ObservabilityFixture.response("c4", id: escalation, campaign: "complaint_lead", outcome: "accepted"),
            ObservabilityFixture.response("c1", id: voucher, campaign: "senator_voucher", outcome: "declined"),
            "c1|not json",
            "c1|[1]",
            #"c1|{"campaign": "senator_voucher", "outcome": "accepted"}"#,
            #"c1|{"id": "xyz", "campaign": "senator_voucher", "outcome": "accepted"}"#,
            #"c1|{"id": "\#(voucher)", "outcome": "accepted"}"#,
            #"c1|{"id": "\#(voucher)", "campaign": 5, "outcome": "accepted"}"#,
            #"c1|{"id": "\#(voucher)", "campaign": "senator_voucher"}"#,
            ObservabilityFixture.response("c1", id: voucher, campaign: "senator_voucher", outcome: "maybe"),
            ObservabilityFixture.response("c1", id: voucher, campaign: "nope", outcome: "accepted"),
            ObservabilityFixture.response("c1", id: outranked, campaign: "delay_apology", outcome: "accepted"),
            ObservabilityFixture.response("c1", id: voucher, campaign: "delay_apology", outcome: "accepted"),
        ]
    }

    /// The reasons of the dead-lettered responses, in the order of ``responses()``.
    static let responseReasons = [
        "response_duplicate", "response_not_json", "response_not_object", "response_missing_id", "response_invalid_id",
        "response_missing_campaign", "response_invalid_campaign", "response_missing_outcome",
        "response_invalid_outcome", "response_unknown_campaign", "response_unknown_decision",
        "response_campaign_mismatch",
    ]

    /// Every counter and gauge of the run, as scraped once everything was processed; latency buckets apart.
    static func expectedSamples() -> [String: Double] {
        var expected: [String: Double] = [
            #"lurker_pipeline_events_total{topic="events"}"#: 10,
            #"lurker_pipeline_events_total{topic="profiles"}"#: 2,
            #"lurker_pipeline_events_total{topic="responses"}"#: 16,
            #"lurker_engine_offers_sent_total{campaign="senator_voucher",channel="sms"}"#: 1,
            #"lurker_engine_offers_sent_total{campaign="delay_apology",channel="sms"}"#: 1,
            #"lurker_engine_offers_sent_total{campaign="web_banner",channel="web"}"#: 1,
            #"lurker_campaigns_reloads_total{result="success"}"#: 0,
            #"lurker_campaigns_reloads_total{result="failure"}"#: 0,
            "lurker_campaigns_loaded": 4,
            "lurker_state_customers": 3,
            "lurker_state_timers_pending": 0,
            "lurker_kafka_producer_queue_messages": 0,
            #"lurker_kafka_consumer_lag_messages{topic="events",partition="0"}"#: 0,
            #"lurker_kafka_consumer_lag_messages{topic="profiles",partition="0"}"#: 0,
            #"lurker_kafka_consumer_lag_messages{topic="responses",partition="0"}"#: 0,
            "lurker_pipeline_latency_seconds_count": 10,
        ]
        for reason in DeadLetterReason.allCases.map(\.rawValue) + ResponseRejection.allCases.map(\.rawValue) {
            let count = ["not_json", "missing_customer", "invalid_ts"].contains(reason) || responseReasons.contains(reason) ? 1 : 0
            expected[#"lurker_pipeline_deadletters_total{reason="\#(reason)"}"#] = Double(count)
        }
        let campaigns: [(String, evaluated: Int, triggered: Int, [String: Int], accepted: Int, declined: Int)] = [
            ("senator_voucher", 2, 1, ["sent": 1], 1, 0),
            ("delay_apology", 2, 2, ["sent": 1, "outranked": 1], 0, 1),
            ("web_banner", 2, 2, ["sent": 1, "no_channel": 1], 1, 0),
            ("complaint_lead", 3, 2, ["sent": 1, "capped": 1], 1, 0),
        ]
        // A campaign's series appear with their first count.
        for (campaign, evaluated, triggered, outcomes, accepted, declined) in campaigns {
            expected[#"lurker_engine_evaluations_total{campaign="\#(campaign)"}"#] = Double(evaluated)
            expected[#"lurker_engine_triggers_total{campaign="\#(campaign)"}"#] = Double(triggered)
            for (outcome, count) in outcomes {
                expected[#"lurker_engine_decisions_total{campaign="\#(campaign)",outcome="\#(outcome)"}"#] = Double(count)
            }
            if accepted > 0 { expected[#"lurker_responses_total{campaign="\#(campaign)",outcome="accepted"}"#] = Double(accepted) }
            if declined > 0 { expected[#"lurker_responses_total{campaign="\#(campaign)",outcome="declined"}"#] = Double(declined) }
        }
        return expected
    }

    @Test func scrapesExactCountersDuringARunAndPassesPromtool() async throws {
        let broker = try EmbeddedBroker(partitions: 1)
        defer { broker.close() }
        let group = KafkaFixture.uniqueGroup()
        let running = try await ObservabilityFixture.start(
            ObservabilityFixture.configuration(broker, group: group), campaigns: DaemonFixture.campaigns(DaemonServiceTests.campaigns))
        let health = try await ObservabilityFixture.get(running.base, "/healthz")
        #expect(health.status == 200)
        #expect(health.body == "ok\n")

        let records = try await KafkaFixture.blocking {
            try DaemonFixture.kcatProduce(broker, topic: "profiles", [#"c1|{"tier": "senator"}"#, #"c2|{"tier": "gold"}"#])
            try DaemonFixture.waitForCommit(broker, group: group, topic: "profiles", offset: 2, within: 60)
            try DaemonFixture.kcatProduce(broker, topic: "events", DaemonServiceTests.events)
            _ = try DaemonFixture.consume(broker, topics: ["lurker.decisions"], count: 7, within: 60, settle: 0)
            try DaemonFixture.kcatProduce(broker, topic: "responses", Self.responses())
            return try DaemonFixture.consume(broker, topics: ["lurker.deadletter"], count: 15, within: 60)
        }
        let expected = Self.expectedSamples()
        let text = try await ObservabilityFixture.scrape(running.base) { samples in
            expected.allSatisfy { samples[$0.key] == $0.value }
        }
        let ready = try await ObservabilityFixture.get(running.base, "/readyz")
        _ = try await running.stop()

        let samples = ObservabilityFixture.samples(text)
        for (series, value) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(samples[series] == value, "\(series)")
        }
        let unexpected = samples.keys.filter { expected[$0] == nil && !$0.hasPrefix("lurker_pipeline_latency_seconds_") }
        #expect(unexpected.sorted() == [])
        #expect(samples[#"lurker_pipeline_latency_seconds_bucket{le="+Inf"}"#] == 10)
        #expect(ready.status == 200)
        #expect(ready.body == "ready\n")

        let deadLetters = records.filter { $0.topic == "lurker.deadletter" && $0.headers["lurker.topic"] == "responses" }
            .sorted { $0.offset < $1.offset }
        #expect(deadLetters.map { $0.headers["lurker.reason"] } == Self.responseReasons)
        #expect(deadLetters.map(\.value) == Self.responses()[4...].map { String($0.dropFirst(3)) })
        #expect(deadLetters.map { $0.headers["lurker.offset"] } == (4..<16).map { "\($0)" })

        let promtool = try DeployTests.promtool()
        let checked = try await KafkaFixture.blocking { try Self.run(promtool, ["check", "metrics"], input: text) }
        #expect(checked.status == 0, "\(checked.output)")
        #expect(checked.output == "")
    }

    /// Runs `executable` with `input` on its standard input; returns its status and everything it printed.
    static func run(_ executable: String, _ arguments: [String], input: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
