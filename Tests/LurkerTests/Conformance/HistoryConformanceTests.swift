import Testing

/// Spec §4, the table of history functions: `count`, `seen`, `sum`, `since` and `last` at the exact edges of
/// their windows, with same-millisecond, late and out-of-order events, and with windows that are missing,
/// empty or computed.
@Suite struct HistoryConformanceTests {
    /// A probe campaign: every `probe` event is sent on `web` with `with`, so its attributes show values.
    static func probe(_ with: String) -> String {
        "campaign probe { on probe offer \"probe\" via web with { \(with) } limit none }"
    }

    static let cases: [ConformanceCase] = [
        ConformanceCase(
            name: "count: an event exactly D before now is outside the window, one a millisecond later inside",
            campaigns: probe("n: count(view, 1h)"),
            events: [
                .event("c1", "view", "09:00"), .event("c1", "view", "09:00:00.001"), .event("c1", "view", "09:30"),
                .event("c1", "probe", "10:00"),
            ],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"n": 2}"#)]),
        ConformanceCase(
            name: "count: earlier-processed events of the same millisecond are inside, later-processed ones are not",
            campaigns: probe("n: count(view, 1h)"),
            events: [
                .event("c1", "view", "10:00"), .event("c1", "view", "10:00"), .event("c1", "probe", "10:00"),
                .event("c1", "view", "10:00"), .event("c1", "probe", "10:00"),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"n": 2}"#),
                .offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"n": 3}"#),
            ]),
        ConformanceCase(
            name: "count: the current event is included, even in a window of one millisecond",
            campaigns: #"campaign burst { on view offer "burst" via web with { n: count(view, 1ms) } limit none }"#,
            events: [
                .event("c1", "view", "10:00"), .event("c1", "view", "10:00:00.001"),
                .event("c1", "view", "10:00:00.001"),
            ],
            expected: [
                .offer("burst", "c1", "sent", "10:00", on: "view", attributes: #"{"n": 1}"#),
                .offer("burst", "c1", "sent", "10:00:00.001", on: "view", attributes: #"{"n": 1}"#),
                .offer("burst", "c1", "sent", "10:00:00.001", on: "view", attributes: #"{"n": 2}"#),
            ]),
        ConformanceCase(
            name: "count: for a late event, earlier-processed events later than its time are outside",
            campaigns: probe("n: count(view, 1h)"),
            events: [.event("c1", "view", "09:30"), .event("c1", "view", "10:30"), .event("c1", "probe", "10:10")],
            expected: [.offer("probe", "c1", "sent", "10:10", on: "probe", attributes: #"{"n": 1}"#)]),
        ConformanceCase(
            name: "count: only the customer's own events count",
            campaigns: probe("n: count(view, 1h)"),
            events: [.event("c2", "view", "09:50"), .event("c1", "view", "09:55"), .event("c1", "probe", "10:00")],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"n": 1}"#)]),
        ConformanceCase(
            name: "seen: count greater than zero, the current event included, the edge D before now outside",
            campaigns: probe("s: seen(cart, 2h)") + "\n"
                + #"campaign again { on view when seen(view, 1ms) offer "again" via app limit none }"#,
            events: [
                .event("c1", "view", "10:00"),
                .event("c1", "cart", "08:00"), .event("c1", "probe", "10:00"),
                .event("c2", "cart", "08:00:00.001"), .event("c2", "probe", "10:00"),
            ],
            expected: [
                .offer("again", "c1", "sent", "10:00", on: "view", channel: "app"),
                .offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"s": false}"#),
                .offer("probe", "c2", "sent", "10:00", on: "probe", attributes: #"{"s": true}"#),
            ]),
        ConformanceCase(
            name: "sum: numeric values only, other values skipped, the event exactly D before outside",
            campaigns: probe("s: sum(order, value, 1d)"),
            events: [
                .event("c1", "order", "-1d 10:00", #""value": 1000"#),
                .event("c1", "order", "09:00", #""value": 10"#),
                .event("c1", "order", "09:01", #""value": "5""#),
                .event("c1", "order", "09:02", #""value": true"#),
                .event("c1", "order", "09:03", #""value": null"#),
                .event("c1", "order", "09:04", #""value": {"a": 1}"#),
                .event("c1", "order", "09:05"),
                .event("c1", "order", "09:06", #""value": [1]"#),
                .event("c1", "order", "09:07", #""value": 2.5"#),
                .event("c1", "probe", "10:00"),
            ],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"s": 12.5}"#)]),
        ConformanceCase(
            name: "sum: 0 when there are no events, and when no value is a number",
            campaigns: probe("s: sum(order, value, 1d)"),
            events: [
                .event("c1", "probe", "10:00"),
                .event("c2", "order", "09:00", #""value": "7""#), .event("c2", "probe", "10:00"),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"s": 0}"#),
                .offer("probe", "c2", "sent", "10:00", on: "probe", attributes: #"{"s": 0}"#),
            ]),
        ConformanceCase(
            name: "sum: the current event is included",
            campaigns: """
                campaign big {
                  on order
                  when sum(order, value, 1h) >= 100
                  offer "big" via web with { s: sum(order, value, 1h) }
                  limit none
                }
                """,
            events: [.event("c1", "order", "10:00", #""value": 60"#), .event("c1", "order", "10:30", #""value": 40"#)],
            expected: [.offer("big", "c1", "sent", "10:30", on: "order", attributes: #"{"s": 100}"#)]),
        ConformanceCase(
            name: "sum: values are added in processing order, not in time order",
            campaigns: probe(
                "exact: sum(order, value, 1h) == 9007199254740992, ahead: sum(order, value, 1h) == 9007199254740994"),
            events: [
                .event("c1", "order", "10:00:02", #""value": 9007199254740992"#),
                .event("c1", "order", "10:00:00", #""value": 1"#),
                .event("c1", "order", "10:00:01", #""value": 1"#),
                .event("c1", "probe", "10:05"),
                .event("c2", "order", "10:00:00", #""value": 1"#),
                .event("c2", "order", "10:00:01", #""value": 1"#),
                .event("c2", "order", "10:00:02", #""value": 9007199254740992"#),
                .event("c2", "probe", "10:05"),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:05", on: "probe", attributes: #"{"exact": true, "ahead": false}"#),
                .offer("probe", "c2", "sent", "10:05", on: "probe", attributes: #"{"exact": false, "ahead": true}"#),
            ]),
        ConformanceCase(
            name: "sum: the field may be a nested path or a STRING naming one field",
            campaigns: probe(#"nested: sum(order, cart.value, 1d), quoted: sum(order, "total-value", 1d)"#),
            events: [
                .event("c1", "order", "09:00", #""cart": {"value": 3}, "total-value": 4"#),
                .event("c1", "order", "09:30", #""cart": {"value": 5}, "total-value": 6"#),
                .event("c1", "order", "09:40", #""cart": 7"#),
                .event("c1", "probe", "10:00"),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"nested": 8, "quoted": 10}"#)
            ]),
        ConformanceCase(
            name: "since: the current event is excluded, an earlier one of the same millisecond is not; missing if none",
            campaigns: #"campaign gap { on cart offer "gap" via web with { g: since(cart), none: since(cart) is missing } limit none }"#,
            events: [.event("c1", "cart", "10:00"), .event("c1", "cart", "10:30"), .event("c1", "cart", "10:30")],
            expected: [
                .offer("gap", "c1", "sent", "10:00", on: "cart", attributes: #"{"none": true}"#),
                .offer("gap", "c1", "sent", "10:30", on: "cart", attributes: #"{"g": 1800000, "none": false}"#),
                .offer("gap", "c1", "sent", "10:30", on: "cart", attributes: #"{"g": 0, "none": false}"#),
            ]),
        ConformanceCase(
            name: "since and last: the latest event by time, not the last processed",
            campaigns: probe("g: since(cart), v: last(cart, v)"),
            events: [
                .event("c1", "cart", "10:20", #""v": "a""#), .event("c1", "cart", "10:05", #""v": "b""#),
                .event("c1", "probe", "10:30"),
            ],
            expected: [.offer("probe", "c1", "sent", "10:30", on: "probe", attributes: #"{"g": 600000, "v": "a"}"#)]),
        ConformanceCase(
            name: "since and last: events later than now are not seen",
            campaigns: probe("g: since(cart), v: last(cart, v)"),
            events: [
                .event("c1", "cart", "10:00", #""v": 1"#), .event("c1", "cart", "10:40", #""v": 2"#),
                .event("c1", "probe", "10:30"),
            ],
            expected: [.offer("probe", "c1", "sent", "10:30", on: "probe", attributes: #"{"g": 1800000, "v": 1}"#)]),
        ConformanceCase(
            name: "since and last: of events with the same time, the one processed last",
            campaigns: probe("g: since(cart), v: last(cart, v)"),
            events: [
                .event("c1", "cart", "10:00", #""v": 1"#), .event("c1", "cart", "10:00", #""v": 2"#),
                .event("c1", "probe", "10:10"),
            ],
            expected: [.offer("probe", "c1", "sent", "10:10", on: "probe", attributes: #"{"g": 600000, "v": 2}"#)]),
        ConformanceCase(
            name: "since: no window limits it",
            campaigns: #"campaign anniversary { on probe when since(cart) == 365d offer "anniversary" via web with { g: since(cart) } limit none }"#,
            events: [.event("c1", "cart", "2025-11-24 10:00"), .event("c1", "probe", "10:00")],
            expected: [
                .offer("anniversary", "c1", "sent", "10:00", on: "probe", attributes: #"{"g": 31536000000}"#)
            ]),
        ConformanceCase(
            name: "last: the field of that same event, missing there even when an older event has it",
            campaigns: probe("v: last(cart, v), sku: last(cart, meta.sku), meta: last(cart, meta), none: last(order, v)"),
            events: [
                .event("c1", "cart", "09:00", #""v": 1, "meta": {"sku": "A"}"#),
                .event("c1", "cart", "09:30", #""meta": {"sku": "B", "n": null}"#),
                .event("c1", "probe", "10:00"),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe",
                       attributes: #"{"sku": "B", "meta": {"sku": "B", "n": null}}"#)
            ]),
        ConformanceCase(
            name: "last: the current event is excluded",
            campaigns: #"campaign prev { on cart offer "prev" via web with { p: last(cart, v) } limit none }"#,
            events: [.event("c1", "cart", "10:00", #""v": 1"#), .event("c1", "cart", "10:05", #""v": 2"#)],
            expected: [
                .offer("prev", "c1", "sent", "10:00", on: "cart"),
                .offer("prev", "c1", "sent", "10:05", on: "cart", attributes: #"{"p": 1}"#),
            ]),
        ConformanceCase(
            name: "a window that is missing or not a duration: count and sum missing, seen false",
            campaigns: probe(
                "c: count(view, event.w), s: sum(view, n, event.w), seen: seen(view, event.w), "
                    + "unseen: not seen(view, event.w), computed: count(view, since(cart))"),
            events: [
                .event("c1", "view", "09:59", #""n": 1"#),
                .event("c1", "probe", "10:00", #""w": 5"#),
                .event("c1", "probe", "10:01"),
                .event("c1", "probe", "10:02", #""w": "1h""#),
            ],
            expected: ["10:00", "10:01", "10:02"].map {
                .offer("probe", "c1", "sent", $0, on: "probe", attributes: #"{"seen": false, "unseen": true}"#)
            }),
        ConformanceCase(
            name: "a window of zero or less is empty",
            campaigns: probe(
                "zero: count(view, since(cart)), negative: count(view, since(cart) - 1d), "
                    + "total: sum(view, n, since(cart)), seen: seen(view, since(cart))"),
            events: [
                .event("c1", "view", "09:00", #""n": 1"#), .event("c1", "cart", "10:00"),
                .event("c1", "view", "10:00", #""n": 2"#), .event("c1", "probe", "10:00"),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe",
                       attributes: #"{"zero": 0, "negative": 0, "total": 0, "seen": false}"#)
            ]),
        ConformanceCase(
            name: "a window of zero does not hold even the current event",
            campaigns: #"campaign selfzero { on view offer "selfzero" via web with { n: count(view, since(cart)) } limit none }"#,
            events: [.event("c1", "view", "09:00"), .event("c1", "cart", "10:00"), .event("c1", "view", "10:00")],
            expected: [
                .offer("selfzero", "c1", "sent", "09:00", on: "view"),
                .offer("selfzero", "c1", "sent", "10:00", on: "view", attributes: #"{"n": 0}"#),
            ]),
        ConformanceCase(
            name: "a computed window over 366d counts as 366d",
            campaigns: probe("n: count(view, since(signup)), s: sum(view, n, since(signup))"),
            events: [
                .event("c1", "signup", "2025-01-01 00:00"),
                .event("c1", "view", "2025-06-01 00:00", #""n": 1"#),
                .event("c1", "view", "2025-11-23 10:00", #""n": 2"#),
                .event("c1", "view", "2025-11-23 10:00:00.001", #""n": 4"#),
                .event("c1", "probe", "10:00"),
            ],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"n": 1, "s": 4}"#)]),
        ConformanceCase(
            name: "a literal window of 366d: the event exactly 366d before is outside",
            campaigns: probe("n: count(view, 366d)"),
            events: [
                .event("c1", "view", "2025-11-23 10:00"), .event("c1", "view", "2025-11-23 10:00:00.001"),
                .event("c1", "probe", "10:00"),
            ],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"n": 1}"#)]),
        ConformanceCase(
            name: "history functions read an event type written as a STRING",
            campaigns: probe(#"n: count("page-view", 1h), g: since("page-view"), v: last("page-view", "page-id")"#),
            events: [.event("c1", "page-view", "09:30", #""page-id": "p7""#), .event("c1", "probe", "10:00")],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"n": 1, "g": 1800000, "v": "p7"}"#)
            ]),
        ConformanceCase(
            name: "last reads any field of the event, customer, type, channel and ts included, as written",
            campaigns: probe("c: last(cart, customer), t: last(cart, type), ch: last(cart, channel), ts: last(cart, ts)"),
            events: [
                #"{"customer": "c1", "type": "cart", "ts": "2026-11-24T10:30:00+01:00", "channel": "app"}"#,
                .event("c1", "probe", "10:00"),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe",
                       attributes: #"{"c": "c1", "t": "cart", "ch": "app", "ts": "2026-11-24T10:30:00+01:00"}"#)
            ]),
        ConformanceCase(
            name: "since and last of a late event reach back past the latest event to the one before its time",
            campaigns: probe("g: since(cart), v: last(cart, v)"),
            events: [
                .event("c1", "cart", "08:00", #""v": 1"#), .event("c1", "cart", "10:40", #""v": 2"#),
                .event("c1", "probe", "10:30"),
            ],
            expected: [.offer("probe", "c1", "sent", "10:30", on: "probe", attributes: #"{"g": 9000000, "v": 1}"#)],
            tooLate: 0),
    ]

    @Test(arguments: cases)
    func replayDecidesAsTheSpecificationSays(_ scenario: ConformanceCase) throws {
        try scenario.verify()
    }
}
