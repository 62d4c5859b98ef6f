import Testing

/// The conformance harness itself: its times are right, and it reports a case whose output differs.
@Suite struct ConformanceHarnessTests {
    @Test func shortTimesAreRFC3339InUTC() {
        #expect(ConformanceTime.milliseconds("10:00") == 1_795_514_400_000)
        #expect(ConformanceTime.rfc3339("10:20:30.5") == "2026-11-24T10:20:30.500Z")
        #expect(ConformanceTime.rfc3339("+1d 00:00") == "2026-11-25T00:00:00.000Z")
        #expect(ConformanceTime.rfc3339("-1d 23:59:59.999") == "2026-11-23T23:59:59.999Z")
        #expect(ConformanceTime.rfc3339("2024-02-29 12:00") == "2024-02-29T12:00:00.000Z")
        #expect(ConformanceTime.rfc3339("2025-11-23 10:00") == "2025-11-23T10:00:00.000Z")
        #expect(ConformanceTime.milliseconds("10:00") - ConformanceTime.milliseconds("2025-11-23 10:00") == 366 * 86_400_000)
    }

    @Test func reportsAnOutcomeThatDiffers() {
        let wrong = ConformanceCase(
            name: "wrong on purpose",
            campaigns: #"campaign probe { on probe offer "probe" via web limit none }"#,
            events: [.event("c1", "probe", "10:00")],
            expected: [.offer("probe", "c1", "capped", "10:00", on: "probe")])
        withKnownIssue { try wrong.verify() }
    }

    @Test func reportsAMissingSkippedLine() {
        let wrong = ConformanceCase(
            name: "wrong on purpose",
            campaigns: #"campaign probe { on probe offer "probe" via web limit none }"#,
            events: [.event("c1", "probe", "10:00")],
            expected: [.offer("probe", "c1", "sent", "10:00", on: "probe")],
            skippedEvents: [1])
        withKnownIssue { try wrong.verify() }
    }

    @Test func reportsAnOrderThatDiffers() {
        let wrong = ConformanceCase(
            name: "wrong on purpose",
            campaigns: #"campaign probe { on probe offer "probe" via web limit none }"#,
            events: [.event("c1", "probe", "10:00"), .event("c2", "probe", "10:01")],
            expected: [.offer("probe", "c2", "sent", "10:01", on: "probe"), .offer("probe", "c1", "sent", "10:00", on: "probe")],
            isOrdered: true)
        withKnownIssue { try wrong.verify() }
    }
}
