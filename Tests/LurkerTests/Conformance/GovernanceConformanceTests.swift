import Testing

/// Spec §5 step 4, governance in its order: `limit`, `budget`, arbitration, `holdout`, `no_channel`.
///
/// Control groups follow the FNV-1a rule of §5.4; each customer id below was chosen by computing
/// `hash % 10000` for the campaign's name with an independent implementation, noted beside it.
@Suite struct GovernanceConformanceTests {
    static let cases: [ConformanceCase] = [
        ConformanceCase(
            name: "no limit clause means 1 per customer per 1d; the decision exactly 1d before is outside",
            campaigns: #"campaign daily { on probe offer "daily" via web }"#,
            events: [
                .event("c1", "probe", "10:00"), .event("c2", "probe", "10:00"), .event("c1", "probe", "11:00"),
                .event("c2", "probe", "+1d 09:59:59.999"), .event("c1", "probe", "+1d 10:00"),
            ],
            expected: [
                .offer("daily", "c1", "sent", "10:00", on: "probe"), .offer("daily", "c2", "sent", "10:00", on: "probe"),
                .offer("daily", "c1", "capped", "11:00", on: "probe"),
                .offer("daily", "c2", "capped", "+1d 09:59:59.999", on: "probe"),
                .offer("daily", "c1", "sent", "+1d 10:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "limit n per customer per D counts the sent decisions with time in (t - D, t]",
            campaigns: #"campaign twice { on probe offer "twice" via web limit 2 per customer per 1h }"#,
            events: ["10:00", "10:10", "10:20", "11:00", "11:05", "11:10"].map { .event("c1", "probe", $0) },
            expected: [
                .offer("twice", "c1", "sent", "10:00", on: "probe"), .offer("twice", "c1", "sent", "10:10", on: "probe"),
                .offer("twice", "c1", "capped", "10:20", on: "probe"), .offer("twice", "c1", "sent", "11:00", on: "probe"),
                .offer("twice", "c1", "capped", "11:05", on: "probe"), .offer("twice", "c1", "sent", "11:10", on: "probe"),
            ]),
        ConformanceCase(
            name: "limit n per customer without a window counts every earlier decision",
            campaigns: #"campaign once { on probe offer "once" via web limit 1 per customer }"#,
            events: [.event("c1", "probe", "10:00"), .event("c1", "probe", "09:30"), .event("c1", "probe", "+30d 10:00")],
            expected: [
                .offer("once", "c1", "sent", "10:00", on: "probe"), .offer("once", "c1", "capped", "09:30", on: "probe"),
                .offer("once", "c1", "capped", "+30d 10:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "limit none never caps",
            campaigns: #"campaign always { on probe offer "always" via web limit none }"#,
            events: [.event("c1", "probe", "10:00"), .event("c1", "probe", "10:00"), .event("c1", "probe", "10:01")],
            expected: [
                .offer("always", "c1", "sent", "10:00", on: "probe"), .offer("always", "c1", "sent", "10:00", on: "probe"),
                .offer("always", "c1", "sent", "10:01", on: "probe"),
            ]),
        ConformanceCase(
            name: "a limit's window looks at the decisions' times, not at the order they were made in",
            campaigns: #"campaign hourly { on probe offer "hourly" via web limit 1 per customer per 1h }"#,
            events: [.event("c1", "probe", "10:30"), .event("c1", "probe", "10:00"), .event("c1", "probe", "10:45")],
            expected: [
                .offer("hourly", "c1", "sent", "10:30", on: "probe"), .offer("hourly", "c1", "sent", "10:00", on: "probe"),
                .offer("hourly", "c1", "capped", "10:45", on: "probe"),
            ]),
        ConformanceCase(
            name: "no_channel and capped decisions do not count toward the limit",
            campaigns: #"campaign promo { on visit offer "promo" }"#,
            events: [
                .event("c1", "visit", "10:00"), .event("c1", "visit", "10:30", #""channel": "web""#),
                .event("c1", "visit", "11:00", #""channel": "web""#), .event("c1", "visit", "11:30", #""channel": "web""#),
            ],
            expected: [
                .offer("promo", "c1", "no_channel", "10:00", on: "visit", channel: nil),
                .offer("promo", "c1", "sent", "10:30", on: "visit"),
                .offer("promo", "c1", "capped", "11:00", on: "visit"),
                .offer("promo", "c1", "capped", "11:30", on: "visit"),
            ]),
        ConformanceCase(
            name: "holdout decisions count toward the limit",
            // held: u2 3629 < 5000 (in the control group), u1 8996 (not).
            campaigns: #"campaign held { on probe offer "held" via web holdout 50% }"#,
            events: [.event("u2", "probe", "10:00"), .event("u1", "probe", "10:00"), .event("u2", "probe", "11:00")],
            expected: [
                .offer("held", "u2", "holdout", "10:00", on: "probe"), .offer("held", "u1", "sent", "10:00", on: "probe"),
                .offer("held", "u2", "capped", "11:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "a limit is per customer and per campaign",
            campaigns: """
                campaign first { on probe offer "first" via web }
                campaign second { on probe offer "second" via app }
                """,
            events: [.event("c1", "probe", "10:00"), .event("c2", "probe", "10:05")],
            expected: [
                .offer("first", "c1", "sent", "10:00", on: "probe"),
                .offer("second", "c1", "sent", "10:00", on: "probe", channel: "app"),
                .offer("first", "c2", "sent", "10:05", on: "probe"),
                .offer("second", "c2", "sent", "10:05", on: "probe", channel: "app"),
            ]),
        ConformanceCase(
            name: "budget per day counts the sent decisions of the UTC day and rolls over at midnight",
            campaigns: #"campaign daily_budget { on probe offer "daily_budget" via web budget 2 per day limit none }"#,
            events: [
                .event("c1", "probe", "10:00"), .event("c2", "probe", "11:00"), .event("c3", "probe", "12:00"),
                .event("c4", "probe", "23:59:59.999"), .event("c5", "probe", "+1d 00:00"),
            ],
            expected: [
                .offer("daily_budget", "c1", "sent", "10:00", on: "probe"),
                .offer("daily_budget", "c2", "sent", "11:00", on: "probe"),
                .offer("daily_budget", "c3", "budget_exhausted", "12:00", on: "probe"),
                .offer("daily_budget", "c4", "budget_exhausted", "23:59:59.999", on: "probe"),
                .offer("daily_budget", "c5", "sent", "+1d 00:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "budget per hour rolls over at the full UTC hour",
            campaigns: #"campaign hourly_budget { on probe offer "hourly_budget" via web budget 1 per hour limit none }"#,
            events: [.event("c1", "probe", "10:00"), .event("c2", "probe", "10:59:59.999"), .event("c3", "probe", "11:00")],
            expected: [
                .offer("hourly_budget", "c1", "sent", "10:00", on: "probe"),
                .offer("hourly_budget", "c2", "budget_exhausted", "10:59:59.999", on: "probe"),
                .offer("hourly_budget", "c3", "sent", "11:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "a budget without a period is for ever",
            campaigns: #"campaign ever { on probe offer "ever" via web budget 1 limit none }"#,
            events: [.event("c1", "probe", "10:00"), .event("c2", "probe", "+400d 10:00")],
            expected: [
                .offer("ever", "c1", "sent", "10:00", on: "probe"),
                .offer("ever", "c2", "budget_exhausted", "+400d 10:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "only sent decisions use the budget",
            campaigns: #"campaign scarce { on probe offer "scarce" via event.channel budget 2 per day }"#,
            events: [
                .event("c1", "probe", "10:00", #""channel": "web""#), .event("c1", "probe", "10:05", #""channel": "web""#),
                .event("c2", "probe", "10:10"), .event("c3", "probe", "10:20", #""channel": "web""#),
                .event("c4", "probe", "10:30", #""channel": "web""#),
            ],
            expected: [
                .offer("scarce", "c1", "sent", "10:00", on: "probe"), .offer("scarce", "c1", "capped", "10:05", on: "probe"),
                .offer("scarce", "c2", "no_channel", "10:10", on: "probe", channel: nil),
                .offer("scarce", "c3", "sent", "10:20", on: "probe"),
                .offer("scarce", "c4", "budget_exhausted", "10:30", on: "probe"),
            ]),
        ConformanceCase(
            name: "budget comes before holdout, and holdout decisions do not use the budget",
            // scarce_held: u2 3117 and u3 4906 in the 50% control group, u1 8484 not.
            campaigns: #"campaign scarce_held { on probe offer "scarce_held" via web budget 1 per day holdout 50% limit none }"#,
            events: [.event("u2", "probe", "10:00"), .event("u1", "probe", "10:05"), .event("u3", "probe", "10:10")],
            expected: [
                .offer("scarce_held", "u2", "holdout", "10:00", on: "probe"),
                .offer("scarce_held", "u1", "sent", "10:05", on: "probe"),
                .offer("scarce_held", "u3", "budget_exhausted", "10:10", on: "probe"),
            ]),
        ConformanceCase(
            name: "limit comes before budget",
            campaigns: #"campaign one { on probe offer "one" via web budget 1 }"#,
            events: [.event("c1", "probe", "10:00"), .event("c1", "probe", "10:05"), .event("c2", "probe", "10:10")],
            expected: [
                .offer("one", "c1", "sent", "10:00", on: "probe"), .offer("one", "c1", "capped", "10:05", on: "probe"),
                .offer("one", "c2", "budget_exhausted", "10:10", on: "probe"),
            ]),
        ConformanceCase(
            name: "a wait's firing uses the budget of the period of its due time",
            campaigns: #"campaign late_budget { on cart wait 1h offer "late_budget" via web budget 1 per day limit none }"#,
            events: [.event("c2", "cart", "22:00"), .event("c1", "cart", "23:30"), .event("c3", "cart", "23:40")],
            until: "2026-11-25T01:00Z",
            expected: [
                .offer("late_budget", "c2", "sent", "23:00", on: "cart", at: "22:00"),
                .offer("late_budget", "c1", "sent", "+1d 00:30", on: "cart", at: "23:30"),
                .offer("late_budget", "c3", "budget_exhausted", "+1d 00:40", on: "cart", at: "23:40"),
            ]),
        ConformanceCase(
            name: "budget periods are UTC, whatever offset the event's ts is written with",
            campaigns: #"campaign utc_day { on probe offer "utc_day" via web budget 1 per day limit none }"#,
            events: [
                #"{"customer": "c1", "type": "probe", "ts": "2026-11-25T00:30:00+01:00"}"#,
                #"{"customer": "c2", "type": "probe", "ts": "2026-11-24T23:45:00-01:00"}"#,
                #"{"customer": "c3", "type": "probe", "ts": "2026-11-25T01:00:00+01:00"}"#,
            ],
            expected: [
                .offer("utc_day", "c1", "sent", "23:30", on: "probe"),
                .offer("utc_day", "c2", "sent", "+1d 00:45", on: "probe"),
                .offer("utc_day", "c3", "budget_exhausted", "+1d 00:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "a late event's decision uses the budget of its own period",
            campaigns: #"campaign late_day { on probe offer "late_day" via web budget 1 per day limit none }"#,
            events: [
                .event("c1", "probe", "23:50"), .event("c2", "probe", "+1d 00:10"), .event("c3", "probe", "23:55"),
                .event("c4", "probe", "+1d 00:05"),
            ],
            expected: [
                .offer("late_day", "c1", "sent", "23:50", on: "probe"),
                .offer("late_day", "c2", "sent", "+1d 00:10", on: "probe"),
                .offer("late_day", "c3", "budget_exhausted", "23:55", on: "probe"),
                .offer("late_day", "c4", "budget_exhausted", "+1d 00:05", on: "probe"),
            ]),
        ConformanceCase(
            name: "arbitration: of the offers of a moment on one channel the highest priority is sent",
            campaigns: """
                campaign high { on probe offer "high" via web priority 20 limit none }
                campaign low { on probe offer "low" via web priority 10 limit none }
                campaign unset { on probe offer "unset" via web limit none }
                """,
            events: [.event("c1", "probe", "10:00")],
            expected: [
                .offer("high", "c1", "sent", "10:00", on: "probe"), .offer("low", "c1", "outranked", "10:00", on: "probe"),
                .offer("unset", "c1", "outranked", "10:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "arbitration: a tie goes to the campaign name first by bytes",
            campaigns: """
                campaign abe { on one offer "abe" via web priority 5 limit none }
                campaign Zed { on one offer "Zed" via web priority 5 limit none }
                campaign a_b { on two offer "a_b" via web limit none }
                campaign a1 { on two offer "a1" via web priority 0 limit none }
                campaign abc { on three offer "abc" via web limit none }
                campaign ab { on three offer "ab" via web limit none }
                """,
            events: [.event("c1", "one", "10:00"), .event("c1", "two", "10:01"), .event("c1", "three", "10:02")],
            expected: [
                .offer("Zed", "c1", "sent", "10:00", on: "one"), .offer("abe", "c1", "outranked", "10:00", on: "one"),
                .offer("a1", "c1", "sent", "10:01", on: "two"), .offer("a_b", "c1", "outranked", "10:01", on: "two"),
                .offer("ab", "c1", "sent", "10:02", on: "three"), .offer("abc", "c1", "outranked", "10:02", on: "three"),
            ]),
        ConformanceCase(
            name: "arbitration: offers on different channels do not compete",
            campaigns: """
                campaign high { on probe offer "high" via web priority 20 limit none }
                campaign low { on probe offer "low" via app priority 10 limit none }
                """,
            events: [.event("c1", "probe", "10:00")],
            expected: [
                .offer("high", "c1", "sent", "10:00", on: "probe"),
                .offer("low", "c1", "sent", "10:00", on: "probe", channel: "app"),
            ]),
        ConformanceCase(
            name: "arbitration: escalations take no part",
            campaigns: """
                campaign desk { on probe escalate "desk" priority 1000 limit none }
                campaign low { on probe offer "low" via web limit none }
                """,
            events: [.event("c1", "probe", "10:00")],
            expected: [
                .escalation("desk", "c1", "sent", "10:00", on: "probe"), .offer("low", "c1", "sent", "10:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "arbitration: offers without a usable channel take no part",
            campaigns: """
                campaign loud { on probe offer "loud" via event.channel priority 100 limit none }
                campaign quiet { on probe offer "quiet" via web priority 1 limit none }
                """,
            events: [.event("c1", "probe", "10:00", #""channel": "Web""#), .event("c2", "probe", "10:00", #""channel": "web""#)],
            expected: [
                .offer("loud", "c1", "no_channel", "10:00", on: "probe", channel: nil),
                .offer("quiet", "c1", "sent", "10:00", on: "probe"),
                .offer("loud", "c2", "sent", "10:00", on: "probe"),
                .offer("quiet", "c2", "outranked", "10:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "arbitration: two offers on the same unusable channel are both no_channel",
            campaigns: """
                campaign loud { on probe offer "loud" via event.channel priority 100 limit none }
                campaign also { on probe offer "also" via event.channel priority 3 limit none }
                """,
            events: [.event("c1", "probe", "10:00", #""channel": "call center""#)],
            expected: [
                .offer("loud", "c1", "no_channel", "10:00", on: "probe", channel: nil),
                .offer("also", "c1", "no_channel", "10:00", on: "probe", channel: nil),
            ]),
        ConformanceCase(
            name: "arbitration: only offers left undecided by the limit compete",
            campaigns: """
                campaign top { on probe offer "top" via web priority 10 }
                campaign next { on probe offer "next" via web priority 5 limit none }
                """,
            events: [.event("c1", "probe", "10:00"), .event("c1", "probe", "11:00")],
            expected: [
                .offer("top", "c1", "sent", "10:00", on: "probe"), .offer("next", "c1", "outranked", "10:00", on: "probe"),
                .offer("top", "c1", "capped", "11:00", on: "probe"), .offer("next", "c1", "sent", "11:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "arbitration: only offers left undecided by the budget compete",
            campaigns: """
                campaign top { on probe offer "top" via web priority 10 budget 1 }
                campaign next { on probe offer "next" via web priority 5 limit none }
                """,
            events: [.event("c1", "probe", "10:00"), .event("c2", "probe", "10:05")],
            expected: [
                .offer("top", "c1", "sent", "10:00", on: "probe"), .offer("next", "c1", "outranked", "10:00", on: "probe"),
                .offer("top", "c2", "budget_exhausted", "10:05", on: "probe"),
                .offer("next", "c2", "sent", "10:05", on: "probe"),
            ]),
        ConformanceCase(
            name: "a winner in its control group is held out and the others stay outranked",
            // top: u6 815 < 5000 (in), u1 6182 (not).
            campaigns: """
                campaign top { on probe offer "top" via web priority 10 holdout 50% limit none }
                campaign next { on probe offer "next" via web priority 5 limit none }
                """,
            events: [.event("u6", "probe", "10:00"), .event("u1", "probe", "10:00")],
            expected: [
                .offer("top", "u6", "holdout", "10:00", on: "probe"), .offer("next", "u6", "outranked", "10:00", on: "probe"),
                .offer("top", "u1", "sent", "10:00", on: "probe"), .offer("next", "u1", "outranked", "10:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "an outranked offer is outranked, not held out",
            // second: u1 3349 < 5000 (in its control group).
            campaigns: """
                campaign first { on probe offer "first" via web priority 10 limit none }
                campaign second { on probe offer "second" via web priority 5 holdout 50% limit none }
                """,
            events: [.event("u1", "probe", "10:00")],
            expected: [
                .offer("first", "u1", "sent", "10:00", on: "probe"),
                .offer("second", "u1", "outranked", "10:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "arbitration is per moment: two events of the same millisecond are two moments",
            campaigns: """
                campaign first { on one offer "first" via web priority 10 limit none }
                campaign second { on two offer "second" via web priority 5 limit none }
                """,
            events: [.event("c1", "one", "10:00"), .event("c1", "two", "10:00")],
            expected: [
                .offer("first", "c1", "sent", "10:00", on: "one"), .offer("second", "c1", "sent", "10:00", on: "two"),
            ]),
        ConformanceCase(
            name: "the timers of one customer due at the same time are one moment",
            campaigns: """
                campaign slow { on cart wait 1h offer "slow" via web priority 10 limit none }
                campaign fast { on view wait 30m offer "fast" via web priority 20 limit none }
                """,
            events: [
                .event("c1", "cart", "10:00"), .event("c1", "view", "10:30"),
                .event("c2", "cart", "10:00"), .event("c2", "view", "10:31"),
            ],
            until: "2026-11-24T12:00Z",
            expected: [
                .offer("fast", "c1", "sent", "11:00", on: "view", at: "10:30"),
                .offer("slow", "c1", "outranked", "11:00", on: "cart", at: "10:00"),
                .offer("slow", "c2", "sent", "11:00", on: "cart", at: "10:00"),
                .offer("fast", "c2", "sent", "11:01", on: "view", at: "10:31"),
            ]),
        ConformanceCase(
            name: "a timer and an event at the same time are different moments",
            campaigns: """
                campaign slow { on cart wait 1h offer "slow" via web priority 10 limit none }
                campaign now { on probe offer "now" via web priority 100 limit none }
                """,
            events: [.event("c1", "cart", "10:00"), .event("c1", "probe", "11:00")],
            expected: [
                .offer("slow", "c1", "sent", "11:00", on: "cart", at: "10:00"),
                .offer("now", "c1", "sent", "11:00", on: "probe"),
            ],
            isOrdered: true),
        ConformanceCase(
            name: "a channel is the same whichever way via names it",
            campaigns: """
                campaign named { on probe offer "named" via web priority 3 limit none }
                campaign quoted { on probe offer "quoted" via "web" priority 2 limit none }
                campaign path { on probe offer "path" via event.channel priority 1 limit none }
                """,
            events: [.event("c1", "probe", "10:00", #""channel": "web""#)],
            expected: [
                .offer("named", "c1", "sent", "10:00", on: "probe"),
                .offer("quoted", "c1", "outranked", "10:00", on: "probe"),
                .offer("path", "c1", "outranked", "10:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "holdout membership is FNV-1a of name, 0x00 and id, hash % 10000 < p × 100",
            // zero: h-4705 0. tiny: h-5342 0, h-12235 1. seven: h-300 6, h-8536 7.
            // eighth: h-3119 1249, h-6799 1250. most: h-5877 9998, h-5522 9999.
            campaigns: """
                campaign zero { on t0 offer "zero" via web holdout 0% limit none }
                campaign tiny { on t1 offer "tiny" via web holdout 0.01% limit none }
                campaign seven { on t2 offer "seven" via web holdout 0.07% limit none }
                campaign eighth { on t3 offer "eighth" via web holdout 12.5% limit none }
                campaign most { on t4 offer "most" via web holdout 99.99% limit none }
                """,
            events: [
                .event("h-4705", "t0", "10:00"), .event("h-5342", "t1", "10:00"), .event("h-12235", "t1", "10:00"),
                .event("h-300", "t2", "10:00"), .event("h-8536", "t2", "10:00"), .event("h-3119", "t3", "10:00"),
                .event("h-6799", "t3", "10:00"), .event("h-5877", "t4", "10:00"), .event("h-5522", "t4", "10:00"),
            ],
            expected: [
                .offer("zero", "h-4705", "sent", "10:00", on: "t0"),
                .offer("tiny", "h-5342", "holdout", "10:00", on: "t1"),
                .offer("tiny", "h-12235", "sent", "10:00", on: "t1"),
                .offer("seven", "h-300", "holdout", "10:00", on: "t2"),
                .offer("seven", "h-8536", "sent", "10:00", on: "t2"),
                .offer("eighth", "h-3119", "holdout", "10:00", on: "t3"),
                .offer("eighth", "h-6799", "sent", "10:00", on: "t3"),
                .offer("most", "h-5877", "holdout", "10:00", on: "t4"),
                .offer("most", "h-5522", "sent", "10:00", on: "t4"),
            ]),
        ConformanceCase(
            name: "escalations are held out too",
            // esc_held: u1 4342 < 5000 (in), u2 6131 (not).
            campaigns: #"campaign esc_held { on probe escalate "desk" holdout 50% limit none }"#,
            events: [.event("u1", "probe", "10:00"), .event("u2", "probe", "10:00")],
            expected: [
                .escalation("esc_held", "u1", "holdout", "10:00", on: "probe", level: "desk"),
                .escalation("esc_held", "u2", "sent", "10:00", on: "probe", level: "desk"),
            ]),
        ConformanceCase(
            name: "no_channel comes after holdout",
            // held_nochan: u3 1092 < 5000 (in), u1 7514 (not).
            campaigns: #"campaign held_nochan { on probe offer "held_nochan" via event.channel holdout 50% limit none }"#,
            events: [.event("u3", "probe", "10:00"), .event("u1", "probe", "10:00")],
            expected: [
                .offer("held_nochan", "u3", "holdout", "10:00", on: "probe", channel: nil),
                .offer("held_nochan", "u1", "no_channel", "10:00", on: "probe", channel: nil),
            ]),
        ConformanceCase(
            name: "escalations are governed by limit and budget",
            campaigns: #"campaign esc_limited { on probe escalate "desk" budget 1 per day }"#,
            events: [.event("c1", "probe", "10:00"), .event("c1", "probe", "10:05"), .event("c2", "probe", "10:10")],
            expected: [
                .escalation("esc_limited", "c1", "sent", "10:00", on: "probe", level: "desk"),
                .escalation("esc_limited", "c1", "capped", "10:05", on: "probe", level: "desk"),
                .escalation("esc_limited", "c2", "budget_exhausted", "10:10", on: "probe", level: "desk"),
            ]),
        ConformanceCase(
            name: "a channel is usable when it matches [a-z0-9_-]{1,64}",
            campaigns: #"campaign promo { on visit offer "promo" limit none }"#,
            events: [
                String(repeating: "a", count: 64), "a_b-9", String(repeating: "b", count: 65), "", "Web", "w eb", "wéb",
                "web\n", "web.", "-",
            ].enumerated().map { index, channel in
                let escaped = channel.replacingOccurrences(of: "\n", with: "\\n")
                return .event("c\(index)", "visit", "10:00", #""channel": "\#(escaped)""#)
            },
            expected: [
                .offer("promo", "c0", "sent", "10:00", on: "visit", channel: String(repeating: "a", count: 64)),
                .offer("promo", "c1", "sent", "10:00", on: "visit", channel: "a_b-9"),
                .offer("promo", "c9", "sent", "10:00", on: "visit", channel: "-"),
            ] + (2...8).map { .offer("promo", "c\($0)", "no_channel", "10:00", on: "visit", channel: nil) }),
        ConformanceCase(
            name: "a via path must give a string; a STRING channel is the channel itself",
            campaigns: """
                campaign by_number { on probe offer "by_number" via event.n limit none }
                campaign by_profile { on probe offer "by_profile" via customer.preferred_channel limit none }
                campaign by_nested { on probe offer "by_nested" via event.meta.ch limit none }
                campaign by_string { on probe offer "by_string" via "call-center" limit none }
                """,
            events: [.event("c1", "probe", "10:00", #""n": 5, "meta": {"ch": "app"}"#)],
            expected: [
                .offer("by_number", "c1", "no_channel", "10:00", on: "probe", channel: nil),
                .offer("by_profile", "c1", "no_channel", "10:00", on: "probe", channel: nil),
                .offer("by_nested", "c1", "sent", "10:00", on: "probe", channel: "app"),
                .offer("by_string", "c1", "sent", "10:00", on: "probe", channel: "call-center"),
            ]),
        ConformanceCase(
            name: "holdout membership hashes the UTF-8 bytes of the customer id",
            // third: é208 3332 < 3333 (in), é7471 3333 (not).
            campaigns: #"campaign third { on probe offer "third" via web holdout 33.33% limit none }"#,
            events: [.event("é208", "probe", "10:00"), .event("é7471", "probe", "10:00")],
            expected: [
                .offer("third", "é208", "holdout", "10:00", on: "probe"),
                .offer("third", "é7471", "sent", "10:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "the default limit caps a second firing in the same millisecond",
            campaigns: #"campaign daily { on probe offer "daily" via web }"#,
            events: [.event("c1", "probe", "10:00"), .event("c1", "probe", "10:00")],
            expected: [
                .offer("daily", "c1", "sent", "10:00", on: "probe"), .offer("daily", "c1", "capped", "10:00", on: "probe"),
            ]),
        ConformanceCase(
            name: "a channel read from JSON is its decoded string, escapes included",
            campaigns: """
                campaign plain { on probe offer "plain" via event.channel limit none }
                campaign nested { on probe offer "nested" via event.meta.ch limit none }
                campaign profiled { on probe offer "profiled" via customer.preferred limit none }
                """,
            events: [.event("c1", "probe", "10:00", #""channel": "w\u0065b", "meta": {"ch": "\u0061pp"}"#)],
            profiles: [#"{"customer": "c1", "preferred": "\u0073ms"}"#],
            expected: [
                .offer("plain", "c1", "sent", "10:00", on: "probe", channel: "web"),
                .offer("nested", "c1", "sent", "10:00", on: "probe", channel: "app"),
                .offer("profiled", "c1", "sent", "10:00", on: "probe", channel: "sms"),
            ]),
    ]

    @Test(arguments: cases)
    func replayDecidesAsTheSpecificationSays(_ scenario: ConformanceCase) throws {
        try scenario.verify()
    }
}
