import Testing

/// Spec §6, waits: what a firing uses, when timers fall due and in which order, `--until`, cancellations and
/// their decisions, and governance at the due time.
@Suite struct WaitConformanceTests {
    static let reminder = #"campaign reminder { on cart wait 1h unless order offer "reminder" via web limit none }"#
    static let remind = """
        campaign remind {
          on cart
          wait 1h unless order
          offer "remind" via event.channel with { v: event.v, views: count(view, 1d), ch: event.channel }
          limit none
        }
        """

    static let cases: [ConformanceCase] = [
        ConformanceCase(
            name: "a firing uses the trigger's event, channel and with values computed at the trigger",
            campaigns: remind,
            events: [
                .event("c1", "view", "09:00"), .event("c1", "cart", "10:00", #""channel": "app", "v": 80"#),
                .event("c1", "view", "10:30"), .event("c1", "view", "10:40", #""channel": "web""#),
            ],
            until: "2026-11-24T12:00Z",
            expected: [
                .offer("remind", "c1", "sent", "11:00", on: "cart", at: "10:00", channel: "app",
                       attributes: #"{"v": 80, "views": 1, "ch": "app"}"#)
            ]),
        ConformanceCase(
            name: "--until fires the waits due by then and not later ones",
            campaigns: reminder,
            events: [.event("c1", "cart", "10:00"), .event("c2", "cart", "10:00:00.001")],
            until: "2026-11-24T11:00Z",
            expected: [.offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00")]),
        ConformanceCase(
            name: "--until as a date fires the waits due by its midnight",
            campaigns: reminder,
            events: [.event("c1", "cart", "23:00"), .event("c2", "cart", "23:00:00.001")],
            until: "2026-11-25",
            expected: [.offer("reminder", "c1", "sent", "+1d 00:00", on: "cart", at: "23:00")]),
        ConformanceCase(
            name: "without --until the clock moves only with the events and pending waits stay pending",
            campaigns: reminder,
            events: [.event("c1", "cart", "10:00"), .event("c2", "noise", "10:59:59.999")],
            expected: []),
        ConformanceCase(
            name: "--until earlier than the clock fires nothing more",
            campaigns: reminder,
            events: [.event("c1", "cart", "10:00"), .event("c3", "cart", "11:15"), .event("c2", "noise", "11:30")],
            until: "2026-11-24T10:45Z",
            expected: [.offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00")]),
        ConformanceCase(
            name: "timers fall due in order of due time, then of the order they were started in",
            campaigns: reminder + "\n" + #"campaign short { on view wait 30m offer "short" via app limit none }"#,
            events: [.event("c2", "cart", "10:00"), .event("c1", "cart", "10:00"), .event("c3", "view", "10:15")],
            until: "2026-11-24T12:00Z",
            expected: [
                .offer("short", "c3", "sent", "10:45", on: "view", at: "10:15", channel: "app"),
                .offer("reminder", "c2", "sent", "11:00", on: "cart", at: "10:00"),
                .offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00"),
            ],
            isOrdered: true),
        ConformanceCase(
            name: "a firing is decided at its due time even when the next event comes much later",
            campaigns: reminder + "\n" + #"campaign probe { on probe offer "probe" via web limit none }"#,
            events: [.event("c1", "cart", "10:00"), .event("c2", "probe", "15:00")],
            expected: [
                .offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00"),
                .offer("probe", "c2", "sent", "15:00", on: "probe"),
            ],
            isOrdered: true),
        ConformanceCase(
            name: "when is checked at the trigger only",
            campaigns: #"campaign quiet { on cart when count(view, 1h) == 0 wait 1h offer "quiet" via web limit none }"#,
            events: [
                .event("c1", "cart", "10:00"), .event("c1", "view", "10:30"),
                .event("c2", "view", "09:30"), .event("c2", "cart", "10:00"),
            ],
            until: "2026-11-24T12:00Z",
            expected: [.offer("quiet", "c1", "sent", "11:00", on: "cart", at: "10:00")]),
        ConformanceCase(
            name: "unless with several types: each cancels",
            campaigns: #"campaign multi_unless { on cart wait 1h unless order, "cart-emptied" offer "multi_unless" via web limit none }"#,
            events: [
                .event("c1", "cart", "10:00"), .event("c2", "cart", "10:00"), .event("c3", "cart", "10:00"),
                .event("c1", "cart-emptied", "10:30"), .event("c2", "order", "10:40"),
            ],
            until: "2026-11-24T12:00Z",
            expected: [
                .offer("multi_unless", "c1", "cancelled", "10:30", on: "cart", at: "10:00"),
                .offer("multi_unless", "c2", "cancelled", "10:40", on: "cart", at: "10:00"),
                .offer("multi_unless", "c3", "sent", "11:00", on: "cart", at: "10:00"),
            ]),
        ConformanceCase(
            name: "a cancelled decision keeps the trigger's channel (null when unusable) and values",
            campaigns: remind + "\n"
                + #"campaign desk_wait { on cart wait 1h unless order escalate "desk" with { v: event.v } limit none }"#,
            events: [.event("c1", "cart", "10:00", #""channel": "Web", "v": 5"#), .event("c1", "order", "10:30")],
            until: "2026-11-24T12:00Z",
            expected: [
                .offer("remind", "c1", "cancelled", "10:30", on: "cart", at: "10:00", channel: nil,
                       attributes: #"{"v": 5, "views": 0, "ch": "Web"}"#),
                .escalation("desk_wait", "c1", "cancelled", "10:30", on: "cart", at: "10:00", level: "desk",
                            attributes: #"{"v": 5}"#),
            ]),
        ConformanceCase(
            name: "a cancelled wait does not count toward the limit",
            campaigns: #"campaign reminder_daily { on cart wait 1h unless order offer "reminder_daily" via web }"#,
            events: [
                .event("c1", "cart", "10:00"), .event("c1", "order", "10:30"), .event("c1", "cart", "10:40"),
                .event("c1", "cart", "12:00"),
            ],
            until: "2026-11-24T14:00Z",
            expected: [
                .offer("reminder_daily", "c1", "cancelled", "10:30", on: "cart", at: "10:00"),
                .offer("reminder_daily", "c1", "sent", "11:40", on: "cart", at: "10:40"),
                .offer("reminder_daily", "c1", "capped", "13:00", on: "cart", at: "12:00"),
            ]),
        ConformanceCase(
            name: "a firing is governed at its due time",
            campaigns: #"campaign hourly_wait { on cart wait 1h offer "hourly_wait" via web limit 1 per customer per 1h }"#,
            events: [.event("c1", "cart", "10:00"), .event("c1", "cart", "11:30")],
            until: "2026-11-24T13:00Z",
            expected: [
                .offer("hourly_wait", "c1", "sent", "11:00", on: "cart", at: "10:00"),
                .offer("hourly_wait", "c1", "sent", "12:30", on: "cart", at: "11:30"),
            ]),
        ConformanceCase(
            name: "a firing may be held out or have no channel",
            // wait_held: u2 1381 < 5000 (in), u1 6748 and u6 8537 (not).
            campaigns: #"campaign wait_held { on cart wait 1h offer "wait_held" via event.channel holdout 50% limit none }"#,
            events: [
                .event("u2", "cart", "10:00", #""channel": "web""#), .event("u1", "cart", "10:00"),
                .event("u6", "cart", "10:00", #""channel": "web""#),
            ],
            until: "2026-11-24T12:00Z",
            expected: [
                .offer("wait_held", "u2", "holdout", "11:00", on: "cart", at: "10:00"),
                .offer("wait_held", "u1", "no_channel", "11:00", on: "cart", at: "10:00", channel: nil),
                .offer("wait_held", "u6", "sent", "11:00", on: "cart", at: "10:00"),
            ]),
        ConformanceCase(
            name: "an unless event of the trigger's millisecond, processed after it, cancels",
            campaigns: reminder,
            events: [.event("c1", "cart", "10:00"), .event("c1", "order", "10:00")],
            until: "2026-11-24T12:00Z",
            expected: [.offer("reminder", "c1", "cancelled", "10:00", on: "cart", at: "10:00")]),
        ConformanceCase(
            name: "an unless event processed before the trigger does not stop the wait",
            campaigns: reminder,
            events: [.event("c1", "order", "09:00"), .event("c1", "cart", "10:00")],
            until: "2026-11-24T12:00Z",
            expected: [.offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00")]),
        ConformanceCase(
            name: "waits of several campaigns pend independently; unless cancels those that name the type",
            campaigns: """
                campaign wa { on cart wait 1h unless order offer "wa" via web limit none }
                campaign wb { on cart wait 2h unless view offer "wb" via app limit none }
                """,
            events: [.event("c1", "cart", "10:00"), .event("c1", "order", "10:30")],
            until: "2026-11-24T13:00Z",
            expected: [
                .offer("wa", "c1", "cancelled", "10:30", on: "cart", at: "10:00"),
                .offer("wb", "c1", "sent", "12:00", on: "cart", at: "10:00", channel: "app"),
            ]),
        ConformanceCase(
            name: "a wait without unless always fires",
            campaigns: #"campaign plain { on cart wait 90m offer "plain" via web limit none }"#,
            events: [.event("c1", "cart", "10:00"), .event("c1", "order", "10:30")],
            until: "2026-11-24T12:00Z",
            expected: [.offer("plain", "c1", "sent", "11:30", on: "cart", at: "10:00")]),
        ConformanceCase(
            name: "a cancellation is not governed: a customer in the control group is cancelled, not held out",
            // held_wait: u2 393 < 9999 (in the control group).
            campaigns: #"campaign held_wait { on cart wait 1h unless order offer "held_wait" via web holdout 99.99% limit none }"#,
            events: [.event("u2", "cart", "10:00"), .event("u2", "order", "10:10")],
            until: "2026-11-24T12:00Z",
            expected: [.offer("held_wait", "u2", "cancelled", "10:10", on: "cart", at: "10:00")]),
        ConformanceCase(
            name: "a trigger type in unless whose when fails cancels the wait and starts none",
            campaigns: #"campaign again { on cart when event.v > 0 wait 1h unless cart offer "again" via web limit none }"#,
            events: [.event("c1", "cart", "10:00", #""v": 1"#), .event("c1", "cart", "10:30", #""v": 0"#)],
            until: "2026-11-24T12:00Z",
            expected: [.offer("again", "c1", "cancelled", "10:30", on: "cart", at: "10:00")]),
        ConformanceCase(
            name: "a late trigger's firing is governed at its due time, by the decisions of that window",
            campaigns: #"campaign nudge { on cart wait 10m offer "nudge" via web limit 1 per customer per 1h }"#,
            events: [.event("c1", "cart", "10:00"), .event("c2", "noise", "10:30"), .event("c1", "cart", "09:55"),
                     .event("c1", "cart", "10:20")],
            until: "2026-11-24T12:00Z",
            expected: [
                .offer("nudge", "c1", "sent", "10:10", on: "cart", at: "10:00"),
                .offer("nudge", "c1", "sent", "10:05", on: "cart", at: "09:55"),
                .offer("nudge", "c1", "capped", "10:30", on: "cart", at: "10:20"),
            ]),
        ConformanceCase(
            name: "--until with an offset is that moment in UTC",
            campaigns: reminder,
            events: [.event("c1", "cart", "10:00"), .event("c2", "cart", "10:00:00.001")],
            until: "2026-11-24T12:00+01:00",
            expected: [.offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00")]),
        ConformanceCase(
            name: "a trigger at exactly the due time comes after the firing, so it starts a new wait",
            campaigns: reminder,
            events: [.event("c1", "cart", "10:00"), .event("c1", "cart", "11:00")],
            until: "2026-11-24T12:00Z",
            expected: [
                .offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00"),
                .offer("reminder", "c1", "sent", "12:00", on: "cart", at: "11:00"),
            ]),
        ConformanceCase(
            name: "a late unless event after the wait has fired cancels nothing",
            campaigns: reminder,
            events: [.event("c1", "cart", "10:00"), .event("c2", "noise", "11:30"), .event("c1", "order", "10:30")],
            until: "2026-11-24T12:00Z",
            expected: [.offer("reminder", "c1", "sent", "11:00", on: "cart", at: "10:00")]),
    ]

    @Test(arguments: cases)
    func replayDecidesAsTheSpecificationSays(_ scenario: ConformanceCase) throws {
        try scenario.verify()
    }
}

extension WaitConformanceTests {
    /// The timers of one customer with the same due time form one moment, decided where the first of them falls
    /// in due order; the order within the moment is the implementation's (§10), so only the customers' order is
    /// pinned.
    @Test func timersOfOneCustomerAreDecidedWhereTheFirstOfThemFalls() throws {
        let campaigns = """
            campaign slow { on cart wait 1h offer "slow" via web limit none }
            campaign fast { on view wait 30m offer "fast" via app limit none }
            """
        guard let run = try ConformanceReplay.run(
            campaigns: campaigns,
            events: [.event("c1", "cart", "10:00"), .event("c2", "cart", "10:00"), .event("c1", "view", "10:30")],
            profiles: nil, until: "2026-11-24T12:00Z")
        else { return }
        let customers = run.lines.compactMap { ExpectedDecision.canonical(line: $0) }.map { line in
            ["c1", "c2"].first { line.contains(#""customer":"\#($0)""#) } ?? "?"
        }
        #expect(customers == ["c1", "c1", "c2"])
        #expect(run.lines.count == 3)
    }
}
