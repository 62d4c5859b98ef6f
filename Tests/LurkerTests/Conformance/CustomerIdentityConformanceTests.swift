import Testing

/// Customers told apart by the bytes of their ids at every step, timers included: a case the engine once got
/// wrong (it grouped due timers with `String` equality), kept as a regression test.
@Suite struct CustomerIdentityConformanceTests {
    static let reminder = #"campaign reminder { on cart wait 1h unless order offer "reminder" via web limit none }"#

    static let cases: [ConformanceCase] = [
        // §3, §4, §6: customer ids are strings compared by their UTF-8 bytes, so "\u{e9}" and "e\u{301}" are two
        // customers, each with a wait due at 11:00.
        ConformanceCase(
            name: "timers of customers whose ids are canonically equivalent are timers of different customers",
            campaigns: reminder,
            events: [.event("\u{e9}", "cart", "10:00"), .event("e\u{301}", "cart", "10:00")],
            until: "2026-11-24T12:00Z",
            expected: [
                .offer("reminder", "\u{e9}", "sent", "11:00", on: "cart", at: "10:00"),
                .offer("reminder", "e\u{301}", "sent", "11:00", on: "cart", at: "10:00"),
            ]),
    ]

    @Test(arguments: cases)
    func replayDecidesAsTheSpecificationSays(_ scenario: ConformanceCase) throws {
        try scenario.verify()
    }
}
