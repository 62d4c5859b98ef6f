import Testing

/// Spec §4, expressions: values read from events and profiles, missing semantics, comparisons (strings by
/// UTF-8 bytes), `and`/`or`/`not`, arithmetic with durations and its truncation, `in`, `contains`,
/// `is missing`/`is present`, and §3's paths.
@Suite struct ExpressionConformanceTests {
    /// A probe campaign: every `probe` event is sent on `web` with `with`, so its attributes show values.
    static func probe(_ with: String) -> String {
        "campaign probe { on probe offer \"probe\" via web with { \(with) } limit none }"
    }

    /// One probe event of c1 at 10:00 with `fields`, after a `cart` event at 09:30 (so `since(cart)` is 30m).
    static func probed(_ fields: String) -> [String] {
        [.event("c1", "cart", "09:30"), .event("c1", "probe", "10:00", fields)]
    }

    /// The probe's decision with `attributes`.
    static func sent(_ attributes: String) -> [ExpectedDecision] {
        [.offer("probe", "c1", "sent", "10:00", on: "probe", attributes: attributes)]
    }

    static let cases: [ConformanceCase] = [
        ConformanceCase(
            name: "comparisons with a missing side are false, != included",
            campaigns: probe(
                "eq: event.x == 1, ne: event.x != 1, lt: event.x < 1, ge: event.x >= 1, both: event.x == event.y, "
                    + "bothne: event.x != event.y, null: event.n != 1, nulls: event.n == event.n"),
            events: probed(#""n": null"#),
            expected: sent(
                #"{"eq": false, "ne": false, "lt": false, "ge": false, "both": false, "bothne": false, "null": false, "nulls": false}"#)),
        ConformanceCase(
            name: "comparisons of different types are false, != included",
            campaigns: probe(
                "a: event.s == 1, b: event.s != 1, c: event.b != 1, d: event.n != \"1\", e: event.b == \"true\", "
                    + "f: since(cart) != event.n, g: since(cart) == event.n, h: event.s < 2"),
            events: probed(#""s": "1", "b": true, "n": 1800000"#),
            expected: sent(
                #"{"a": false, "b": false, "c": false, "d": false, "e": false, "f": false, "g": false, "h": false}"#)),
        ConformanceCase(
            name: "numbers compare by value",
            campaigns: probe("a: event.n == 1, b: event.z == 0, c: event.n < 1.5, d: event.e == 100, e: event.n != 2"),
            events: probed(#""n": 1.0, "z": -0.0, "e": 1e2"#),
            expected: sent(#"{"a": true, "b": true, "c": true, "d": true, "e": true}"#)),
        ConformanceCase(
            name: "strings compare by their UTF-8 bytes",
            campaigns: probe(
                "a: event.e > event.z, b: event.up < event.low, c: event.w < event.smile, d: event.a < event.ab, "
                    + "e: event.empty < event.a, f: event.a <= event.a, g: event.a >= event.ab"),
            events: probed(
                #""e": "é", "z": "z", "up": "Z", "low": "a", "w": "～", "smile": "😀", "a": "a", "ab": "ab", "empty": """#),
            expected: sent(#"{"a": true, "b": true, "c": true, "d": true, "e": true, "f": true, "g": false}"#)),
        ConformanceCase(
            name: "canonically equivalent strings are different strings",
            campaigns: probe(
                "eq: event.nfc == event.nfd, ne: event.nfc != event.nfd, within: event.nfc in [event.nfd], "
                    + "sign: event.angstrom == event.ring"),
            events: probed(#""nfc": "\u00e9", "nfd": "e\u0301", "angstrom": "\u212b", "ring": "\u00c5""#),
            expected: sent(#"{"eq": false, "ne": true, "within": false, "sign": false}"#)),
        ConformanceCase(
            name: "booleans compare with == and != only",
            campaigns: probe(
                "a: event.f == false, b: event.t != false, c: event.f < true, d: event.t > false, e: event.t == event.t, "
                    + "f: event.f <= event.f"),
            events: probed(#""f": false, "t": true"#),
            expected: sent(#"{"a": true, "b": true, "c": false, "d": false, "e": true, "f": false}"#)),
        ConformanceCase(
            name: "durations compare with durations",
            campaigns: probe(
                "a: since(cart) == 30m, b: since(cart) > 29m, c: since(cart) == 1800000ms, d: since(cart) < 1h, "
                    + "e: since(cart) != 30m"),
            events: probed(""),
            expected: sent(#"{"a": true, "b": true, "c": true, "d": true, "e": false}"#)),
        ConformanceCase(
            name: "objects and lists are present but equal to nothing, themselves included",
            campaigns: probe(
                "a: event.o == event.o, b: event.o != event.o, c: event.l == event.l, d: event.l != event.l, "
                    + "e: event.o is present, f: event.l is present, g: event.o + 1 is missing, h: event.o.k == 1"),
            events: probed(#""o": {"k": 1}, "l": [1]"#),
            expected: sent(
                #"{"a": false, "b": false, "c": false, "d": false, "e": true, "f": true, "g": true, "h": true}"#)),
        ConformanceCase(
            name: "and, or and not always give a boolean; only true counts as true",
            campaigns: probe(
                "a: event.x and true, b: event.x or true, c: not event.x, d: event.s and true, e: not event.n, "
                    + "f: event.t and event.t, g: event.x or event.x, h: event.s or false"),
            events: probed(#""s": "yes", "n": 1, "t": true"#),
            expected: sent(
                #"{"a": false, "b": true, "c": true, "d": false, "e": true, "f": true, "g": false, "h": false}"#)),
        ConformanceCase(
            name: "a when that is not the boolean true is false",
            campaigns: #"campaign gate { on probe when event.w offer "gate" via web with { w: event.w } limit none }"#,
            events: [
                .event("c1", "probe", "10:00", #""w": true"#), .event("c1", "probe", "10:01", #""w": "true""#),
                .event("c1", "probe", "10:02", #""w": 1"#), .event("c1", "probe", "10:03"),
                .event("c1", "probe", "10:04", #""w": [true]"#), .event("c1", "probe", "10:05", #""w": {"a": true}"#),
                .event("c1", "probe", "10:06", #""w": null"#),
            ],
            expected: [.offer("gate", "c1", "sent", "10:00", on: "probe", attributes: #"{"w": true}"#)]),
        ConformanceCase(
            name: "is missing and is present test presence and are never missing",
            campaigns: probe(
                "a: event.x is missing, b: event.n is missing, c: event.f is present, d: event.e is present, "
                    + "e: (event.q / 0) is missing, f: event.o is present, g: event.l is present, h: event.x is present"),
            events: probed(#""n": null, "f": false, "e": "", "q": 1, "o": {}, "l": []"#),
            expected: sent(
                #"{"a": true, "b": true, "c": true, "d": true, "e": true, "f": true, "g": true, "h": false}"#)),
        ConformanceCase(
            name: "number arithmetic, precedence and associativity",
            campaigns: probe(
                "sum: event.a + event.b, diff: event.a - event.b, prod: event.a * 1.5, quot: event.b / event.a, "
                    + "neg: -event.a, prec: 1 + 2 * 3, paren: (1 + 2) * 3, left: 10 - 2 - 3, div: 8 / 2 / 2, "
                    + "twice: - -event.a"),
            events: probed(#""a": 2, "b": 3"#),
            expected: sent(
                #"{"sum": 5, "diff": -1, "prod": 3, "quot": 1.5, "neg": -2, "prec": 7, "paren": 9, "left": 5, "div": 2, "twice": 2}"#)),
        ConformanceCase(
            name: "arithmetic on anything else than numbers and durations gives missing",
            campaigns: probe(
                "strings: event.s + event.s, bool: event.t + 1, mixed: event.n + since(cart), obj: event.o * 2, "
                    + "list: event.l + 1, absent: event.x + 1, negs: -event.s, negb: -event.t, "
                    + "back: since(cart) - event.n, flagged: event.s + event.s is missing"),
            events: probed(#""s": "a", "t": true, "n": 5, "o": {"k": 1}, "l": [1]"#),
            expected: sent(#"{"flagged": true}"#)),
        ConformanceCase(
            name: "duration arithmetic",
            campaigns: probe(
                "a: 1h + 30m, b: 1h - 90m, c: 90s * 1.5, d: 2 * 1h, e: 1h / 4, f: 90m / 1h, g: -1h, "
                    + "h: since(cart) + 1m, i: since(cart) / 1m, j: 1w - 7d, k: 1d / 1h"),
            events: probed(""),
            expected: sent(
                #"{"a": 5400000, "b": -1800000, "c": 135000, "d": 7200000, "e": 900000, "f": 1.5, "g": -3600000, "h": 1860000, "i": 30, "j": 0, "k": 24}"#)),
        ConformanceCase(
            name: "a duration times or divided by a number is truncated toward zero",
            campaigns: probe(
                "a: 1ms * 1.5, b: -1ms * 1.5, c: 10ms / 3, d: -10ms / 3, e: 1ms * 0.5, f: 1h / 7, g: -1h / 7, "
                    + "h: event.k * 1ms, i: event.m * 1ms, j: 1s * 0.0015, k: 1ms * event.m"),
            events: probed(#""k": 2.9, "m": -2.9"#),
            expected: sent(
                #"{"a": 1, "b": -1, "c": 3, "d": -3, "e": 0, "f": 514285, "g": -514285, "h": 2, "i": -2, "j": 1, "k": -2}"#)),
        ConformanceCase(
            name: "a division by zero gives missing",
            campaigns: probe(
                "a: event.n / 0, b: 1h / 0, c: 1h / (1h - 1h), d: 0 / 0, e: event.z / event.z, f: (event.n / 0) is missing, "
                    + "g: since(cart) / event.z"),
            events: probed(#""n": 1, "z": 0"#),
            expected: sent(#"{"f": true}"#)),
        ConformanceCase(
            name: "a result that is not finite gives missing",
            campaigns: probe(
                "a: event.big * event.big, b: -event.big * event.big, c: event.max + event.max, "
                    + "d: (event.big * event.big) is missing, e: event.max * 1"),
            events: probed(#""big": 1e200, "max": 1.7976931348623157e308"#),
            expected: sent(#"{"d": true, "e": 1.7976931348623157e308}"#)),
        ConformanceCase(
            name: "in holds when the value equals an element",
            campaigns: probe(
                #"a: event.t in ["gold", "senator"], b: event.n in [1, 2], c: event.n in ["2"], d: event.x in [1], "#
                    + "e: event.x in [event.y], f: event.t in [], g: event.b in [true], h: event.o in [event.o], "
                    + "i: since(cart) in [1h, 30m], j: event.t in [event.t], k: event.l in [event.l]"),
            events: probed(#""t": "gold", "n": 2.0, "b": true, "o": {"a": 1}, "l": [1]"#),
            expected: sent(
                #"{"a": true, "b": true, "c": false, "d": false, "e": false, "f": false, "g": true, "h": false, "i": true, "j": true, "k": false}"#)),
        ConformanceCase(
            name: "contains on strings: a substring, by bytes and case",
            campaigns: probe(
                #"a: event.s contains "ell", b: event.s contains "L", c: event.s contains 1, d: event.n contains "1", "#
                    + #"e: event.x contains "a", f: event.s contains event.x, g: event.s contains event.s, "#
                    + #"h: event.d contains "e", i: event.c contains "e""#),
            events: probed(#""s": "hello", "n": 1, "d": "cafe\u0301", "c": "caf\u00e9""#),
            expected: sent(
                #"{"a": true, "b": false, "c": false, "d": false, "e": false, "f": false, "g": true, "h": true, "i": false}"#)),
        ConformanceCase(
            name: "contains on lists: an element equal to the value",
            campaigns: probe(
                #"a: event.l contains "vip", b: event.l contains 2, c: event.l contains "2", "#
                    + "d: event.nl contains event.x, e: event.l contains event.l, f: event.ll contains [1], "
                    + "g: event.o contains \"k\""),
            events: probed(#""l": ["a", "vip", 2.0], "nl": [null], "ll": [[1]], "o": {"k": 1}"#),
            expected: sent(#"{"a": true, "b": true, "c": false, "d": false, "e": false, "f": false, "g": false}"#)),
        ConformanceCase(
            name: "event paths read nested objects and fields named like keywords",
            campaigns: probe(
                "a: event.a.b.c, b: event.n.b, c: event.l.b, d: event.when, e: event.customer, f: event.type, "
                    + "g: event.a.b, h: event.a.b.c.d"),
            events: probed(#""a": {"b": {"c": 5}}, "n": 5, "l": [1], "when": "now""#),
            expected: sent(#"{"a": 5, "d": "now", "e": "c1", "f": "probe", "g": {"c": 5}}"#)),
        ConformanceCase(
            name: "customer paths read the profile; customer.id is always the id; no profile, everything else missing",
            campaigns: probe(
                "id: customer.id, tier: customer.tier, city: customer.address.city, own: customer.customer, "
                    + "gone: customer.nope is missing"),
            events: [.event("c1", "probe", "10:00"), .event("c2", "probe", "10:00")],
            profiles: [.profile("c1", #""tier": "gold", "address": {"city": "Köln"}, "id": "other""#)],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe",
                       attributes: #"{"id": "c1", "tier": "gold", "city": "Köln", "own": "c1", "gone": true}"#),
                .offer("probe", "c2", "sent", "10:00", on: "probe", attributes: #"{"id": "c2", "gone": true}"#),
            ]),
        ConformanceCase(
            name: "not binds looser than a comparison, and tighter than and; and tighter than or",
            campaigns: probe("a: not event.x == 1, b: not event.t and false, c: event.t or event.x and false"),
            events: probed(#""t": true"#),
            expected: sent(#"{"a": true, "b": false, "c": true}"#)),
        ConformanceCase(
            name: "a string that looks like a number is a string",
            campaigns: #"campaign delay { on probe when event.minutes >= 30 offer "delay" via web limit none }"#,
            events: [
                .event("c1", "probe", "10:00", #""minutes": "45""#), .event("c1", "probe", "10:01", #""minutes": 45"#),
                .event("c1", "probe", "10:02", #""minutes": 30"#), .event("c1", "probe", "10:03", #""minutes": 29.999"#),
            ],
            expected: [
                .offer("delay", "c1", "sent", "10:01", on: "probe"), .offer("delay", "c1", "sent", "10:02", on: "probe"),
            ]),
        ConformanceCase(
            name: "an equality in when matches the string value of the event, escapes included",
            campaigns: """
                campaign gold { on probe when event.tier == "gold" offer "gold" via web limit none }
                campaign listed { on probe when event.tier in ["gold", "senator"] offer "listed" via app limit none }
                campaign reversed { on probe when "gold" == event.tier offer "reversed" via sms limit none }
                campaign nested { on probe when event.a.tier == "gold" offer "nested" via email limit none }
                campaign profiled { on probe when customer.tier == "gold" offer "profiled" via push limit none }
                """,
            events: [
                .event("c1", "probe", "10:00", #""tier": "g\u006fld", "a": {"tier": "g\u006Fld"}"#),
                .event("c2", "probe", "10:00", #""tier": "gold ", "a": {"tier": "Gold"}"#),
            ],
            profiles: [#"{"customer": "c1", "tier": "g\u006fld"}"#, #"{"customer": "c2", "tier": "gold\u0000"}"#],
            expected: [
                .offer("gold", "c1", "sent", "10:00", on: "probe"),
                .offer("listed", "c1", "sent", "10:00", on: "probe", channel: "app"),
                .offer("reversed", "c1", "sent", "10:00", on: "probe", channel: "sms"),
                .offer("nested", "c1", "sent", "10:00", on: "probe", channel: "email"),
                .offer("profiled", "c1", "sent", "10:00", on: "probe", channel: "push"),
            ]),
        ConformanceCase(
            name: "an equality in when matches numbers and booleans by value, and or holds on either side",
            campaigns: """
                campaign one { on probe when event.n == 1 offer "one" via web limit none }
                campaign yes { on probe when event.b == true offer "yes" via app limit none }
                campaign either { on probe when event.n == 2 or event.b == true offer "either" via sms limit none }
                campaign neither { on probe when not (event.n == 1) offer "neither" via email limit none }
                """,
            events: [
                .event("c1", "probe", "10:00", #""n": 1.0, "b": true"#),
                .event("c2", "probe", "10:00", #""n": 1e0, "b": "true""#),
                .event("c3", "probe", "10:00", #""n": "1", "b": false"#),
            ],
            expected: [
                .offer("one", "c1", "sent", "10:00", on: "probe"),
                .offer("yes", "c1", "sent", "10:00", on: "probe", channel: "app"),
                .offer("either", "c1", "sent", "10:00", on: "probe", channel: "sms"),
                .offer("one", "c2", "sent", "10:00", on: "probe"),
                .offer("neither", "c3", "sent", "10:00", on: "probe", channel: "email"),
            ]),
        ConformanceCase(
            name: "customer.id in when is the id, with or without a profile, whatever the profile's own id field",
            campaigns: """
                campaign byid { on probe when customer.id == "c1" offer "byid" via web limit none }
                campaign byin { on probe when customer.id in ["c1", "c3"] offer "byin" via app limit none }
                campaign other { on probe when customer.id == "other" offer "other" via sms limit none }
                campaign both { on probe when customer.id == event.who offer "both" via email limit none }
                """,
            events: [
                .event("c1", "probe", "10:00", #""who": "c1""#), .event("c3", "probe", "10:00"), .event("c4", "probe", "10:00"),
            ],
            profiles: [.profile("c3", #""id": "other""#), .profile("c4", #""id": "c1""#)],
            expected: [
                .offer("byid", "c1", "sent", "10:00", on: "probe"),
                .offer("byin", "c1", "sent", "10:00", on: "probe", channel: "app"),
                .offer("both", "c1", "sent", "10:00", on: "probe", channel: "email"),
                .offer("byin", "c3", "sent", "10:00", on: "probe", channel: "app"),
            ]),
    ]

    @Test(arguments: cases)
    func replayDecidesAsTheSpecificationSays(_ scenario: ConformanceCase) throws {
        try scenario.verify()
    }
}
