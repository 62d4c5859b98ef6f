import Testing

/// Spec §5 steps 1-3 and 6, with §6: the order in which timers, cancellations and triggers are decided, and
/// `active from/until`.
@Suite struct DecidingConformanceTests {
    static let reminder = #"campaign reminder { on cart wait 1h unless order offer "reminder" via web limit none }"#
    static let probe = #"campaign probe { on probe offer "probe" via web limit none }"#
    static let thanks = #"campaign thanks { on order offer "thanks" via email limit none }"#

    static let cases: [ConformanceCase] = [
        ConformanceCase(
            name: "timers due at or before the clock fire before the event that moves it",
            campaigns: reminder + "\n" + probe,
            events: [.event("c1", "cart", "10:00"), .event("c3", "probe", "10:59:59.999"), .event("c2", "probe", "11:00")],
            expected: [
                .offer("probe", "c3", "sent", "10:59:59.999", on: "probe"),
                .offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00"),
                .offer("probe", "c2", "sent", "11:00", on: "probe"),
            ],
            isOrdered: true),
        ConformanceCase(
            name: "an event at exactly the due time is decided after the firing, so it does not cancel it",
            campaigns: reminder + "\n" + thanks,
            events: [.event("c1", "cart", "10:00"), .event("c1", "order", "11:00")],
            expected: [
                .offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00"),
                .offer("thanks", "c1", "sent", "11:00", on: "order", channel: "email"),
            ],
            isOrdered: true),
        ConformanceCase(
            name: "an unless event a millisecond before the due time cancels the wait at its own time",
            campaigns: reminder + "\n" + thanks,
            events: [.event("c1", "cart", "10:00"), .event("c1", "order", "10:59:59.999")],
            until: "2026-11-24T12:00Z",
            expected: [
                .offer("reminder", "c1", "cancelled", "10:59:59.999", on: "cart", at: "10:00"),
                .offer("thanks", "c1", "sent", "10:59:59.999", on: "order", channel: "email"),
            ]),
        ConformanceCase(
            name: "unless cancels whatever the event's time, even one before the trigger",
            campaigns: reminder,
            events: [.event("c1", "cart", "10:00"), .event("c1", "view", "10:30"), .event("c1", "order", "09:45")],
            until: "2026-11-24T12:00Z",
            expected: [.offer("reminder", "c1", "cancelled", "09:45", on: "cart", at: "10:00")]),
        ConformanceCase(
            name: "another customer's unless event cancels nothing",
            campaigns: reminder,
            events: [.event("c1", "cart", "10:00"), .event("c2", "order", "10:30")],
            until: "2026-11-24T12:00Z",
            expected: [.offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00")]),
        ConformanceCase(
            name: "a trigger while a wait is pending does nothing; after the firing a trigger starts a new wait",
            campaigns: #"campaign reminder { on cart wait 1h unless order offer "reminder" via web with { v: event.v } limit none }"#,
            events: [
                .event("c1", "cart", "10:00", #""v": 1"#), .event("c1", "cart", "10:30", #""v": 2"#),
                .event("c1", "cart", "11:30", #""v": 3"#),
            ],
            until: "2026-11-24T13:00Z",
            expected: [
                .offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00", attributes: #"{"v": 1}"#),
                .offer("reminder", "c1", "sent", "12:30", on: "cart", at: "11:30", attributes: #"{"v": 3}"#),
            ]),
        ConformanceCase(
            name: "a late trigger's timer already due fires right after the event",
            campaigns: """
                campaign nudge { on cart wait 10m offer "nudge" via web limit none }
                campaign ack { on cart offer "ack" via app limit none }
                campaign probe { on probe offer "probe" via web limit none }
                """,
            events: [.event("c2", "probe", "10:30"), .event("c1", "cart", "10:00"), .event("c2", "probe", "10:31")],
            expected: [
                .offer("probe", "c2", "sent", "10:30", on: "probe"),
                .offer("ack", "c1", "sent", "10:00", on: "cart", channel: "app"),
                .offer("nudge", "c1", "sent", "10:10", on: "cart", at: "10:00"),
                .offer("probe", "c2", "sent", "10:31", on: "probe"),
            ],
            isOrdered: true),
        ConformanceCase(
            name: "a late trigger's timer not yet due waits for the clock",
            campaigns: reminder + "\n" + probe,
            events: [
                .event("c2", "probe", "10:30"), .event("c1", "cart", "10:00"), .event("c2", "probe", "10:59:59.999"),
                .event("c2", "probe", "11:00"),
            ],
            expected: [
                .offer("probe", "c2", "sent", "10:30", on: "probe"),
                .offer("probe", "c2", "sent", "10:59:59.999", on: "probe"),
                .offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00"),
                .offer("probe", "c2", "sent", "11:00", on: "probe"),
            ],
            isOrdered: true),
        ConformanceCase(
            name: "a campaign with several on types triggers on each",
            campaigns: #"campaign multi { on view, "page-view", shop.visit offer "multi" via web limit none }"#,
            events: [
                .event("c1", "view", "10:00"), .event("c1", "page-view", "10:01"), .event("c1", "shop.visit", "10:02"),
                .event("c1", "shop", "10:03"), .event("c1", "View", "10:04"),
            ],
            expected: [
                .offer("multi", "c1", "sent", "10:00", on: "view"),
                .offer("multi", "c1", "sent", "10:01", on: "page-view"),
                .offer("multi", "c1", "sent", "10:02", on: "shop.visit"),
            ]),
        ConformanceCase(
            name: "a when that does not hold triggers nothing and decides nothing",
            campaigns: #"campaign big { on order when event.v > 100 offer "big" via web limit none }"#,
            events: [.event("c1", "order", "10:00", #""v": 50"#), .event("c1", "order", "10:01", #""v": 150"#)],
            expected: [.offer("big", "c1", "sent", "10:01", on: "order")]),
        ConformanceCase(
            name: "a wait whose trigger type is also in unless is cancelled, then started again, by that type",
            campaigns: #"campaign again { on cart wait 1h unless cart offer "again" via web limit none }"#,
            events: [.event("c1", "cart", "10:00"), .event("c1", "cart", "10:30")],
            until: "2026-11-24T12:00Z",
            expected: [
                .offer("again", "c1", "cancelled", "10:30", on: "cart", at: "10:00"),
                .offer("again", "c1", "sent", "11:30", on: "cart", at: "10:30"),
            ]),
        ConformanceCase(
            name: "active from t until u holds for from <= t < until",
            campaigns: """
                campaign window { on probe offer "window" via web limit none active from 2026-11-24T10:00Z until 2026-11-24T11:00Z }
                """,
            events: [
                .event("c1", "probe", "09:59:59.999"), .event("c1", "probe", "10:00"),
                .event("c1", "probe", "10:59:59.999"), .event("c1", "probe", "11:00"),
            ],
            expected: [
                .offer("window", "c1", "sent", "10:00", on: "probe"),
                .offer("window", "c1", "sent", "10:59:59.999", on: "probe"),
            ]),
        ConformanceCase(
            name: "active from a date starts at its midnight UTC",
            campaigns: #"campaign tomorrow { on probe offer "tomorrow" via web limit none active from 2026-11-25 }"#,
            events: [.event("c1", "probe", "23:59:59.999"), .event("c1", "probe", "+1d 00:00")],
            expected: [.offer("tomorrow", "c1", "sent", "+1d 00:00", on: "probe")]),
        ConformanceCase(
            name: "active until a time with an offset ends at that moment",
            campaigns: #"campaign ending { on probe offer "ending" via web limit none active until 2026-11-24T11:00+01:00 }"#,
            events: [.event("c1", "probe", "09:59:59.999"), .event("c1", "probe", "10:00")],
            expected: [.offer("ending", "c1", "sent", "09:59:59.999", on: "probe")]),
        ConformanceCase(
            name: "active is checked at the event's own time, not at the clock",
            campaigns: #"campaign ending { on probe offer "ending" via web limit none active until 2026-11-24T10:30Z }"#,
            events: [.event("c2", "noise", "10:45"), .event("c1", "probe", "10:20"), .event("c1", "probe", "10:30")],
            expected: [.offer("ending", "c1", "sent", "10:20", on: "probe")]),
        ConformanceCase(
            name: "active is checked at the trigger, not at the wait's due time",
            campaigns: #"campaign late_window { on cart wait 1h offer "late_window" via web limit none active until 2026-11-24T10:30Z }"#,
            events: [.event("c1", "cart", "10:00"), .event("c2", "cart", "10:30")],
            until: "2026-11-24T12:00Z",
            expected: [.offer("late_window", "c1", "sent", "11:00", on: "cart", at: "10:00")]),
        ConformanceCase(
            name: "every campaign whose on names the event's type is triggered",
            campaigns: """
                campaign web_promo { on probe offer "web_promo" via web limit none }
                campaign app_promo { on probe offer "app_promo" via app limit none }
                campaign other { on other offer "other" via sms limit none }
                """,
            events: [.event("c1", "probe", "10:00")],
            expected: [
                .offer("web_promo", "c1", "sent", "10:00", on: "probe"),
                .offer("app_promo", "c1", "sent", "10:00", on: "probe", channel: "app"),
            ]),
    ]

    @Test(arguments: cases)
    func replayDecidesAsTheSpecificationSays(_ scenario: ConformanceCase) throws {
        try scenario.verify()
    }
}
