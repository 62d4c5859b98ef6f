import Foundation
import Lurker
import RuleDSL
import Testing

/// Runs replay (spec §8) over lines written to temporary files, as `lurker replay` would read them.
enum ConformanceReplay {
    /// What one replay printed and reported.
    struct Output {
        /// The decision lines, in the order printed.
        var lines: [String]
        /// The decisions' ids, in the same order.
        var ids: [String]
        /// The skipped lines.
        var problems: [Replay.Problem]
        /// The summary.
        var summary: ReplaySummary
    }

    /// Checks `campaigns` (an issue for any error), writes the files, replays them with `until` (a TIME of
    /// §2) and returns the output; nil when the campaigns have errors.
    static func run(
        campaigns: String, events: [String], profiles: [String]?, until: String?,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Output? {
        let checked = CampaignChecker.check([SourceFile(path: "conformance.lurk", text: campaigns)], now: 0)
        #expect(!checked.hasErrors, "\(checked.diagnostics)", sourceLocation: sourceLocation)
        guard !checked.hasErrors else { return nil }
        var untilTime: Int64?
        if let until {
            untilTime = TimeLiteral.parse(until)
            #expect(untilTime != nil, "--until \(until) is a TIME", sourceLocation: sourceLocation)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let eventsFile = folder.appendingPathComponent("events.jsonl")
        try Data(events.map { $0 + "\n" }.joined().utf8).write(to: eventsFile)
        var profilesFile: URL?
        if let profiles {
            let file = folder.appendingPathComponent("profiles.jsonl")
            try Data(profiles.map { $0 + "\n" }.joined().utf8).write(to: file)
            profilesFile = file
        }
        var lines: [String] = []
        var ids: [String] = []
        var problems: [Replay.Problem] = []
        let summary = try Replay(campaigns: CompiledCampaignSet(checked.campaigns)).run(
            events: LineReader(path: eventsFile.path),
            profiles: profilesFile.map { LineReader(path: $0.path) },
            until: untilTime,
            decide: { decision in
                lines.append(String(decoding: decision.jsonBytes, as: UTF8.self))
                ids.append(decision.id)
            },
            skip: { problems.append($0) }
        )
        let output = Output(lines: lines, ids: ids, problems: problems, summary: summary)
        return output
    }
}
