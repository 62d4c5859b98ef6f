import RuleDSL

/// One campaign ready for the engine: its expressions compiled to programs, its clauses resolved.
struct CompiledCampaign: Sendable {
    /// Where an offer's channel comes from.
    enum ChannelPlan: Sendable {
        /// An escalation, or a NAME or STRING channel that is not usable (the checker rejects those).
        case none
        /// A NAME or STRING channel.
        case fixed(String)
        /// A path, computed at the trigger.
        case computed(Program)
    }

    /// The position in the set, which orders decisions within a moment.
    var index: Int
    /// The campaign as checked.
    var campaign: Campaign
    /// The `when`, nil for always.
    var condition: Program?
    /// The `via` channel of an offer.
    var channel: ChannelPlan
    /// The `with` attributes in the order written.
    var attributes: [(key: String, value: Program)]
    /// The action as a decision reports it.
    var action: Decision.Action
    /// The type ids of the `on` types.
    var triggers: [Int32]
    /// The type ids of the `wait … unless` types.
    var unless: [Int32]
    /// Whether a campaign index finds the campaign (an equality or membership test of its `when` decides
    /// whether it is a candidate); otherwise it is evaluated for every event of its types.
    var isIndexed: Bool

    var name: String { campaign.name }
    var isOffer: Bool { if case .offer = action { true } else { false } }

    /// Whether the campaign is active at `time`: `from` ≤ time < `until`.
    @inline(__always)
    func isActive(at time: Int64) -> Bool {
        if let from = campaign.activeFrom, time < from { return false }
        if let until = campaign.activeUntil, time >= until { return false }
        return true
    }
}
