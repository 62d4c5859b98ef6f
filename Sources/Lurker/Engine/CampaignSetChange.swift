import RuleDSL

/// What a reload changed, by campaign name: campaigns added, removed, and kept with another definition.
public struct CampaignSetChange: Sendable, Equatable {
    /// Names in the new set only, in its order.
    public var added: [String]
    /// Names in the old set only, in its order.
    public var removed: [String]
    /// Names in both whose clauses differ (where they were written does not count), in the new set's order.
    public var modified: [String]

    /// Compares two sets of checked campaigns.
    public init(old: [Campaign], new: [Campaign]) {
        var before: [String: Campaign] = [:]
        for campaign in old { before[campaign.name] = campaign.withoutRanges }
        let after = Set(new.map(\.name))
        added = new.filter { before[$0.name] == nil }.map(\.name)
        removed = old.filter { !after.contains($0.name) }.map(\.name)
        modified = new.filter { campaign in before[campaign.name].map { $0 != campaign.withoutRanges } ?? false }.map(\.name)
    }

    /// Whether nothing changed.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && modified.isEmpty }
}
