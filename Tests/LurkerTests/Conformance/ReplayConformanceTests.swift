import Testing

/// Spec §8, replay's own rules: blank and invalid lines, profiles loaded first with later lines replacing
/// earlier ones, and line endings. (`--until` is in ``WaitConformanceTests``, determinism in
/// ``ReplayDeterminismTests``.)
@Suite struct ReplayConformanceTests {
    static let probe = """
        campaign probe { on probe offer "probe" via web with { tier: customer.tier, city: customer.city } limit none }
        """

    static let cases: [ConformanceCase] = [
        ConformanceCase(
            name: "blank lines are skipped and still count for line numbers",
            campaigns: probe,
            events: [
                .event("c1", "probe", "10:00"), "", "   ", "\t", .event("c1", "probe", "10:01"), "", "{oops",
                .event("c1", "probe", "10:02"),
            ],
            expected: ["10:00", "10:01", "10:02"].map { .offer("probe", "c1", "sent", $0, on: "probe") },
            skippedEvents: [7]),
        ConformanceCase(
            name: "profiles are loaded before the first event, and a later line for a customer replaces the earlier",
            campaigns: probe,
            events: [.event("c1", "probe", "10:00"), .event("c2", "probe", "10:00")],
            profiles: [
                .profile("c1", #""tier": "gold", "city": "Ulm""#), .profile("c2", #""tier": "basic""#),
                .profile("c1", #""tier": "silver""#),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"tier": "silver"}"#),
                .offer("probe", "c2", "sent", "10:00", on: "probe", attributes: #"{"tier": "basic"}"#),
            ]),
        ConformanceCase(
            name: "profile lines that are not profiles are reported with their line number and skipped",
            campaigns: probe,
            events: [.event("c1", "probe", "10:00"), .event("c2", "probe", "10:00")],
            profiles: [
                .profile("c1", #""tier": "gold""#),
                "not json",
                "[1]",
                #"{"tier": "silver"}"#,
                #"{"customer": "", "tier": "silver"}"#,
                #"{"customer": 5, "tier": "silver"}"#,
                #"{"customer": "\#(String(repeating: "z", count: 257))", "tier": "silver"}"#,
                #"{"customer": null, "tier": "silver"}"#,
                "",
                .profile("c2", #""tier": "basic""#),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"tier": "gold"}"#),
                .offer("probe", "c2", "sent", "10:00", on: "probe", attributes: #"{"tier": "basic"}"#),
            ],
            skippedProfiles: [2, 3, 4, 5, 6, 7, 8]),
        ConformanceCase(
            name: "lines ending in a carriage return and a line feed are read",
            campaigns: probe,
            events: [.event("c1", "probe", "10:00") + "\r", .event("c1", "probe", "10:01") + "\r"],
            profiles: [.profile("c1", #""city": "Bonn""#) + "\r"],
            expected: ["10:00", "10:01"].map {
                .offer("probe", "c1", "sent", $0, on: "probe", attributes: #"{"city": "Bonn"}"#)
            }),
        ConformanceCase(
            name: "an invalid line does not stop the replay or change the state",
            campaigns: #"campaign probe { on probe offer "probe" via web with { n: count(probe, 1h) } limit none }"#,
            events: [
                .event("c1", "probe", "10:00"), #"{"customer": "c1", "type": "probe", "ts": "later"}"#,
                .event("c1", "probe", "10:01"),
            ],
            expected: [
                .offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"n": 1}"#),
                .offer("probe", "c1", "sent", "10:01", on: "probe", attributes: #"{"n": 2}"#),
            ],
            skippedEvents: [2]),
        ConformanceCase(
            name: "profile member names are read as JSON strings, escapes included",
            campaigns: probe,
            events: [.event("c1", "probe", "10:00")],
            profiles: [#"{"cust\u006fmer": "c1", "t\u0069er": "gold"}"#],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe", attributes: #"{"tier": "gold"}"#)]),
    ]

    @Test(arguments: cases)
    func replayDecidesAsTheSpecificationSays(_ scenario: ConformanceCase) throws {
        try scenario.verify()
    }
}
