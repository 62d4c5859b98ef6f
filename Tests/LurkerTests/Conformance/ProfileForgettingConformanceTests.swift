import Lurker
import RuleDSL
import Testing

/// Spec §3: a null profile forgets the customer, profile and all per-customer state (history, pending waits,
/// limit counts). Replay files cannot say "null", so these cases drive the engine as the daemon does, with
/// profiles interleaved between events.
@Suite struct ProfileForgettingConformanceTests {
    /// One step of a case, in processing order.
    enum Step: Sendable {
        /// An event line.
        case event(String)
        /// A profile for the customer (JSON object text), or nil: the null value that forgets the customer.
        case profile(String, String?)
        /// The clock of the partition moves to this short time (as the idle rule or `--until` would).
        case clock(String)
    }

    /// A case: campaigns, steps and the decisions expected, in any order.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var campaigns: String
        var steps: [Step]
        var expected: [ExpectedDecision]

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a null profile forgets the profile; customer.id stays the id",
            campaigns: #"campaign probe { on probe offer "probe" via web with { tier: customer.tier, id: customer.id } limit none }"#,
            steps: [
                .profile("c1", #"{"tier": "gold"}"#), .event(.event("c1", "probe", "10:00")), .profile("c1", nil),
                .event(.event("c1", "probe", "10:05")),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"tier": "gold", "id": "c1"}"#),
                .offer("probe", "c1", "sent", "10:05", on: "probe", attributes: #"{"id": "c1"}"#),
            ]),
        Case(
            name: "a null profile forgets the history",
            campaigns: #"campaign probe { on probe offer "probe" via web with { n: count(view, 1h), g: since(view), v: last(view, v) } limit none }"#,
            steps: [
                .event(.event("c1", "view", "09:30", #""v": 1"#)), .event(.event("c2", "view", "09:30", #""v": 2"#)),
                .profile("c1", nil), .event(.event("c1", "probe", "10:00")), .event(.event("c2", "probe", "10:00")),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"n": 0}"#),
                .offer("probe", "c2", "sent", "10:00", on: "probe", attributes: #"{"n": 1, "g": 1800000, "v": 2}"#),
            ]),
        Case(
            name: "a null profile forgets pending waits, with no decision",
            campaigns: #"campaign reminder { on cart wait 1h unless order offer "reminder" via web limit none }"#,
            steps: [
                .event(.event("c1", "cart", "10:00")), .event(.event("c2", "cart", "10:00")),
                .event(.event("c3", "noise", "10:30")), .profile("c1", nil), .event(.event("c1", "order", "10:40")),
                .clock("12:00"),
            ],
            expected: [.offer("reminder", "c2", "sent", "11:00", on: "cart", at: "10:00")]),
        Case(
            name: "a null profile forgets the limit counts",
            campaigns: #"campaign daily { on probe offer "daily" via web }"#,
            steps: [
                .event(.event("c1", "probe", "10:00")), .event(.event("c2", "probe", "10:00")), .profile("c1", nil),
                .event(.event("c1", "probe", "10:30")), .event(.event("c2", "probe", "10:30")),
            ],
            expected: [
                .offer("daily", "c1", "sent", "10:00", on: "probe"), .offer("daily", "c2", "sent", "10:00", on: "probe"),
                .offer("daily", "c1", "sent", "10:30", on: "probe"), .offer("daily", "c2", "capped", "10:30", on: "probe"),
            ]),
        Case(
            name: "a null profile leaves the campaign's budget, which is not per customer",
            campaigns: #"campaign scarce { on probe offer "scarce" via web budget 1 limit none }"#,
            steps: [.event(.event("c1", "probe", "10:00")), .profile("c1", nil), .event(.event("c1", "probe", "10:30"))],
            expected: [
                .offer("scarce", "c1", "sent", "10:00", on: "probe"),
                .offer("scarce", "c1", "budget_exhausted", "10:30", on: "probe"),
            ]),
        Case(
            name: "a profile that arrives between events applies from the next event on",
            campaigns: #"campaign probe { on probe offer "probe" via web with { tier: customer.tier } limit none }"#,
            steps: [
                .event(.event("c1", "probe", "10:00")), .profile("c1", #"{"tier": "gold"}"#),
                .event(.event("c1", "probe", "10:05")), .profile("c1", #"{"city": "Ulm"}"#),
                .event(.event("c1", "probe", "10:10")),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe"),
                .offer("probe", "c1", "sent", "10:05", on: "probe", attributes: #"{"tier": "gold"}"#),
                .offer("probe", "c1", "sent", "10:10", on: "probe"),
            ]),
        Case(
            name: "a wait's with values are computed at the trigger, with the profile of then",
            campaigns: #"campaign reminder { on cart wait 1h offer "reminder" via customer.channel with { tier: customer.tier } limit none }"#,
            steps: [
                .profile("c1", #"{"tier": "gold", "channel": "sms"}"#), .event(.event("c1", "cart", "10:00")),
                .profile("c1", #"{"tier": "basic", "channel": "email"}"#), .clock("12:00"),
            ],
            expected: [
                .offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00", channel: "sms",
                       attributes: #"{"tier": "gold"}"#)
            ]),
    ]

    @Test(arguments: cases)
    func engineForgetsAsTheSpecificationSays(_ scenario: Case) throws {
        let checked = CampaignChecker.check([SourceFile(path: "conformance.lurk", text: scenario.campaigns)], now: 0)
        #expect(!checked.hasErrors, "\(checked.diagnostics)")
        let engine = Engine(campaigns: CompiledCampaignSet(checked.campaigns))
        var decisions: [Decision] = []
        var offset: Int64 = 0
        for step in scenario.steps {
            switch step {
            case .event(let line):
                let reason = engine.process(
                    Array(line.utf8), fallbackTime: nil,
                    reference: EventReference(topic: "events", partition: 0, offset: offset), into: &decisions)
                #expect(reason == nil, "\(line)")
                offset += 1
            case .profile(let customer, let json):
                #expect(engine.setProfile(json.map { Array($0.utf8) }, customer: customer) == nil)
            case .clock(let time):
                engine.advanceClock(of: 0, to: ConformanceTime.milliseconds(time), into: &decisions)
            }
        }
        let actual = decisions.map {
            ExactText(ExpectedDecision.canonical(line: String(decoding: $0.jsonBytes, as: UTF8.self)) ?? "")
        }
        #expect(actual.sorted() == scenario.expected.map { ExactText($0.canonical) }.sorted())
    }
}
