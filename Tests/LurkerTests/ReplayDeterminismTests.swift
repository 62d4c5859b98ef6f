import Foundation
import Lurker
import Testing

/// Spec §8: the same input gives the same output, byte for byte, in the library and from `lurker replay`.
@Suite struct ReplayDeterminismTests {
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        .deletingLastPathComponent().appendingPathComponent("lurker")

    @Test func replayingTheSameInputTwiceGivesTheSameBytes() throws {
        let input = try DemoReplayInput(customers: 300)
        defer { input.remove() }
        let campaigns = try DemoReplayInput.campaigns()
        let until = DemoStream.defaultStart + 86_400_000
        let first = try input.replay(campaigns, until: until)
        let second = try input.replay(campaigns, until: until)
        #expect(first.lines.count > 300, "the demo's campaigns decide")
        #expect(first.lines == second.lines)
        #expect(first.summary.table == second.summary.table)
        #expect(Set(first.lines.map { $0.prefix(26) }).count == first.lines.count, "ids are unique")
        #expect(first.summary.skippedEvents == input.events.count { $0.isMalformed })
        #expect(first.summary.profiles == input.profiles.count)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func theCommandPrintsTheSameBytesTwice() throws {
        let input = try DemoReplayInput(customers: 300)
        defer { input.remove() }
        let arguments = [
            "replay", "--campaigns", DemoReplayInput.campaignsFolder, "--events", input.eventsPath,
            "--profiles", input.profilesPath, "--until", "2026-11-25",
        ]
        let first = try ReplayDiffTests.lurker(arguments, in: input.folder)
        let second = try ReplayDiffTests.lurker(arguments, in: input.folder)
        #expect(first.0 == 0)
        #expect(first.1.utf8.count > 100_000)
        #expect(first.1 == second.1)
        #expect(first.2 == second.2)
        let library = try input.replay(try DemoReplayInput.campaigns(), until: DemoStream.defaultStart + 86_400_000)
        #expect(first.1 == String(decoding: library.lines.flatMap { $0 + [10] }, as: UTF8.self))
    }
}
