import Testing

/// Spec §7, the decision JSON, compared as text: keys in the order of the specification's example, `channel`
/// and `level`, times in RFC 3339 UTC with milliseconds, and the written form of attributes. Whitespace
/// between tokens is ignored; the `id` is left out (§10).
@Suite struct DecisionFormatConformanceTests {
    /// One case: a campaign set, events and the exact decision texts without ids, in any order.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var campaigns: String
        var events: [String]
        var until: String? = nil
        var expected: [String]

        var testDescription: String { name }
    }

    /// The text of a decision from its parts: the key order of §7.
    static func line(
        _ campaign: String, _ customer: String, action: String, _ outcome: String, _ time: String,
        trigger: String, at triggerTime: String? = nil, attributes: String = "{}"
    ) -> String {
        #"{"campaign":"\#(campaign)","customer":"\#(customer)",\#(action),"outcome":"\#(outcome)","#
            + #""ts":"\#(ConformanceTime.rfc3339(time))","trigger":{"type":"\#(trigger)","ts":"\#(ConformanceTime.rfc3339(triggerTime ?? time))"},"#
            + #""attributes":\#(attributes)}"#
    }

    /// An echo campaign: every `probe` is sent on `web` with `v` set to `value`.
    static func echo(_ value: String) -> String {
        "campaign echo { on probe offer \"echo\" via web with { v: \(value) } limit none }"
    }

    /// The echo decision of c1 at 10:00 with `attributes`.
    static func echoed(_ attributes: String) -> String {
        line("echo", "c1", action: #""action":"offer","offer":"echo","channel":"web""#, "sent", "10:00",
             trigger: "probe", attributes: attributes)
    }

    static let cases: [Case] = [
        Case(
            name: "an offer: id, campaign, customer, action, offer, channel, outcome, ts, trigger, attributes",
            campaigns: #"campaign promo { on probe offer "ten-percent" via web limit none }"#,
            events: [.event("c1", "probe", "10:00")],
            expected: [
                line("promo", "c1", action: #""action":"offer","offer":"ten-percent","channel":"web""#, "sent", "10:00",
                     trigger: "probe")
            ]),
        Case(
            name: "an escalation has level instead of offer and channel",
            campaigns: #"campaign desk { on probe escalate "team-lead" limit none }"#,
            events: [.event("c1", "probe", "10:00", #""channel": "web""#)],
            expected: [
                line("desk", "c1", action: #""action":"escalate","level":"team-lead""#, "sent", "10:00", trigger: "probe")
            ]),
        Case(
            name: "an offer without a usable channel has channel null, whatever its outcome",
            campaigns: #"campaign promo { on probe offer "promo" via event.channel }"#,
            events: [.event("c1", "probe", "10:00", #""channel": "SMS""#), .event("c1", "probe", "10:01", #""channel": "web""#),
                     .event("c1", "probe", "10:02", #""channel": "SMS""#)],
            expected: [
                line("promo", "c1", action: #""action":"offer","offer":"promo","channel":null"#, "no_channel", "10:00",
                     trigger: "probe"),
                line("promo", "c1", action: #""action":"offer","offer":"promo","channel":"web""#, "sent", "10:01",
                     trigger: "probe"),
                line("promo", "c1", action: #""action":"offer","offer":"promo","channel":null"#, "capped", "10:02",
                     trigger: "probe"),
            ]),
        Case(
            name: "a wait's firing is at its due time and a cancellation at the cancelling event's time",
            campaigns: #"campaign nudge { on cart wait 1h unless order offer "nudge" via web limit none }"#,
            events: [.event("c1", "cart", "10:00"), .event("c2", "cart", "10:00"), .event("c2", "order", "10:20:30.5")],
            until: "2026-11-24T12:00Z",
            expected: [
                line("nudge", "c1", action: #""action":"offer","offer":"nudge","channel":"web""#, "sent", "11:00",
                     trigger: "cart", at: "10:00"),
                line("nudge", "c2", action: #""action":"offer","offer":"nudge","channel":"web""#, "cancelled",
                     "10:20:30.500", trigger: "cart", at: "10:00"),
            ]),
        Case(
            name: "times are written in UTC with milliseconds, whatever the event's ts looked like",
            campaigns: #"campaign promo { on probe offer "promo" via web limit none }"#,
            events: [
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24T11:00:00.5+01:00"}"#,
                #"{"customer": "c2", "type": "probe", "ts": 1795514400007}"#,
            ],
            expected: [
                line("promo", "c1", action: #""action":"offer","offer":"promo","channel":"web""#, "sent", "10:00:00.500",
                     trigger: "probe"),
                line("promo", "c2", action: #""action":"offer","offer":"promo","channel":"web""#, "sent", "10:00:00.007",
                     trigger: "probe"),
            ]),
        Case(
            name: "integral numbers of at most 2^53 in size are written without a fraction",
            campaigns: echo("event.v"),
            events: ["100.0", "1e2", "9007199254740992", "-9007199254740992", "3", "0", "-7.0", "2.5e1"].map {
                .event("c1", "probe", "10:00", #""v": \#($0)"#)
            },
            expected: ["100", "100", "9007199254740992", "-9007199254740992", "3", "0", "-7", "25"].map {
                echoed(#"{"v":\#($0)}"#)
            }),
        Case(
            name: "computed integral numbers are written without a fraction",
            campaigns: echo("event.v * 4"),
            events: [.event("c1", "probe", "10:00", #""v": 0.5"#), .event("c1", "probe", "10:00", #""v": 2.25"#)],
            expected: [echoed(#"{"v":2}"#), echoed(#"{"v":9}"#)]),
        Case(
            name: "other numbers are written as a decimal that reads back the same",
            campaigns: echo("event.v"),
            events: ["19.99", "-0.5", "0.1", "1.5"].map { .event("c1", "probe", "10:00", #""v": \#($0)"#) },
            expected: ["19.99", "-0.5", "0.1", "1.5"].map { echoed(#"{"v":\#($0)}"#) }),
        Case(
            name: "durations are written as whole milliseconds",
            campaigns: #"campaign echo { on probe offer "echo" via web with { a: 90m, b: -1h, c: 1w } limit none }"#,
            events: [.event("c1", "probe", "10:00")],
            expected: [echoed(#"{"a":5400000,"b":-3600000,"c":604800000}"#)]),
        Case(
            name: "lists are arrays with missing elements as null",
            campaigns: echo(#"[1, event.nope, "x", [event.n], []]"#),
            events: [.event("c1", "probe", "10:00", #""n": null"#)],
            expected: [echoed(#"{"v":[1,null,"x",[null],[]]}"#)]),
        Case(
            name: "missing values are left out",
            campaigns: #"campaign echo { on probe offer "echo" via web with { gone: event.nope, nul: event.n, div: 1 / 0 } limit none }"#,
            events: [.event("c1", "probe", "10:00", #""n": null"#)],
            expected: [echoed("{}")]),
        Case(
            name: "booleans and strings",
            campaigns: #"campaign echo { on probe offer "echo" via web with { t: true, f: event.n > 1, s: "say \"hi\"\\" } limit none }"#,
            events: [.event("c1", "probe", "10:00", #""n": 0"#)],
            expected: [echoed(#"{"t":true,"f":false,"s":"say \"hi\"\\"}"#)]),
        Case(
            name: "objects and lists of the event are written anew, numbers as numbers are",
            campaigns: #"campaign echo { on probe offer "echo" via web with { o: event.o, l: event.l } limit none }"#,
            events: [.event("c1", "probe", "10:00", #""o": { "a" : 1.0, "b": [ 2e0, null ], "c": {} }, "l": [ 1.50, -0.0e0 , 3E1 ]"#)],
            expected: [echoed(#"{"o":{"a":1,"b":[2,null],"c":{}},"l":[1.5,0,30]}"#)]),
    ]

    @Test(arguments: cases)
    func decisionsAreWrittenAsTheSpecificationSays(_ scenario: Case) throws {
        guard let run = try ConformanceReplay.run(
            campaigns: scenario.campaigns, events: scenario.events, profiles: nil, until: scenario.until)
        else { return }
        #expect(
            run.lines.map { ExactText(JSONText.withoutID(JSONText.minified($0))) }.sorted()
                == scenario.expected.map(ExactText.init).sorted())
    }

    /// Values whose written form the specification leaves to "the shortest decimal that reads back the same":
    /// the text must read back as the value, with no more significant digits than the shortest such text.
    @Test(arguments: [
        ("1 / 3", 1.0 / 3), ("0.1 + 0.2", 0.1 + 0.2), ("event.tiny", 1e-7), ("event.huge", 1e20),
        ("event.above", 9_007_199_254_740_994), ("event.small", Double.leastNonzeroMagnitude), ("event.max", 1.7976931348623157e308),
        ("event.pi", 3.141592653589793), ("-event.pi", -3.141592653589793),
    ])
    func otherNumbersAreTheShortestDecimalThatReadsBack(expression: String, value: Double) throws {
        let fields = #""tiny": 1e-7, "huge": 1e20, "above": 9007199254740994, "small": 5e-324, "#
            + #""max": 1.7976931348623157e308, "pi": 3.141592653589793"#
        guard let run = try ConformanceReplay.run(
            campaigns: Self.echo(expression), events: [.event("c1", "probe", "10:00", fields)], profiles: nil, until: nil)
        else { return }
        let minified = run.lines.map(JSONText.minified)
        #expect(minified.count == 1)
        let prefix = #""attributes":{"v":"#
        guard let line = minified.first, let start = line.range(of: prefix) else {
            Issue.record("no attribute v in \(minified)")
            return
        }
        let text = String(line[start.upperBound...].dropLast(2))
        #expect(Double(text) == value, "\(text)")
        #expect(JSONText.significantDigits(text) == JSONText.significantDigits(value.description), "\(text)")
    }
}
