/// What changes between the decisions of two campaign sets replayed over the same input: the backtest of
/// `lurker replay --diff` (see `docs/backtesting.md`).
///
/// Decisions are matched by campaign, customer, triggering event and decision time. The triggering event is
/// told apart by the decision id, which both runs derive from the same line of the same events file (design
/// §10), so two triggers of one type at one millisecond are not confused. A matched pair whose action, channel,
/// outcome or attributes differ is a ``Change``; a decision without a partner is only in the first or only in
/// the second run (a wait that fires at another time is one of each).
public struct ReplayDiff: Sendable {
    /// A part of a decision that can change between the runs.
    public enum Field: String, Sendable, CaseIterable {
        /// The offer's name or the escalation's level, or offer against escalation.
        case action
        /// The usable channel.
        case channel
        /// The outcome.
        case outcome
        /// The attributes, compared as the JSON the decision prints.
        case attributes
    }

    /// A decision of both runs that differs.
    public struct Change: Sendable {
        /// The decision of the first run.
        public var first: Decision
        /// The decision of the second run.
        public var second: Decision
        /// What differs, in the order of ``Field``.
        public var fields: [Field]
    }

    /// One entry of the difference, in the order it is printed.
    public enum Entry: Sendable {
        /// A decision only the first run made.
        case onlyInFirst(Decision)
        /// A decision only the second run made.
        case onlyInSecond(Decision)
        /// A decision both made, differently.
        case changed(Change)

        /// The decision the entry is sorted by: the first run's where there is one.
        var decision: Decision {
            switch self {
            case .onlyInFirst(let decision), .onlyInSecond(let decision): decision
            case .changed(let change): change.first
            }
        }
    }

    /// The outcomes of one campaign in both runs.
    public struct CampaignCounts: Sendable {
        /// The campaign's name.
        public var campaign: String
        /// Whether the first set has the campaign.
        public var isInFirst: Bool
        /// Whether the second set has the campaign.
        public var isInSecond: Bool
        /// The first run's decisions by outcome.
        public var first: [Decision.Outcome: Int]
        /// The second run's decisions by outcome.
        public var second: [Decision.Outcome: Int]

        /// Whether the runs decided the campaign differently in number (not only in detail).
        public var differs: Bool {
            isInFirst != isInSecond || Decision.Outcome.allCases.contains { first[$0, default: 0] != second[$0, default: 0] }
        }
    }

    /// The differences, by decision time, then campaign and customer (bytes), trigger time and id.
    public var entries: [Entry]
    /// Every campaign of either set: the first set's in its order, then those only in the second.
    public var campaigns: [CampaignCounts]
    /// How many decisions the first run made.
    public var firstCount: Int
    /// How many decisions the second run made.
    public var secondCount: Int

    /// Whether both runs made the same decisions.
    public var isIdentical: Bool { entries.isEmpty }

    /// Compares the decisions of two runs over the same input; `firstCampaigns` and `secondCampaigns` are the
    /// names of each set, in set order.
    public init(first: [Decision], second: [Decision], firstCampaigns: [String], secondCampaigns: [String]) {
        var unmatched: [Key: Int] = [:]
        for (index, decision) in first.enumerated() {
            unmatched[Key(decision)] = index
        }
        var entries: [Entry] = []
        for decision in second {
            guard let index = unmatched.removeValue(forKey: Key(decision)) else {
                entries.append(.onlyInSecond(decision))
                continue
            }
            let fields = Self.differences(first[index], decision)
            if !fields.isEmpty {
                entries.append(.changed(Change(first: first[index], second: decision, fields: fields)))
            }
        }
        for index in unmatched.values {
            entries.append(.onlyInFirst(first[index]))
        }
        entries.sort { Self.precedes($0.decision, $1.decision) }
        self.entries = entries
        firstCount = first.count
        secondCount = second.count

        var campaigns: [CampaignCounts] = []
        var position: [String: Int] = [:]
        let (inFirst, inSecond) = (Set(firstCampaigns), Set(secondCampaigns))
        for name in firstCampaigns + secondCampaigns where position[name] == nil {
            position[name] = campaigns.count
            campaigns.append(CampaignCounts(
                campaign: name, isInFirst: inFirst.contains(name), isInSecond: inSecond.contains(name),
                first: [:], second: [:]))
        }
        for decision in first {
            if let index = position[decision.campaign] { campaigns[index].first[decision.outcome, default: 0] += 1 }
        }
        for decision in second {
            if let index = position[decision.campaign] { campaigns[index].second[decision.outcome, default: 0] += 1 }
        }
        self.campaigns = campaigns
    }

    /// What differs between two decisions matched by their key.
    private static func differences(_ first: Decision, _ second: Decision) -> [Field] {
        var fields: [Field] = []
        if !sameAction(first.action, second.action) { fields.append(.action) }
        if !sameBytes(first.channel, second.channel) { fields.append(.channel) }
        if first.outcome != second.outcome { fields.append(.outcome) }
        if attributeBytes(first) != attributeBytes(second) { fields.append(.attributes) }
        return fields
    }

    private static func sameAction(_ first: Decision.Action, _ second: Decision.Action) -> Bool {
        switch (first, second) {
        case (.offer(let a), .offer(let b)), (.escalate(let a), .escalate(let b)): a.utf8.elementsEqual(b.utf8)
        default: false
        }
    }

    private static func sameBytes(_ first: String?, _ second: String?) -> Bool {
        switch (first, second) {
        case (nil, nil): true
        case (let a?, let b?): a.utf8.elementsEqual(b.utf8)
        default: false
        }
    }

    private static func attributeBytes(_ decision: Decision) -> [UInt8] {
        var writer = JSONWriter()
        writer.append(decision.attributes)
        return writer.bytes
    }

    private static func precedes(_ a: Decision, _ b: Decision) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if !a.campaign.utf8.elementsEqual(b.campaign.utf8) {
            return a.campaign.utf8.lexicographicallyPrecedes(b.campaign.utf8)
        }
        if !a.customer.utf8.elementsEqual(b.customer.utf8) {
            return a.customer.utf8.lexicographicallyPrecedes(b.customer.utf8)
        }
        if a.triggerTime != b.triggerTime { return a.triggerTime < b.triggerTime }
        return a.idHash < b.idHash
    }

    /// What matches a decision of one run with one of the other: campaign and customer by bytes, the
    /// triggering event (through the id) and the decision time.
    private struct Key: Hashable {
        var campaign: [UInt8]
        var customer: [UInt8]
        var trigger: UInt64
        var time: Int64

        init(_ decision: Decision) {
            campaign = Array(decision.campaign.utf8)
            customer = Array(decision.customer.utf8)
            trigger = decision.idHash
            time = decision.time
        }
    }
}
