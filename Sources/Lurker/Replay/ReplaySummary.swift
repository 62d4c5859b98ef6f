/// What a replay read and decided, for the summary on standard error.
public struct ReplaySummary: Sendable {
    /// Profiles loaded.
    public var profiles = 0
    /// Profile lines skipped as invalid.
    public var skippedProfiles = 0
    /// Events decided.
    public var events = 0
    /// Event lines skipped as invalid.
    public var skippedEvents = 0
    /// The engine's counters at the end.
    public var statistics = EngineStatistics(campaignCount: 0)
    /// The campaign names in set order.
    public var campaignNames: [String] = []
    /// The traced customer's moments, when a customer was traced.
    public var trace: [TraceStep] = []
    /// When a customer was traced, the line number of each event, by its offset (the index among non-blank lines).
    public var lines: [Int] = []

    /// Creates an empty summary.
    public init() {}

    /// The per-campaign table and a closing line of totals.
    public var table: String {
        var table = CampaignTable()
        for (name, counters) in zip(campaignNames, statistics.campaigns) {
            table.add(name, counters)
        }
        var text = table.render()
        text += "\(events) events decided, \(skippedEvents) invalid event lines skipped, "
        text += "\(profiles) profiles loaded, \(skippedProfiles) invalid profile lines skipped, "
        text += "\(statistics.tooLate) events too late\n"
        return text
    }
}
