import Foundation
import Lurker
import RuleDSL
import Testing

/// The demo's stream written as replay's input files (events in stream order, every profile record with its
/// `customer` field, later ones replacing earlier ones), with the project's own `campaigns/` folder: a realistic
/// input for the tests that compare replay with itself and with the daemon.
struct DemoReplayInput: Sendable {
    /// The profile records, initial profiles and later changes, in stream order.
    let profiles: [DemoRecord]
    /// The event records (malformed ones included), in stream order.
    let events: [DemoRecord]
    /// The folder of the files.
    let folder: URL

    /// The repository's `campaigns/` folder.
    static let campaignsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("campaigns").path

    /// The stream of `customers` demo customers, written to a fresh folder.
    init(customers: Int) throws {
        let records = Array(DemoStream(customers: customers))
        profiles = records.filter { $0.kind == .profile }
        events = records.filter { $0.kind == .event }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (records, path) in [(events, eventsPath), (profiles, profilesPath)] {
            #expect(!records.contains { $0.value.contains(UInt8(ascii: "\n")) }, "one record per line")
            try Data(records.flatMap { $0.value + [UInt8(ascii: "\n")] }).write(to: URL(fileURLWithPath: path))
        }
    }

    /// The events file.
    var eventsPath: String { folder.appendingPathComponent("events.jsonl").path }
    /// The profiles file.
    var profilesPath: String { folder.appendingPathComponent("profiles.jsonl").path }

    /// The project's campaign set, checked and compiled.
    static func campaigns() throws -> CompiledCampaignSet {
        let checked = CampaignChecker.check(try SourceFile.load(paths: [campaignsFolder]), now: 0)
        #expect(!checked.hasErrors, "\(checked.diagnostics)")
        return CompiledCampaignSet(checked.campaigns)
    }

    /// Replays the files through `campaigns`, returning each decision's line as replay prints it.
    func replay(_ campaigns: CompiledCampaignSet, until: Int64? = nil) throws -> (lines: [[UInt8]], summary: ReplaySummary) {
        var lines: [[UInt8]] = []
        var writer = JSONWriter()
        let summary = try Replay(campaigns: campaigns).run(
            events: LineReader(path: eventsPath), profiles: LineReader(path: profilesPath), until: until,
            decide: { decision in
                writer.bytes.removeAll(keepingCapacity: true)
                decision.write(to: &writer)
                lines.append(writer.bytes)
            },
            skip: { _ in })
        return (lines, summary)
    }

    /// Removes the files.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
