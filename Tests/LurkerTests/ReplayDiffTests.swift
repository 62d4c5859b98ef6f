import Foundation
import RuleDSL
import Testing

@testable import Lurker

/// `lurker replay --diff`: two campaign sets over the same input, what changes, in text and JSON, and the
/// command's exit status.
@Suite struct ReplayDiffTests {
    /// The set live today.
    static let live = """
        campaign reminder { on cart wait 1h unless order offer "reminder" via sms }
        campaign rescue { on call when seen(cart, 2h) offer "free-shipping" via event.channel priority 50 limit none }
        campaign upsell { on call offer "upsell" via event.channel with { tier: customer.tier } priority 10 limit none }
        campaign old_banner { on view offer "banner" via web limit none }
        """

    /// The change under test: a longer wait, a lower priority, one more attribute, a banner replaced.
    static let next = """
        campaign reminder { on cart wait 2h unless order offer "reminder" via sms }
        campaign rescue { on call when seen(cart, 2h) offer "free-shipping" via event.channel priority 5 limit none }
        campaign upsell {
          on call
          offer "upsell" via event.channel with { tier: customer.tier, vip: customer.tier == "gold" }
          priority 10
          limit none
        }
        campaign new_banner { on view offer "banner" via app limit none }
        """

    static let events = [
        String.event("c1", "cart", "10:00", #""channel": "web""#),
        String.event("c1", "call", "10:30", #""channel": "callcenter""#),
        String.event("c1", "order", "11:30"),
        String.event("c2", "view", "12:00"),
    ]

    static let profiles = [String.profile("c1", #""tier": "gold""#)]

    static let expectedText = """
        --- live
        +++ next
        ~ 2026-11-24T10:30:00.000Z rescue c1 (call 2026-11-24T10:30:00.000Z): outcome sent → outranked
        ~ 2026-11-24T10:30:00.000Z upsell c1 (call 2026-11-24T10:30:00.000Z): outcome outranked → sent; \
        attributes {"tier": "gold"} → {"tier": "gold", "vip": true}
        - 2026-11-24T11:00:00.000Z reminder c1 (cart 2026-11-24T10:00:00.000Z): sent, offer "reminder" via sms
        + 2026-11-24T11:30:00.000Z reminder c1 (cart 2026-11-24T10:00:00.000Z): cancelled, offer "reminder" via sms
        + 2026-11-24T12:00:00.000Z new_banner c2 (view 2026-11-24T12:00:00.000Z): sent, offer "banner" via app
        - 2026-11-24T12:00:00.000Z old_banner c2 (view 2026-11-24T12:00:00.000Z): sent, offer "banner" via web

        reminder: sent 1 → 0, cancelled 0 → 1
        rescue: sent 1 → 0, outranked 0 → 1
        upsell: sent 0 → 1, outranked 1 → 0
        old_banner (only in the first set): sent 1 → 0
        new_banner (only in the second set): sent 0 → 1
        2 only in the first run, 2 only in the second, 2 changed; 4 decisions → 4

        """

    /// A decision as replay prints it, with the id of the event at `offset` of the events file.
    static func decision(
        _ campaign: String, _ customer: String, offset: Int64, _ action: String, _ outcome: String, _ time: String,
        trigger: String, at triggerTime: String, attributes: String = "{}"
    ) -> String {
        let id = FNV1a.hex(FNV1a.decisionID(
            campaign: campaign, customer: customer, trigger: EventReference(topic: "events", partition: 0, offset: offset)))
        return #"{"id": "\#(id)", "campaign": "\#(campaign)", "customer": "\#(customer)", \#(action), "#
            + #""outcome": "\#(outcome)", "ts": "\#(ConformanceTime.rfc3339(time))", "#
            + #""trigger": {"type": "\#(trigger)", "ts": "\#(ConformanceTime.rfc3339(triggerTime))"}, "#
            + #""attributes": \#(attributes)}"#
    }

    static var expectedJSON: String {
        let sms = #""action": "offer", "offer": "reminder", "channel": "sms""#
        let rescue = #""action": "offer", "offer": "free-shipping", "channel": "callcenter""#
        let upsell = #""action": "offer", "offer": "upsell", "channel": "callcenter""#
        let counts = { (sent: Int, outranked: Int, cancelled: Int) in
            #"{"sent": \#(sent), "holdout": 0, "capped": 0, "budget_exhausted": 0, "outranked": \#(outranked), "#
                + #""no_channel": 0, "cancelled": \#(cancelled)}"#
        }
        return #"{"first": "live", "second": "next", "identical": false, "decisions": {"first": 4, "second": 4}, "#
            + #""only_in_first": ["#
            + decision("reminder", "c1", offset: 0, sms, "sent", "11:00", trigger: "cart", at: "10:00") + ", "
            + decision("old_banner", "c2", offset: 3, #""action": "offer", "offer": "banner", "channel": "web""#, "sent",
                       "12:00", trigger: "view", at: "12:00")
            + #"], "only_in_second": ["#
            + decision("reminder", "c1", offset: 0, sms, "cancelled", "11:30", trigger: "cart", at: "10:00") + ", "
            + decision("new_banner", "c2", offset: 3, #""action": "offer", "offer": "banner", "channel": "app""#, "sent",
                       "12:00", trigger: "view", at: "12:00")
            + #"], "changed": [{"fields": ["outcome"], "first": "#
            + decision("rescue", "c1", offset: 1, rescue, "sent", "10:30", trigger: "call", at: "10:30")
            + #", "second": "# + decision("rescue", "c1", offset: 1, rescue, "outranked", "10:30", trigger: "call", at: "10:30")
            + #"}, {"fields": ["outcome", "attributes"], "first": "#
            + decision("upsell", "c1", offset: 1, upsell, "outranked", "10:30", trigger: "call", at: "10:30",
                       attributes: #"{"tier": "gold"}"#)
            + #", "second": "#
            + decision("upsell", "c1", offset: 1, upsell, "sent", "10:30", trigger: "call", at: "10:30",
                       attributes: #"{"tier": "gold", "vip": true}"#)
            + #"}], "campaigns": ["#
            + #"{"campaign": "reminder", "in_first": true, "in_second": true, "first": \#(counts(1, 0, 0)), "second": \#(counts(0, 0, 1))}, "#
            + #"{"campaign": "rescue", "in_first": true, "in_second": true, "first": \#(counts(1, 0, 0)), "second": \#(counts(0, 1, 0))}, "#
            + #"{"campaign": "upsell", "in_first": true, "in_second": true, "first": \#(counts(0, 1, 0)), "second": \#(counts(1, 0, 0))}, "#
            + #"{"campaign": "old_banner", "in_first": true, "in_second": false, "first": \#(counts(1, 0, 0)), "second": \#(counts(0, 0, 0))}, "#
            + #"{"campaign": "new_banner", "in_first": false, "in_second": true, "first": \#(counts(0, 0, 0)), "second": \#(counts(1, 0, 0))}"#
            + "]}\n"
    }

    /// The input files in a fresh folder, with `live/` and `next/` campaign folders.
    struct Input {
        let folder: URL

        init(first: String = ReplayDiffTests.live, second: String = ReplayDiffTests.next) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-diff-\(UUID().uuidString)")
            for (name, text) in [("live", first), ("next", second)] {
                let campaigns = folder.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: campaigns, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: campaigns.appendingPathComponent("campaigns.lurk"))
            }
            try Data(ReplayDiffTests.events.map { $0 + "\n" }.joined().utf8).write(to: path("events.jsonl"))
            try Data(ReplayDiffTests.profiles.map { $0 + "\n" }.joined().utf8).write(to: path("profiles.jsonl"))
        }

        func path(_ name: String) -> URL { folder.appendingPathComponent(name) }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    static func compile(_ text: String) -> CompiledCampaignSet {
        let checked = CampaignChecker.check([SourceFile(path: "test.lurk", text: text)], now: 0)
        #expect(!checked.hasErrors, "\(checked.diagnostics)")
        return CompiledCampaignSet(checked.campaigns)
    }

    static func diff(_ first: String, _ second: String, input: Input) throws -> ReplayDiff {
        try ReplayDiffJob(
            first: compile(first), second: compile(second),
            input: ReplayInput(
                events: input.path("events.jsonl").path, profiles: input.path("profiles.jsonl").path,
                until: TimeLiteral.parse("2026-11-24T13:00Z"))
        ).run(skip: { Issue.record("skipped \($0)") })
    }

    @Test func textListsDecisionsOnlyInOneRunChangesAndCountsPerCampaign() throws {
        let input = try Input()
        defer { input.remove() }
        let diff = try Self.diff(Self.live, Self.next, input: input)
        #expect(!diff.isIdentical)
        #expect(diff.text(first: "live", second: "next") == Self.expectedText)
    }

    @Test func jsonHoldsTheDecisionsWithIdsAndEveryCampaignsCounts() throws {
        let input = try Input()
        defer { input.remove() }
        let diff = try Self.diff(Self.live, Self.next, input: input)
        #expect(String(decoding: diff.json(first: "live", second: "next"), as: UTF8.self) == Self.expectedJSON)
    }

    @Test func identicalSetsGiveNoDifferences() throws {
        let input = try Input()
        defer { input.remove() }
        let diff = try Self.diff(Self.live, Self.live, input: input)
        #expect(diff.isIdentical)
        #expect(diff.entries.isEmpty)
        #expect(diff.text(first: "live", second: "live") == "no differences: 4 decisions in both runs\n")
        #expect(diff.campaigns.map(\.differs) == [false, false, false, false])
    }

    @Test func twoTriggersOfOneMillisecondAreToldApart() throws {
        let input = try Input()
        defer { input.remove() }
        try Data([String.event("c1", "view", "12:00"), .event("c1", "view", "12:00")].map { $0 + "\n" }.joined().utf8)
            .write(to: input.path("events.jsonl"))
        let diff = try Self.diff(
            #"campaign b { on view offer "b" via web }"#, #"campaign b { on view offer "b" via web limit none }"#,
            input: input)
        #expect(diff.text(first: "live", second: "next") == """
            --- live
            +++ next
            ~ 2026-11-24T12:00:00.000Z b c1 (view 2026-11-24T12:00:00.000Z): outcome capped → sent

            b: sent 1 → 2, capped 1 → 0
            0 only in the first run, 0 only in the second, 1 changed; 2 decisions → 2

            """)
    }

    // MARK: The command

    static let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        .deletingLastPathComponent().appendingPathComponent("lurker")

    /// Runs `lurker` with `arguments` in `folder`; returns the exit status, standard output and standard error.
    static func lurker(_ arguments: [String], in folder: URL) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errors = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let outputHandle = try FileHandle(forWritingTo: output)
        let errorHandle = try FileHandle(forWritingTo: errors)
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        try process.run()
        process.waitUntilExit()
        try outputHandle.close()
        try errorHandle.close()
        return (
            process.terminationStatus, try String(contentsOf: output, encoding: .utf8),
            try String(contentsOf: errors, encoding: .utf8)
        )
    }

    static let diffArguments = [
        "replay", "--campaigns", "live", "--events", "events.jsonl", "--profiles", "profiles.jsonl",
        "--until", "2026-11-24T13:00Z", "--diff", "next",
    ]

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func commandExitsOneAndPrintsTheTextWhenTheSetsDiffer() throws {
        let input = try Input()
        defer { input.remove() }
        let (status, output, errors) = try Self.lurker(Self.diffArguments, in: input.folder)
        #expect(status == 1)
        #expect(output == Self.expectedText)
        #expect(errors == "")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func commandPrintsJSONWithFormatJSON() throws {
        let input = try Input()
        defer { input.remove() }
        let (status, output, _) = try Self.lurker(Self.diffArguments + ["--format", "json"], in: input.folder)
        #expect(status == 1)
        #expect(output == Self.expectedJSON)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func commandExitsZeroWhenTheSetsDecideAlike() throws {
        let input = try Input(first: Self.live, second: Self.live)
        defer { input.remove() }
        let (status, output, errors) = try Self.lurker(Self.diffArguments, in: input.folder)
        #expect(status == 0)
        #expect(output == "no differences: 4 decisions in both runs\n")
        #expect(errors == "")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func commandChecksBothSetsAndExitsTwoOnErrors() throws {
        let input = try Input(
            first: #"campaign a { on view offer "a" via SMS }"#, second: #"campaign b { on view offer "b" priority 2000 }"#)
        defer { input.remove() }
        let (status, output, errors) = try Self.lurker(Self.diffArguments, in: input.folder)
        #expect(status == 2)
        #expect(output == "")
        #expect(errors == """
            live/campaigns.lurk:1:36: error: channel 'SMS' is not usable (a channel is 1 to 64 of a-z, 0-9, '_' and '-')
            campaign a { on view offer "a" via SMS }
                                               ^~~
            next/campaigns.lurk:1:41: error: priority 2000 is outside 0..1000
            campaign b { on view offer "b" priority 2000 }
                                                    ^~~~
            error: live: the campaign set has errors (1 error, 0 warnings)
            error: next: the campaign set has errors (1 error, 0 warnings)

            """)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func commandReportsSkippedLinesOnceAndExitsTwoOnAnUnreadableFile() throws {
        let input = try Input(first: Self.live, second: Self.live)
        defer { input.remove() }
        try Data((Self.events + ["not json"]).map { $0 + "\n" }.joined().utf8).write(to: input.path("events.jsonl"))
        let (status, _, errors) = try Self.lurker(Self.diffArguments, in: input.folder)
        #expect(status == 0)
        #expect(errors == "events.jsonl:5: message is not valid JSON\n")
        let missing = Self.diffArguments.map { $0 == "events.jsonl" ? "nowhere.jsonl" : $0 }
        let (failed, output, message) = try Self.lurker(missing, in: input.folder)
        #expect(failed == 2)
        #expect(output == "")
        #expect(message.hasPrefix("error: cannot open nowhere.jsonl"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func replayOfASetWithErrorsPrintsDiagnosticsAndExitsOne() throws {
        let input = try Input(first: #"campaign a { on view offer "a" via SMS }"#)
        defer { input.remove() }
        let (status, output, errors) = try Self.lurker(
            ["replay", "--campaigns", "live", "--events", "events.jsonl"], in: input.folder)
        #expect(status == 1)
        #expect(output == "")
        #expect(errors.hasPrefix("live/campaigns.lurk:1:36: error: channel 'SMS' is not usable"))
    }
}
