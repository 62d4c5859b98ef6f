import Testing

/// Cases where the engine disagrees with the specification, reported to the lead; each fails until the engine
/// is fixed. The report lists, for each, the section, the minimal input, and what is expected and what happens.
@Suite struct EngineDisagreementTests {
    static let reminder = #"campaign reminder { on cart wait 1h unless order offer "reminder" via web limit none }"#

    static let cases: [ConformanceCase] = [
        // §3, §4, §6: customer ids are strings compared by their UTF-8 bytes, so "\u{e9}" and "e\u{301}" are two
        // customers, each with a wait due at 11:00. The engine groups due timers into moments by customer with
        // Swift's `String ==` (canonical equivalence): both timers land in the first customer's moment, the
        // second customer's pending wait is not found there, and it never fires (actual: only "\u{e9}" is sent).
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
