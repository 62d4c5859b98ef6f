import Foundation
import Lurker
import RuleDSL
import Testing

/// Every worked scenario of the specification, replayed and compared with its expected decisions as a
/// multiset of their fields, ignoring ids and attributes compared as JSON values.
@Suite struct ReplayScenarioTests {
    @Test func examplesFolderHasScenarios() {
        #expect(SpecExamples.scenarios.count >= 6)
    }

    /// The copy in `Tests/SpecExamples` is the specification's, file for file, where the checkout has both.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: SpecExamples.upstream.path)))
    func copyMatchesTheSpecification() throws {
        let manager = FileManager.default
        let upstream = try manager.subpathsOfDirectory(atPath: SpecExamples.upstream.path).sorted()
        let copy = try manager.subpathsOfDirectory(atPath: SpecExamples.folder.path)
            .filter { $0 != "COPIED.md" }.sorted()
        #expect(copy == upstream)
        for path in upstream where !path.hasSuffix("/") {
            let original = manager.contents(atPath: SpecExamples.upstream.appendingPathComponent(path).path)
            #expect(manager.contents(atPath: SpecExamples.folder.appendingPathComponent(path).path) == original, "\(path)")
        }
    }

    @Test(arguments: SpecExamples.scenarios)
    func replayGivesExpectedDecisions(scenario: String) throws {
        let folder = SpecExamples.scenario(scenario)
        let sources = try SourceFile.loadFolder(folder.appendingPathComponent("campaigns").path)
        let checked = CampaignChecker.check(sources, now: 0)
        #expect(!checked.hasErrors, "\(checked.diagnostics)")
        let profiles = folder.appendingPathComponent("profiles.jsonl")
        let untilFile = folder.appendingPathComponent("until.txt")
        var until: Int64?
        if let text = try? String(contentsOf: untilFile, encoding: .utf8) {
            until = TimeLiteral.parse(text.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(until != nil)
        }
        var lines: [String] = []
        var problems: [Replay.Problem] = []
        _ = try Replay(campaigns: CompiledCampaignSet(checked.campaigns)).run(
            events: LineReader(path: folder.appendingPathComponent("events.jsonl").path),
            profiles: FileManager.default.fileExists(atPath: profiles.path) ? LineReader(path: profiles.path) : nil,
            until: until,
            decide: { lines.append(String(decoding: $0.jsonBytes, as: UTF8.self)) },
            skip: { problems.append($0) }
        )
        #expect(problems.isEmpty, "\(problems)")
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(Self.canonical(lines) == Self.canonical(expected))
        #expect(Set(lines.compactMap { Self.object($0)?["id"] as? String }).count == lines.count, "ids are unique")
    }

    /// Each decision without its id, re-serialised with sorted keys, the whole sorted.
    static func canonical(_ lines: [String]) -> [String] {
        lines.compactMap { line -> String? in
            guard var object = object(line) else { return "unreadable: \(line)" }
            object["id"] = nil
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return data.map { String(decoding: $0, as: UTF8.self) }
        }.sorted()
    }

    static func object(_ line: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
}
