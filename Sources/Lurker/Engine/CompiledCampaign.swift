import RuleDSL

/// One campaign ready for the engine: its expressions compiled to programs, its clauses resolved. A class, so
/// the hot path refers to it without copying its parts.
final class CompiledCampaign: Sendable {
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
    let index: Int
    /// The campaign as checked.
    let campaign: Campaign
    /// The `via` channel of an offer.
    let channel: ChannelPlan
    /// The `with` attributes in the order written.
    let attributes: [(key: String, value: Program)]
    /// The action as a decision reports it.
    let action: Decision.Action
    /// The type ids of the `on` types.
    let triggers: [Int32]

    /// The name.
    let name: String
    /// Whether the action is an offer.
    let isOffer: Bool
    /// The FNV-1a state after the name and a 0x00 byte, where its holdout and decision id hashes continue
    /// (``FNV1a/prefix(campaign:)``).
    let hashPrefix: UInt64

    init(
        index: Int, campaign: Campaign, channel: ChannelPlan, attributes: [(key: String, value: Program)],
        action: Decision.Action, triggers: [Int32]
    ) {
        self.index = index
        self.campaign = campaign
        self.channel = channel
        self.attributes = attributes
        self.action = action
        self.triggers = triggers
        name = campaign.name
        isOffer = if case .offer = action { true } else { false }
        hashPrefix = FNV1a.prefix(campaign: campaign.name)
    }
}
