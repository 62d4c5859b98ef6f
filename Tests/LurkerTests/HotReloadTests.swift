import Foundation
import Logging
import Testing

@testable import Lurker

/// Hot reload: a broken set is rejected whole while the running set keeps deciding, a valid one is put in
/// force from the next event on, no event is lost or decided twice; SIGHUP reloads `lurker run` too.
@Suite struct HotReloadTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lurker-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static let original = #"campaign banner { on page.viewed offer "banner" via web limit none }"#
    static let broken = #"campaign banner { on page.viewed offer "banner-v2" via web limit nonsense }"#
    static let fixed = """
        campaign banner { on page.viewed offer "banner-v2" via web limit none }
        campaign help_chat { on help.opened offer "chat" via web limit none }
        """

    static func events(_ offsets: Range<Int>) -> [String] {
        offsets.map { #"c\#($0)|{"customer": "c\#($0)", "type": "page.viewed", "ts": "2026-11-24T10:00:\#(10 + $0).000Z"}"# }
    }

    @Test func brokenSetIsRejectedWholeAndTheFixedOneDecidesFromTheNextEventOn() async throws {
        let broker = try EmbeddedBroker(partitions: 1)
        defer { broker.close() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("web.lurk")
        try Self.original.write(to: file, atomically: true, encoding: .utf8)
        var logger = KafkaFixture.logger
        logger.logLevel = .critical
        let configuration = ObservabilityFixture.configuration(broker, group: KafkaFixture.uniqueGroup(), campaignsPath: folder.path)
        let running = try await ObservabilityFixture.start(
            configuration, campaigns: try CampaignLoader.load([folder.path], terminal: false), logger: logger)
        let base = running.base
        let events = #"lurker_pipeline_events_total{topic="events"}"#
        let failures = #"lurker_campaigns_reloads_total{result="failure"}"#
        let successes = #"lurker_campaigns_reloads_total{result="success"}"#

        try await KafkaFixture.blocking { try DaemonFixture.kcatProduce(broker, topic: "events", Self.events(0..<3)) }
        _ = try await ObservabilityFixture.scrape(base) { $0[events] == 3 }
        try Self.broken.write(to: file, atomically: true, encoding: .utf8)
        let rejected = try await ObservabilityFixture.scrape(base) { $0[failures] == 1 }
        try await KafkaFixture.blocking { try DaemonFixture.kcatProduce(broker, topic: "events", Self.events(3..<6)) }
        _ = try await ObservabilityFixture.scrape(base) { $0[events] == 6 }
        try Self.fixed.write(to: file, atomically: true, encoding: .utf8)
        let reloaded = try await ObservabilityFixture.scrape(base) { $0[successes] == 1 }
        try await KafkaFixture.blocking { try DaemonFixture.kcatProduce(broker, topic: "events", Self.events(6..<9)) }
        let final = try await ObservabilityFixture.scrape(base) { $0[events] == 9 && $0["lurker_pipeline_latency_seconds_count"] == 9 }
        let view = try await ObservabilityFixture.get(base, "/campaigns")
        _ = try await running.stop()
        let records = try await KafkaFixture.blocking {
            try DaemonFixture.consume(broker, topics: ["lurker.decisions", "offers.web"], count: 18, within: 60)
        }

        #expect(ObservabilityFixture.samples(rejected)[successes] == 0)
        #expect(ObservabilityFixture.samples(rejected)["lurker_campaigns_loaded"] == 1)
        #expect(ObservabilityFixture.samples(reloaded)[failures] == 1)
        #expect(ObservabilityFixture.samples(reloaded)["lurker_campaigns_loaded"] == 2)
        let samples = ObservabilityFixture.samples(final)
        #expect(samples[#"lurker_engine_decisions_total{campaign="banner",outcome="sent"}"#] == 9)
        #expect(samples[#"lurker_engine_offers_sent_total{campaign="banner",channel="web"}"#] == 9)
        // help_chat never saw an event of its type: its series has not appeared.
        #expect(samples[#"lurker_engine_evaluations_total{campaign="help_chat"}"#] == nil)

        let decisions = records.filter { $0.topic == "lurker.decisions" }
        let offers = records.filter { $0.topic == "offers.web" }
        #expect(decisions.count == 9)
        #expect(offers.count == 9)
        struct Decided: Hashable {
            var id: String
            var customer: String
            var offer: String
        }
        let decided = Set(decisions.compactMap { record -> Decided? in
            guard let object = record.value.flatMap({ try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }),
                let id = object["id"] as? String, let customer = object["customer"] as? String,
                let offer = object["offer"] as? String
            else { return nil }
            return Decided(id: id, customer: customer, offer: offer)
        })
        let expected = Set((0..<9).map { offset in
            Decided(
                id: ObservabilityFixture.decisionID("banner", "c\(offset)", offset: Int64(offset)), customer: "c\(offset)",
                offer: offset < 6 ? "banner" : "banner-v2")
        })
        #expect(decided == expected)

        let campaigns = try #require(try JSONSerialization.jsonObject(with: Data(view.body.utf8)) as? [String: Any])
        let listed = try #require(campaigns["campaigns"] as? [[String: Any]])
        #expect(listed.map { $0["name"] as? String } == ["banner", "help_chat"])
        #expect(listed.map { $0["file"] as? String } == [file.path, file.path])
        let banner = try #require(listed.first?["since_start"] as? [String: Any])
        #expect((banner["decisions"] as? [String: Int])?["sent"] == 9)
    }

    @Test func rejectedSetLogsEveryDiagnosticAndTheRejection() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.broken.write(to: folder.appendingPathComponent("web.lurk"), atomically: true, encoding: .utf8)
        try #"campaign chat { on help.opened offer "chat" via web limit none priority high }"#
            .write(to: folder.appendingPathComponent("x.lurk"), atomically: true, encoding: .utf8)
        let lines = LineCollector()
        let logger = StructuredLogHandlerTests.logger(.logfmt, lines)
        #expect(CampaignReloader.load(folder.path, logger: logger) == nil)
        let prefix = "ts=2026-11-24T10:15:00.123Z level=error logger=lurker msg="
        let web = folder.path + "/web.lurk"
        let x = folder.path + "/x.lurk"
        #expect(lines.lines == [
            prefix + #""\#(web):1:66: error: expected 'none' or an integer, found 'nonsense'\n"#
                + #"campaign banner { on page.viewed offer \"banner-v2\" via web limit nonsense }\n"#
                + #"                                                                 ^~~~~~~~" lurker.path=\#(web)"#,
            prefix + #""\#(x):1:73: error: expected an integer, found 'high'\n"#
                + #"campaign chat { on help.opened offer \"chat\" via web limit none priority high }\n"#
                + #"                                                                        ^~~~" lurker.path=\#(x)"#,
            prefix + "\"campaign reload rejected: 2 errors, 0 warnings; the running set stays\" lurker.path=\(folder.path)",
        ])
    }

    @Test func fingerprintChangesWhenAFileIsWrittenAddedOrRemovedOnly() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.lurk")
        try "one".write(to: file, atomically: true, encoding: .utf8)
        let first = CampaignFilesFingerprint(folder.path)
        try "not a campaign".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(CampaignFilesFingerprint(folder.path) == first)
        try "two".write(to: file, atomically: true, encoding: .utf8)
        let second = CampaignFilesFingerprint(folder.path)
        #expect(second != first)
        try "b".write(to: folder.appendingPathComponent("b.lurk"), atomically: true, encoding: .utf8)
        let third = CampaignFilesFingerprint(folder.path)
        #expect(third != second)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("b.lurk"))
        #expect(CampaignFilesFingerprint(folder.path) == second)
        #expect(CampaignFilesFingerprint(file.path) != CampaignFilesFingerprint(folder.path))
        #expect(CampaignFilesFingerprint(folder.appendingPathComponent("missing").path) == CampaignFilesFingerprint("/nonexistent"))
    }

    /// `lurker run` as a child process: SIGHUP reloads the campaigns and the daemon keeps running; SIGTERM
    /// then stops it with status 0.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: DeployFixture.lurker.path)))
    func sighupReloadsLurkerRunAndLeavesItRunning() async throws {
        let broker = try EmbeddedBroker(partitions: 1)
        defer { broker.close() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.original.write(to: folder.appendingPathComponent("web.lurk"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = DeployFixture.lurker
        process.arguments =
            ["run", "--campaigns", folder.path, "--bootstrap-servers", broker.bootstrapServers, "--group", KafkaFixture.uniqueGroup(),
             "--metrics-address", "127.0.0.1:0", "--log-level", "info"]
            + DaemonFixture.consumerOverrides.properties.flatMap { ["-X", "\($0.key)=\($0.value)"] }
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let address = try await KafkaFixture.blocking { () -> String? in
            var text = ""
            while case let chunk = errors.fileHandleForReading.availableData, !chunk.isEmpty {
                text += String(decoding: chunk, as: UTF8.self)
                if let range = text.range(of: #"lurker\.address=[0-9.]+:[0-9]+"#, options: .regularExpression) {
                    return String(text[range].dropFirst("lurker.address=".count))
                }
            }
            return nil
        }
        let base = "http://\(try #require(address))"
        let successes = #"lurker_campaigns_reloads_total{result="success"}"#
        let before = try await ObservabilityFixture.scrape(base) { $0["lurker_campaigns_loaded"] == 1 }
        kill(process.processIdentifier, SIGHUP)
        let after = try await ObservabilityFixture.scrape(base) { $0[successes] == 1 }
        let running = process.isRunning
        kill(process.processIdentifier, SIGTERM)
        try await KafkaFixture.blocking {
            _ = try errors.fileHandleForReading.readToEnd()
            process.waitUntilExit()
        }
        #expect(ObservabilityFixture.samples(before)[successes] == 0)
        #expect(ObservabilityFixture.samples(after)[successes] == 1)
        #expect(running)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
