/// The recent sent and held-out decisions by id, so that a response can be told a response of the treated
/// group (to a sent decision) or of the control group (to a held-out one), and counted once.
///
/// It holds at most ``capacity`` decisions and forgets the oldest first. Each takes about 30 bytes: a
/// million, the default of ``DaemonConfiguration/rememberedDecisions``, about 30 MiB. It lives in memory
/// only: after a restart, responses to earlier decisions are unknown.
struct DecisionMemory {
    /// What is remembered of one decision.
    struct Entry {
        /// The campaign, as an index into ``DecisionMemory/names``.
        var campaign: Int32
        /// Whether the decision was held out (the control group).
        var isControl: Bool
        /// Whether a response to it was counted.
        var hasResponse: Bool
    }

    /// The most decisions remembered.
    let capacity: Int
    private var entries: [UInt64: Entry] = [:]
    /// Ids in the order they were remembered; a ring once full, `next` being the oldest.
    private var order: [UInt64] = []
    private var next = 0
    private var names: [String] = []
    private var nameIndexes: [String: Int32] = [:]

    /// Creates an empty memory of `capacity` decisions (at least one).
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// The number of decisions remembered.
    var count: Int { entries.count }

    /// Remembers a decision if it was sent or held out; others get no response.
    mutating func remember(_ decision: Decision) {
        guard decision.outcome == .sent || decision.outcome == .holdout,
            entries[decision.idHash] == nil
        else { return }
        let campaign: Int32
        if let index = nameIndexes[decision.campaign] {
            campaign = index
        } else {
            campaign = Int32(names.count)
            names.append(decision.campaign)
            nameIndexes[decision.campaign] = campaign
        }
        if order.count < capacity {
            order.append(decision.idHash)
        } else {
            entries[order[next]] = nil
            order[next] = decision.idHash
            next = (next + 1) % capacity
        }
        entries[decision.idHash] = Entry(campaign: campaign, isControl: decision.outcome == .holdout, hasResponse: false)
    }

    /// Checks a response against the decision it names and marks the decision answered; returns whether the
    /// customer was in the control group.
    ///
    /// - Throws: ``ResponseRejection/unknownDecision``, ``ResponseRejection/campaignMismatch`` or
    ///   ``ResponseRejection/duplicate``.
    mutating func answer(_ response: ChannelResponse) throws(ResponseRejection) -> Bool {
        guard var entry = entries[response.id] else { throw .unknownDecision }
        guard names[Int(entry.campaign)] == response.campaign else { throw .campaignMismatch }
        guard !entry.hasResponse else { throw .duplicate }
        entry.hasResponse = true
        entries[response.id] = entry
        return entry.isControl
    }
}
