/// Counters of the engine as a whole.
public struct EngineStatistics: Sendable, Equatable {
    /// Events decided.
    public var events = 0
    /// Events more than an hour behind their partition clock (spec §3): decided on what was kept.
    public var tooLate = 0
    /// Operators whose run-time operand types had no rule (spec §4).
    public var typeMismatches = 0
    /// Per campaign, in set order.
    public var campaigns: [CampaignStatistics]

    /// Creates empty counters for `campaignCount` campaigns.
    public init(campaignCount: Int) {
        campaigns = Array(repeating: CampaignStatistics(), count: campaignCount)
    }
}
