import Testing

@testable import RuleDSL

/// Where `lurker check` reports each error of spec §9, and how it recovers, on small broken campaigns.
@Suite struct CheckerTests {
    /// 2026-12-01T00:00Z.
    static let now: Int64 = 1_796_083_200_000

    /// A campaign `a` on `x` with `lines` as its other clauses, each indented by two spaces; the first of
    /// `lines` is line 3.
    static func campaign(_ lines: String...) -> String {
        "campaign a {\n  on x\n" + lines.map { "  " + $0 + "\n" }.joined() + "}\n"
    }

    private func check(_ text: String, path: String = "t.lurk") -> CheckResult {
        CampaignChecker.check([SourceFile(path: path, text: text)], now: Self.now)
    }

    private func positions(_ text: String, _ severity: Diagnostic.Severity = .error) -> [String] {
        check(text).diagnostics.filter { $0.severity == severity }.map { "\($0.range.start)" }
    }

    // MARK: One error, at its position

    @Test(arguments: [
        // characters, strings, numbers, times
        (campaign("when event.x @ 1", #"offer "o""#), "3:16"),
        (campaign("when ! event.x", #"offer "o""#), "3:8"),
        (campaign("when event.x = 1", #"offer "o""#), "3:16"),
        (campaign(#"offer "o\q""#), "3:11"),
        (campaign(#"offer "a\"b\x\y""#), "3:14"),
        (campaign(#"offer "o"#), "3:9"),
        (campaign(#"description "abc"#, #"offer "o""#), "3:15"),
        (campaign("wait 30days", #"offer "o""#), "3:8"),
        (campaign("wait 1.5h", #"offer "o""#), "3:8"),
        (campaign(#"offer "o""#, "active from 2026-02-30"), "4:15"),
        (campaign(#"offer "o""#, "active from 2026-12-01T10:00"), "4:15"),
        (campaign(#"offer "o""#, "active from 2026-13-01"), "4:15"),
        (campaign(#"offer "o""#, "active until 2026-12-01T10:00:00.5Z"), "4:16"),
        // the grammar cannot go on
        (campaign(#"offer "o""#, "priority"), "5:1"),
        ("campaign a {\n  on x\n  offer \"o\"\n", "4:1"),
        ("campaign a {\n  on x\n  offer \"o\"", "3:12"),
        ("campaign", "1:9"),
        ("campaign a\n  on x\n}", "2:3"),
        ("campaign \"a\" {\n  on x\n  offer \"o\"\n}\n", "1:10"),
        ("campaign a-b {\n  on x\n  offer \"o\"\n}\n", "1:11"),
        ("campaign a {\n  on cart-abandoned\n  offer \"o\"\n}\n", "2:10"),
        ("campaign a {\n  on\n  offer \"o\"\n}\n", "3:3"),
        ("campaign a {\n  on x,\n  offer \"o\"\n}\n", "3:3"),
        ("campaign a {\n  on event\n  offer \"o\"\n}\n", "2:6"),
        ("campaign a {\n  on 1\n  offer \"o\"\n}\n", "2:6"),
        (campaign("when", #"offer "o""#), "4:3"),
        (campaign("when event.a < event.b < event.c", #"offer "o""#), "3:26"),
        (campaign("when event.x in 5", #"offer "o""#), "3:19"),
        (campaign("when event.x is nothing", #"offer "o""#), "3:19"),
        (campaign("when event.", #"offer "o""#), "4:3"),
        (campaign("when event.x > 10%", #"offer "o""#), "3:18"),
        (campaign("when event.x > 2026-12-01", #"offer "o""#), "3:18"),
        (campaign("when count(x 1d) > 1", #"offer "o""#), "3:16"),
        (campaign("wait 1h unless", #"offer "o""#), "4:3"),
        (campaign("wait 60", #"offer "o""#), "3:8"),
        (campaign(#"offer "o" via 5"#), "3:17"),
        (campaign(#"offer "o" via event"#), "4:1"),
        (campaign(#"offer "o" via sms via email"#), "3:21"),
        (campaign(#"offer "o" with { "a": 1 }"#), "3:20"),
        (campaign(#"offer "o" with { a: { b: 1 } }"#), "3:23"),
        (campaign(#"offer "o" with { a: 1 "#, "priority 2"), "4:3"),
        (campaign("offer sms"), "3:9"),
        (campaign(#"escalate "e" via sms"#), "3:16"),
        (campaign(#"offer "o""#, "holdout 10"), "4:11"),
        (campaign(#"offer "o""#, "budget 5 per week"), "4:16"),
        (campaign(#"offer "o""#, "budget 1.5"), "4:10"),
        (campaign(#"offer "o""#, "limit 1 per day"), "4:15"),
        (campaign(#"offer "o""#, "limit 1 per customer per day"), "4:28"),
        (campaign(#"offer "o""#, "active"), "5:1"),
        (campaign(#"offer "o""#, "active from"), "5:1"),
        ("}\n", "1:1"),
        ("campain a {\n  on x\n  offer \"o\"\n}\n", "1:1"),
        // keywords and clauses
        ("campaign offer {\n  on x\n  offer \"o\"\n}\n", "1:10"),
        (campaign(#"offer "o" via none"#), "3:17"),
        (campaign(#"offer "o" via when"#), "3:17"),
        (campaign(#"offer "o" via"#, "when event.x > 1"), "4:3"),
        (campaign(#"offer "o" via with { a: 1 }"#), "3:17"),
        (campaign("wehn event.x > 1", #"offer "o""#), "3:3"),
        (campaign("When event.x > 1", #"offer "o""#), "3:3"),
        (campaign("unless y", #"offer "o""#), "3:3"),
        (campaign("on y", #"offer "o""#), "3:3"),
        (campaign("when event.a > 1", "when event.b > 1", #"offer "o""#), "4:3"),
        (campaign(#"offer "o""#, #"escalate "e""#), "4:3"),
        (campaign(#"offer "o""#, #"offer "p""#), "4:3"),
        ("campaign a {\n  offer \"o\"\n}\n", "1:10"),
        ("campaign a {\n  on x\n}\n", "1:10"),
        // values out of range
        (campaign(#"offer "o""#, "priority 1001"), "4:12"),
        (campaign(#"offer "o""#, "priority -1"), "4:12"),
        (campaign(#"offer "o""#, "priority 99999999999999999999999"), "4:12"),
        (campaign(#"offer "o""#, "limit 0 per customer"), "4:9"),
        (campaign(#"offer "o""#, "limit 0 per customer per 1d"), "4:9"),
        (campaign(#"offer "o""#, "budget 0"), "4:10"),
        (campaign(#"offer "o""#, "budget 0 per hour"), "4:10"),
        (campaign(#"offer "o""#, "holdout 100%"), "4:11"),
        (campaign(#"offer "o""#, "holdout 100.00%"), "4:11"),
        (campaign(#"offer "o""#, "holdout 1.234%"), "4:11"),
        (campaign(#"offer "o""#, "holdout -1%"), "4:11"),
        (campaign("when count(y, 367d) > 1", #"offer "o""#), "3:17"),
        (campaign("when count(y, 53w) > 1", #"offer "o""#), "3:17"),
        (campaign("when count(y, 8785h) > 1", #"offer "o""#), "3:17"),
        (campaign("when count(y, 0s) > 1", #"offer "o""#), "3:17"),
        (campaign("when seen(y, (400d))", #"offer "o""#), "3:17"),
        (campaign("when seen(y, ((0ms)))", #"offer "o""#), "3:18"),
        (campaign("when sum(y, v, 400d) > 1", #"offer "o""#), "3:18"),
        (campaign("wait 367d", #"offer "o""#), "3:8"),
        (campaign("wait 0s", #"offer "o""#), "3:8"),
        (campaign(#"offer "o""#, "limit 1 per customer per 0s"), "4:28"),
        (campaign(#"offer "o""#, "limit 1 per customer per 400d"), "4:28"),
        (campaign(#"offer "o""#, "active from 2026-12-01 until 2026-11-01"), "4:32"),
        (campaign(#"offer "o""#, "active from 2026-12-01 until 2026-12-01T00:00Z"), "4:32"),
        (campaign(#"offer "o""#, "active from 2026-12-01T10:00+01:00 until 2026-12-01T09:00Z"), "4:44"),
        // channels and keys
        (campaign(#"offer "o" via SMS"#), "3:17"),
        (campaign(#"offer "o" via "call center""#), "3:17"),
        (campaign(#"offer "o" via """#), "3:17"),
        (campaign(#"offer "o" via "SMS""#), "3:17"),
        (campaign(#"offer "o" via x.channel"#), "3:17"),
        (campaign(#"offer "o" with { a: 1, a: 2 }"#), "3:26"),
        (campaign(#"offer "o" with { on: 1, b: 2, on: 3 }"#), "3:33"),
        // functions, types, fields, names
        (campaign("when cuont(y, 1d) > 1", #"offer "o""#), "3:8"),
        (campaign("when avg(y) > 1", #"offer "o""#), "3:8"),
        (campaign("when count(y) > 1", #"offer "o""#), "3:8"),
        (campaign("when count(y, 1d, 2d) > 1", #"offer "o""#), "3:8"),
        (campaign("when count() > 1", #"offer "o""#), "3:8"),
        (campaign("when since(y, 1d) > 1h", #"offer "o""#), "3:8"),
        (campaign("when count(1) > 1", #"offer "o""#), "3:8"),
        (campaign("when count(1, 1d) > 1", #"offer "o""#), "3:14"),
        (campaign("when since(true) > 1h", #"offer "o""#), "3:14"),
        (campaign("when since(event) > 1h", #"offer "o""#), "3:14"),
        (campaign("when count((y), 1d) > 1", #"offer "o""#), "3:14"),
        (campaign("when count(cart-abandoned, 1d) > 1", #"offer "o""#), "3:14"),
        (campaign("when sum(y, 1, 1d) > 1", #"offer "o""#), "3:15"),
        (campaign("when last(y, -v) == 1", #"offer "o""#), "3:16"),
        (campaign("when x.y > 1", #"offer "o""#), "3:8"),
        (campaign("when tier > 1", #"offer "o""#), "3:8"),
        (campaign("when count(y, window) > 1", #"offer "o""#), "3:17"),
        // types known when loading
        (campaign(#"when count(y, 1d) == "a""#, #"offer "o""#), "3:21"),
        (campaign("when true < false or event.x", #"offer "o""#), "3:13"),
        (campaign(#"when -"a" == event.x"#, #"offer "o""#), "3:8"),
        (campaign("when -true == event.x", #"offer "o""#), "3:8"),
        (campaign(#"when "a" + "b" == event.x"#, #"offer "o""#), "3:12"),
        (campaign("when 1d + 1 > event.x", #"offer "o""#), "3:11"),
        (campaign("when since(y) > 5", #"offer "o""#), "3:17"),
        (campaign("when seen(y, 1d) + 1 > 2", #"offer "o""#), "3:20"),
        (campaign("when [1] == [1] or event.x", #"offer "o""#), "3:12"),
        (campaign("when seen(y, 5)", #"offer "o""#), "3:16"),
        (campaign("when seen(y, (5))", #"offer "o""#), "3:16"),
        (campaign(#"when seen(y, "1d")"#, #"offer "o""#), "3:16"),
        (campaign("when seen(y, 1 + 1)", #"offer "o""#), "3:16"),
        (campaign("when seen(y, count(y, 1d))", #"offer "o""#), "3:16"),
    ] as [(String, String)])
    func reportsOneErrorAtItsPosition(text: String, position: String) {
        let result = check(text)
        let rendered = DiagnosticRenderer(sources: [SourceFile(path: "t.lurk", text: text)]).render(result.diagnostics)
        #expect(positions(text) == [position], "\(rendered)")
        #expect(result.campaigns.isEmpty)
        #expect(result.hasErrors)
    }

    @Test(arguments: [
        campaign(#"offer "o" with { on: 1, campaign: 2, when: event.x, }"#),
        campaign("when count(customer.updated, 1d) > 1 and seen(offer.accepted, 2h)", #"offer "o""#),
        "campaign a {\n  on offer.accepted, \"cart-abandoned\", customer.updated\n  offer \"o\"\n}\n",
        campaign("when event.customer.on == 1 and event.when", #"offer "o""#),
        campaign("when count(y, 366d) > 1 and count(y, 8784h) > 1 and seen(y, 52w) and seen(y, 1ms)", #"offer "o""#),
        campaign("when seen(y, since(z)) and count(y, -1d) == 0 and count(y, 400d + 1d) > 0", #"offer "o""#),
        campaign("when since(y) / 1m > 2 and count(y, 1d) * 1h > 1h and -since(y) < 0s", #"offer "o""#),
        campaign(#"when event.x in [1, "a", true] and event.tags contains "b" and event.x is missing"#, #"offer "o""#),
        campaign(#"when "a" < "b" or event.x"#, #"offer "o" via "call-center""#),
        campaign(#"when sum(order.placed, "cart value", 30d) > 1 and last(y, a.b) == 1"#, #"offer "o""#),
        campaign(#"offer "o""#, "priority 1000", "holdout 99.99%", "limit 1 per customer per 366d", "budget 1"),
        campaign(#"offer "o" via customer.preferred_channel"#, "limit none", "budget 10 per hour", "holdout 0%"),
        campaign("wait 1h unless y, z", #"escalate "e" with {}"#, "active from 2026-11-01 until 2026-12-02T00:00+01:00"),
    ])
    func checksClean(text: String) {
        let result = check(text)
        let rendered = DiagnosticRenderer(sources: [SourceFile(path: "t.lurk", text: text)]).render(result.diagnostics)
        #expect(result.diagnostics.isEmpty, "\(rendered)")
        #expect(result.campaigns.count == 1)
    }

    // MARK: Warnings

    @Test func warnsAtUnlessTypeThatIsAlsoATrigger() {
        let text = "campaign a {\n  on x, \"y\"\n  wait 1h unless z, y, x\n  offer \"o\"\n}\n"
        #expect(positions(text, .warning) == ["3:21", "3:24"])
        #expect(check(text).campaigns.count == 1)
    }

    @Test func warnsAtUntilTimeInThePastOnly() {
        #expect(positions(Self.campaign(#"offer "o""#, "active until 2026-11-30T23:59Z"), .warning) == ["4:16"])
        #expect(positions(Self.campaign(#"offer "o""#, "active until 2026-12-01T00:01Z"), .warning) == [])
        #expect(
            positions(Self.campaign(#"offer "o""#, "active from 2020-01-01 until 2021-01-01"), .warning) == ["4:32"])
    }

    @Test(arguments: ["true", "1 < 2", "(not false)", #""a" in ["a"]"#, "[1] contains 1", "1d > 2h and 3 is present"])
    func warnsAtFirstTokenOfConstantCondition(condition: String) {
        let result = check(Self.campaign("when " + condition, #"offer "o""#))
        #expect(result.diagnostics.map { "\($0.range.start) \($0.severity)" } == ["3:8 warning"])
        #expect(result.campaigns.count == 1)
    }

    @Test func doesNotWarnAboutConditionWithAnError() {
        #expect(check(Self.campaign(#"when 1 < "a""#, #"offer "o""#)).diagnostics.map(\.severity) == [.error])
    }

    // MARK: Recovery

    @Test func reportsEveryErrorAcrossCampaignsAndClauses() {
        let text = """
            campaign a {
              on x
              when cuont(x, 1d) > 1 and foo
              offer "o" via SMS with { a: 1, a: 2 }
              priority 1001
              holdout 100%
              limit 0 per customer
              budget 0
              active from 2026-12-01 until 2026-11-01
            }
            campaign b {
              on y
              when event.x = 1
              offer "o"
              wehn 2
            }
            campaign c {
              on y
              offer "o" via "call center"
            }

            """
        #expect(
            positions(text) == [
                "3:8", "3:29", "4:17", "4:34", "5:12", "6:11", "7:9", "8:10", "9:32", "13:16", "15:3", "19:17",
            ])
    }

    @Test func resynchronisesAtNextClauseButNotAtWithKeyOrDottedType() {
        let text = Self.campaign(
            "when count(x 1d) > 1 and count(offer.made, 1d) > 2", #"offer "o" with { priority: 1 +, on: 2 }"#,
            "priority 1001")
        #expect(positions(text) == ["3:16", "4:33", "5:12"])
    }

    @Test func campaignWithSyntaxErrorIsNotAlsoMissingOnOrAction() {
        #expect(positions("campaign a {\n  wehn 1\n}\n") == ["2:3"])
        #expect(positions("campaign a {\n  priority x\n}\n") == ["2:12"])
    }

    @Test func campaignWithBrokenHeaderIsNotRegistered() {
        let text = "campaign a b {\n  on x\n  offer \"o\"\n}\ncampaign a {\n  on x\n  offer \"o\"\n}\n"
        #expect(positions(text) == ["1:12"])
    }

    @Test func errorInLastClauseStopsAtTheCampaignsClosingBrace() {
        #expect(positions(Self.campaign(#"offer "o" via 5"#) + "priority 5\n") == ["3:17", "5:1"])
        #expect(positions(Self.campaign(#"offer "o" with a: 1 }"#, "priority 1001")) == ["3:18", "4:12"])
    }

    @Test func missingClosingBraceIsReportedAtNextCampaign() {
        let text = "campaign a {\n  on x\n  offer \"o\"\n\ncampaign b {\n  on y\n  offer \"p\"\n}\n"
        #expect(positions(text) == ["5:1"])
    }

    @Test func secondClauseGetsANoteAtTheFirst() throws {
        let diagnostic = try #require(check(Self.campaign("priority 1", #"offer "o""#, "priority 2")).diagnostics.first)
        #expect("\(diagnostic.range.start)" == "5:3")
        #expect(diagnostic.notes.map { $0.range.map { "\($0.start)" } } == ["3:3"])
    }

    @Test func duplicateNameIsReportedAtTheLaterNameAcrossFiles() {
        let first = SourceFile(path: "a.lurk", text: "campaign dup {\n  on x\n  offer \"o\"\n}\n")
        let second = SourceFile(path: "b.lurk", text: "\n\ncampaign  dup {\n  on x\n  offer \"o\"\n}\n")
        let result = CampaignChecker.check([first, second], now: Self.now)
        #expect(result.diagnostics.map { "\($0.range.file):\($0.range.start)" } == ["b.lurk:3:11"])
        #expect(result.diagnostics.first?.notes.first?.range.map { "\($0.file):\($0.start)" } == "a.lurk:1:10")
    }

    @Test func ordersDiagnosticsByFileThenPosition() {
        let first = SourceFile(path: "a.lurk", text: Self.campaign("priority 1001", "when 1 < 2", "wehn"))
        let second = SourceFile(path: "b.lurk", text: "@")
        let result = CampaignChecker.check([first, second], now: Self.now)
        #expect(
            result.diagnostics.map { "\($0.range.file):\($0.range.start)" } == [
                "a.lurk:3:12", "a.lurk:4:8", "a.lurk:5:3", "b.lurk:1:1",
            ])
    }

    // MARK: Characters and positions

    @Test func countsColumnsAfterByteOrderMarkTabsAndCarriageReturns() {
        #expect(positions("\u{FEFF}campaign a {\r\n\ton x\r\n\tpriority 2000\r\n\toffer \"o\"\r\n}\r\n") == ["3:11"])
        #expect(positions("campaign a {\r  on x\r  wehn 1\r  offer \"o\"\r}") == ["1:23"])
    }

    @Test func endOfFileIsAfterTheLastCharacter() {
        #expect(positions("campaign a {\n  on x\n  offer \"o\"\n\n\n") == ["6:1"])
        #expect(positions("campaign a {\n  on x\n  offer \"o\"  # no brace") == ["3:24"])
    }

    @Test func expressionOfMaximumDepthChecksAndOneMoreIsAnError() {
        let depth = Parser.maximumDepth
        let deepest = String(repeating: "(", count: depth) + "event.x" + String(repeating: ")", count: depth)
        #expect(check(Self.campaign("when " + deepest, #"offer "o""#)).diagnostics.isEmpty)
        let tooDeep = "(" + deepest + ")"
        #expect(positions(Self.campaign("when " + tooDeep, #"offer "o""#)) == ["3:\(8 + depth)"])
        let chain = Array(repeating: "event.x", count: depth + 2).joined(separator: " + ")
        #expect(positions(Self.campaign("when " + chain + " > 1", #"offer "o""#)) == ["3:\(16 + 10 * depth)"])
    }

    // MARK: Campaign values

    @Test func appliesDefaultsAndReadsEveryClause() throws {
        let text = """
            campaign full {
              description "every clause"
              on a.b, "c-d"
              when event.x > 1
              wait 90s unless e
              offer "o" via "call-center" with { k: 1 }
              priority 7
              limit 2 per customer
              budget 3 per hour
              holdout 0.07%
              active from 2026-12-01 until 2026-12-02
            }
            campaign defaults {
              on a
              escalate "team-lead"
            }

            """
        let result = check(text)
        #expect(result.diagnostics.isEmpty)
        let full = try #require(result.campaigns.first)
        #expect(full.description == "every clause")
        #expect(full.triggers.map(\.name) == ["a.b", "c-d"])
        #expect(full.wait.map { "\($0.milliseconds) \($0.unless.map(\.name))" } == "90000 [\"e\"]")
        #expect(full.priority == 7)
        #expect(full.limit == .perCustomer(count: 2, windowMilliseconds: nil))
        #expect(full.budget == Budget(count: 3, period: .hour))
        #expect(full.holdoutBasisPoints == 7)
        #expect(full.activeFrom == Self.now)
        #expect(full.activeUntil == Self.now + 86_400_000)
        if case .offer(let name, let channel, let attributes) = full.action {
            #expect(name == "o")
            #expect(channel == .named("call-center"))
            #expect(attributes.map(\.key) == ["k"])
        } else {
            Issue.record("expected an offer, found \(full.action)")
        }
        let defaults = try #require(result.campaigns.last)
        #expect(defaults.limit == .perCustomer(count: 1, windowMilliseconds: 86_400_000))
        #expect(defaults.priority == 0)
        #expect(defaults.holdoutBasisPoints == 0)
        #expect(defaults.budget == nil)
        #expect(defaults.condition == nil)
        #expect(defaults.action == .escalate(level: "team-lead", attributes: []))
    }

    @Test func offerWithoutViaGoesToTheEventChannel() throws {
        let campaign = try #require(check(Self.campaign(#"offer "o""#)).campaigns.first)
        let eventChannel = ChannelSource.path(Path(root: .event, fields: ["channel"]))
        #expect(campaign.action == .offer(name: "o", channel: eventChannel, attributes: []))
    }
}
