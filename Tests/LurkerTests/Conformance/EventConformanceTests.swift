import Testing

/// Spec §3, events, customers and time: which lines are events, how `ts` is read, how fields become values,
/// and how late and too-late events are decided.
@Suite struct EventConformanceTests {
    static let probe = #"campaign probe { on probe offer "probe" via web limit none }"#

    /// An event line of exactly `size` bytes: a probe of `customer` at 10:00 padded with a string field.
    static func padded(_ customer: String, size: Int) -> String {
        let head = #"{"customer": "\#(customer)", "type": "probe", "ts": "2026-11-24T10:00:00.000Z", "pad": ""#
        return head + String(repeating: "x", count: size - head.utf8.count - 2) + "\"}"
    }

    static let cases: [ConformanceCase] = [
        ConformanceCase(
            name: "ts may be epoch milliseconds, read as event.ts as written",
            campaigns: #"campaign probe { on probe offer "probe" via web with { ts: event.ts } limit none }"#,
            events: [#"{"customer": "c1", "type": "probe", "ts": 1795514400000}"#],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"ts": 1795514400000}"#)]),
        ConformanceCase(
            name: "ts as a JSON number with an integral value, written with a fraction or an exponent",
            campaigns: probe,
            events: [
                #"{"customer": "c1", "type": "probe", "ts": 1795514400000.0}"#,
                #"{"customer": "c2", "type": "probe", "ts": 1.7955144e12}"#,
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe"), .offer("probe", "c2", "sent", "10:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "digits of ts finer than milliseconds are truncated",
            campaigns: probe,
            events: [
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24T10:00:00.123999Z"}"#,
                #"{"customer": "c2", "type": "probe", "ts": "2026-11-24T10:00:00.9999999Z"}"#,
                #"{"customer": "c3", "type": "probe", "ts": "2026-11-24T10:00:00.5Z"}"#,
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00:00.123", on: "probe"),
                .offer("probe", "c2", "sent", "10:00:00.999", on: "probe"),
                .offer("probe", "c3", "sent", "10:00:00.500", on: "probe"),
            ]),
        ConformanceCase(
            name: "ts with an offset or without a fraction",
            campaigns: probe,
            events: [
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24T11:30:00+01:30"}"#,
                #"{"customer": "c2", "type": "probe", "ts": "2026-11-24T10:00:00Z"}"#,
                #"{"customer": "c3", "type": "probe", "ts": "2026-11-24T05:00:00.000-05:00"}"#,
            ],
            expected: ["c1", "c2", "c3"].map { .offer("probe", $0, "sent", "10:00", on: "probe") }),
        ConformanceCase(
            name: "lines that are not valid events are reported with their line number and skipped",
            campaigns: probe,
            events: [
                .event("c1", "probe", "10:00"),
                "not json",
                #"["customer", "c1"]"#,
                #"{"type": "probe", "ts": "2026-11-24T10:00:00Z"}"#,
                #"{"customer": "", "type": "probe", "ts": "2026-11-24T10:00:00Z"}"#,
                #"{"customer": 7, "type": "probe", "ts": "2026-11-24T10:00:00Z"}"#,
                #"{"customer": "c1", "ts": "2026-11-24T10:00:00Z"}"#,
                #"{"customer": "c1", "type": "", "ts": "2026-11-24T10:00:00Z"}"#,
                #"{"customer": "c1", "type": 5, "ts": "2026-11-24T10:00:00Z"}"#,
                #"{"customer": "c1", "type": "probe"}"#,
                #"{"customer": "c1", "type": "probe", "ts": "yesterday"}"#,
                #"{"customer": "c1", "type": "probe", "ts": 1795514400000.5}"#,
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24"}"#,
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24T10:00:00"}"#,
                #"{"customer": "c1", "type": "probe", "ts": true}"#,
                #"{"customer": "c1", "type": "probe", "ts": null}"#,
                #"{"customer": null, "type": "probe", "ts": "2026-11-24T10:00:00Z"}"#,
                "42",
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24T10:00:00Z""#,
                .event("c1", "probe", "10:01"),
            ],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe"), .offer("probe", "c1", "sent", "10:01", on: "probe")],
            skippedEvents: Array(2...19)),
        ConformanceCase(
            name: "a customer id of at most 256 bytes",
            campaigns: probe,
            events: [
                .event(String(repeating: "x", count: 256), "probe", "10:00"),
                .event(String(repeating: "y", count: 257), "probe", "10:00"),
                .event(String(repeating: "é", count: 128), "probe", "10:00"),
                .event(String(repeating: "ü", count: 129), "probe", "10:00"),
            ],
            expected: [
                .offer("probe", String(repeating: "x", count: 256), "sent", "10:00", on: "probe"),
                .offer("probe", String(repeating: "é", count: 128), "sent", "10:00", on: "probe"),
            ],
            skippedEvents: [2, 4]),
        ConformanceCase(
            name: "an event of at most 1 MiB",
            campaigns: probe,
            events: [padded("c1", size: 1 << 20), padded("c2", size: (1 << 20) + 1)],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe")],
            skippedEvents: [2]),
        ConformanceCase(
            name: "customer and type are read as JSON strings, escapes included",
            campaigns: #"campaign probe { on probe offer "probe" via web with { n: count(view, 1h) } limit none }"#,
            events: [
                .event("c1", "view", "09:30"),
                #"{"customer": "c\u0031", "type": "vie\u0077", "ts": "2026-11-24T09:40:00Z"}"#,
                #"{"customer": "c\u0031", "type": "pro\u0062e", "ts": "2026-11-24T10:00:00Z"}"#,
            ],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"n": 2}"#)]),
        ConformanceCase(
            name: "a channel that is not a string is no error, just not a usable channel",
            campaigns: #"campaign promo { on visit offer "promo" limit none }"#,
            events: [
                .event("c1", "visit", "10:00", #""channel": 5"#), .event("c1", "visit", "10:01", #""channel": null"#),
                .event("c1", "visit", "10:02", #""channel": ["web"]"#),
                .event("c1", "visit", "10:03", #""channel": {"name": "web"}"#),
                .event("c1", "visit", "10:04", #""channel": true"#), .event("c1", "visit", "10:05"),
                .event("c1", "visit", "10:06", #""channel": "web""#),
            ],
            expected: ["10:00", "10:01", "10:02", "10:03", "10:04", "10:05"].map {
                .offer("promo", "c1", "no_channel", $0, on: "visit", channel: nil)
            } + [.offer("promo", "c1", "sent", "10:06", on: "visit")]),
        ConformanceCase(
            name: "event.customer, event.type, event.channel and event.ts read the fields as written",
            campaigns: """
                campaign probe {
                  on probe
                  offer "probe" via web with { c: event.customer, t: event.type, ch: event.channel, ts: event.ts }
                  limit none
                }
                """,
            events: [#"{"customer": "c1", "type": "probe", "ts": "2026-11-24T11:00:00+01:00", "channel": "app"}"#],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe",
                       attributes: #"{"c": "c1", "t": "probe", "ch": "app", "ts": "2026-11-24T11:00:00+01:00"}"#)
            ]),
        ConformanceCase(
            name: "JSON values become strings, numbers, booleans and lists; null is missing; objects are kept whole",
            campaigns: """
                campaign probe {
                  on probe
                  offer "probe" via web with { s: event.s, n: event.n, b: event.b, l: event.l, z: event.z, o: event.o }
                  limit none
                }
                """,
            events: [
                .event("c1", "probe", "10:00",
                       #""s": "x", "n": 1.5, "b": false, "l": [1, "a", null, [true]], "z": null, "o": {"k": [1, {"m": null}]}"#)
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe",
                       attributes: #"{"s": "x", "n": 1.5, "b": false, "l": [1, "a", null, [true]], "o": {"k": [1, {"m": null}]}}"#)
            ]),
        ConformanceCase(
            name: "a late event is decided as of its own time",
            campaigns: #"campaign probe { on probe offer "probe" via web with { n: count(view, 1h), g: since(cart) } limit none }"#,
            events: [
                .event("c1", "view", "09:30"), .event("c1", "view", "10:30"), .event("c1", "cart", "10:20"),
                .event("c1", "probe", "10:10"),
            ],
            expected: [.offer("probe", "c1", "sent", "10:10", on: "probe", attributes: #"{"n": 1}"#)],
            tooLate: 0),
        ConformanceCase(
            name: "an event more than an hour behind the clock is too late, and decided all the same on what was kept",
            campaigns: #"campaign probe { on probe offer "probe" via web with { n: count(view, 1d) } limit none }"#,
            events: [
                .event("c1", "view", "10:00"), .event("c2", "noise", "12:00"), .event("c1", "probe", "10:30"),
                .event("c1", "probe", "10:59:59.999"),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:30", on: "probe", attributes: #"{"n": 1}"#),
                .offer("probe", "c1", "sent", "10:59:59.999", on: "probe", attributes: #"{"n": 1}"#),
            ],
            tooLate: 2),
        ConformanceCase(
            name: "an event exactly an hour behind the clock is not too late",
            campaigns: probe,
            events: [.event("c2", "noise", "12:00"), .event("c1", "probe", "11:00")],
            expected: [.offer("probe", "c1", "sent", "11:00", on: "probe")],
            tooLate: 0),
        ConformanceCase(
            name: "the clock never moves back: a late event fires no timer",
            campaigns: #"campaign reminder { on cart wait 1h offer "reminder" via web limit none }"#,
            events: [.event("c1", "cart", "10:00"), .event("c2", "noise", "10:50"), .event("c2", "noise", "10:20")],
            until: "2026-11-24T10:59:59Z",
            expected: []),
        ConformanceCase(
            name: "ts in RFC 3339 with a lower-case t and z, or the offset -00:00",
            campaigns: probe,
            events: [
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24t10:00:00z"}"#,
                #"{"customer": "c2", "type": "probe", "ts": "2026-11-24T10:00:00-00:00"}"#,
                #"{"customer": "c3", "type": "probe", "ts": "2026-11-24T10:00:00+00:00"}"#,
            ],
            expected: ["c1", "c2", "c3"].map { .offer("probe", $0, "sent", "10:00", on: "probe") }),
        ConformanceCase(
            name: "a ts that names no real moment, or is not RFC 3339, is unreadable",
            campaigns: probe,
            events: [
                #"{"customer": "c1", "type": "probe", "ts": "2026-02-29T10:00:00Z"}"#,
                #"{"customer": "c1", "type": "probe", "ts": "2026-13-01T10:00:00Z"}"#,
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24T24:00:00Z"}"#,
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24T10:60:00Z"}"#,
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24T10:00:00.Z"}"#,
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24T10:00:00+0100"}"#,
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24T10:00Z"}"#,
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-24T10:00:00.000Z "}"#,
                #"{"customer": "c1", "type": "probe", "ts": "2028-02-29T10:00:00Z"}"#,
            ],
            expected: [.offer("probe", "c1", "sent", "2028-02-29T10:00:00.000Z", on: "probe")],
            skippedEvents: Array(1...8)),
        ConformanceCase(
            name: "a line with anything after the object is not JSON",
            campaigns: probe,
            events: [
                .event("c1", "probe", "10:00") + " x", .event("c1", "probe", "10:00") + .event("c1", "probe", "10:00"),
                .event("c1", "probe", "10:00") + "  ",
            ],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe")],
            skippedEvents: [1, 2]),
        ConformanceCase(
            name: "member names are read as JSON strings, escapes included",
            campaigns: #"campaign probe { on probe offer "probe" via web with { v: event.val } limit none }"#,
            events: [
                #"{"cust\u006fmer": "c1", "typ\u0065": "probe", "t\u0073": "2026-11-24T10:00:00Z", "v\u0061l": 7}"#
            ],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"v": 7}"#)]),
        ConformanceCase(
            name: "an escaped surrogate pair is the same string as the character written out",
            campaigns: #"campaign probe { on probe when event.a == event.b offer "probe" via web with { a: event.a } limit none }"#,
            events: [.event("c1", "probe", "10:00", #""a": "\ud83d\ude00", "b": "😀""#)],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"a": "😀"}"#)]),
        ConformanceCase(
            name: "customer ids and types are told apart by their bytes, canonically equivalent ones included",
            campaigns: """
                campaign probe { on probe offer "probe" via web with { n: count(view, 1h) } limit none }
                campaign decomposed { on "cafe\u{301}" offer "decomposed" via app limit none }
                """,
            events: [
                .event("\u{e9}", "view", "09:30"), .event("e\u{301}", "probe", "10:00"), .event("\u{e9}", "probe", "10:00"),
                .event("c1", "caf\u{e9}", "10:00"), .event("c1", "cafe\u{301}", "10:00"),
            ],
            expected: [
                .offer("probe", "e\u{301}", "sent", "10:00", on: "probe", attributes: #"{"n": 0}"#),
                .offer("probe", "\u{e9}", "sent", "10:00", on: "probe", attributes: #"{"n": 1}"#),
                .offer("decomposed", "c1", "sent", "10:00", on: "cafe\u{301}", channel: "app"),
            ]),
        ConformanceCase(
            name: "a STRING type with escapes names the type it spells",
            campaigns: #"campaign quoted { on "say \"hi\"\\" offer "quoted" via web limit none }"#,
            events: [#"{"customer": "c1", "type": "say \"hi\"\\", "ts": "2026-11-24T10:00:00Z"}"#],
            expected: [.offer("quoted", "c1", "sent", "10:00", on: #"say "hi"\"#)]),
        ConformanceCase(
            name: "the 256-byte limit counts the bytes of the customer id, not of its JSON text",
            campaigns: probe,
            events: [
                #"{"customer": "\u0078\#(String(repeating: "x", count: 255))", "type": "probe", "ts": "2026-11-24T10:00:00Z"}"#,
                #"{"customer": "\u0079\#(String(repeating: "y", count: 256))", "type": "probe", "ts": "2026-11-24T10:00:00Z"}"#,
            ],
            expected: [.offer("probe", String(repeating: "x", count: 256), "sent", "10:00", on: "probe")],
            skippedEvents: [2]),
        ConformanceCase(
            name: "epoch milliseconds may be zero or negative",
            campaigns: probe,
            events: [#"{"customer": "c1", "type": "probe", "ts": -1}"#, #"{"customer": "c2", "type": "probe", "ts": 0}"#,
                     #"{"customer": "c3", "type": "probe", "ts": "1795514400000"}"#],
            expected: [
                .offer("probe", "c1", "sent", "1969-12-31T23:59:59.999Z", on: "probe"),
                .offer("probe", "c2", "sent", "1970-01-01T00:00:00.000Z", on: "probe"),
            ],
            skippedEvents: [3]),
        ConformanceCase(
            name: "a line that is not JSON anywhere, even in a field no campaign reads, is not an event",
            campaigns: probe,
            events: [
                #"[1,,2]"#, #""\x""#, "01", "NaN", "1.", ".5", "+1", "[1,]", #"{"a":1,}"#, "'x'", "tru", "[1", #"{"a" 1}"#,
                "-", "1e", #""\u12""#, "Infinity", "1 2", "\"a\tb\"",
            ].map { #"{"customer": "c1", "type": "probe", "ts": "2026-11-24T10:00:00Z", "junk": \#($0)}"# }
                + [.event("c1", "probe", "10:00", #""junk": [1, {"a": [null, true, -0.5e+3]}, "\"\\\/\b\f\n\r\t\u00e9"]"#)],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe")],
            skippedEvents: Array(1...19)),
    ]

    @Test(arguments: cases)
    func replayDecidesAsTheSpecificationSays(_ scenario: ConformanceCase) throws {
        try scenario.verify()
    }
}
