import RuleDSL

/// One campaign ready for the engine: its clauses resolved against the set's tracked types.
struct CompiledCampaign: Sendable {
    /// The position in the set, which orders decisions within a moment.
    var index: Int
    /// The campaign as checked.
    var campaign: Campaign
    /// The `when`, nil for always.
    var condition: CompiledExpression?
    /// The `via` channel: a fixed channel (nil when not usable), or an expression computed at the trigger.
    var channel: ChannelPlan
    /// The `with` attributes in the order written.
    var attributes: [(key: String, value: CompiledExpression)]

    /// Where an offer's channel comes from.
    enum ChannelPlan: Sendable {
        case none
        case fixed(String)
        case computed(CompiledExpression)
    }

    var name: String { campaign.name }
    var isOffer: Bool {
        if case .offer = campaign.action { return true }
        return false
    }

    /// Whether the campaign is active at `time`: `from` ≤ time < `until`.
    func isActive(at time: Int64) -> Bool {
        if let from = campaign.activeFrom, time < from { return false }
        if let until = campaign.activeUntil, time >= until { return false }
        return true
    }
}
