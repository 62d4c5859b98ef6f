/// Everything the engine holds for one customer: profile, kept history, limit counts and pending waits.
/// A customer with none of these is not held at all.
struct CustomerState: Sendable {
    /// The latest profile, nil when none was given.
    var profile: Profile?
    /// The kept history of each tracked type this customer has events of.
    var histories: [TypeHistory] = []
    /// The limit counts of each campaign that decided for this customer.
    var limits: [LimitRecord] = []
    /// The pending waits, at most one per campaign.
    var pending: [PendingWait] = []
    /// A partition clock before which ``prune(clock:campaigns:)`` has nothing to forget (it may be earlier than
    /// needed, never later), so most events skip pruning.
    var pruneAt = Int64.max

    /// Whether nothing is held, so the customer can be dropped.
    var isEmpty: Bool {
        profile == nil && histories.isEmpty && limits.isEmpty && pending.isEmpty
    }

    /// The position of the kept history of a tracked type, if any.
    func history(of tracked: Int32) -> Int? {
        histories.firstIndex { $0.tracked == tracked }
    }

    /// The number of counted decisions of `campaign` with time in (time − window, time], or all with no window.
    func limitCount(campaign: Int32, at time: Int64, window: Int64?) -> Int {
        guard let record = limits.first(where: { $0.campaign == campaign }) else { return 0 }
        guard let window else { return record.total }
        return record.times.reduce(0) { $0 + ($1 > time - window && $1 <= time ? 1 : 0) }
    }

    /// Counts a `sent` or `holdout` decision toward the campaign's limit; `window` is the limit's, nil for none.
    mutating func recordLimit(campaign: Int32, at time: Int64, window: Int64?) {
        if let index = limits.firstIndex(where: { $0.campaign == campaign }) {
            limits[index].total += 1
            if window != nil { limits[index].times.append(time) }
        } else {
            limits.append(LimitRecord(campaign: campaign, times: window != nil ? [time] : [], total: 1))
        }
        if let window { pruneAt = min(pruneAt, time + TrackedType.lateness + window) }
    }

    /// Notes that history `position` gained an event, so pruning looks again when its oldest event expires.
    mutating func noteAppended(to position: Int, retention: Int64) {
        pruneAt = min(pruneAt, histories[position].oldestTime + TrackedType.lateness + retention)
    }

    /// Removes and returns the pending wait of `campaign`.
    mutating func removePending(campaign: Int32) -> PendingWait? {
        guard let index = pending.firstIndex(where: { $0.campaign == campaign }) else { return nil }
        return pending.remove(at: index)
    }

    /// Forgets what no query at or after `clock − 1h` can see any more.
    mutating func prune(clock: Int64, campaigns: CompiledCampaignSet) {
        guard clock >= pruneAt else { return }
        pruneAt = .max
        let horizon = clock - TrackedType.lateness
        for index in histories.indices.reversed() {
            let type = campaigns.tracked[Int(histories[index].tracked)]
            histories[index].prune(
                cutoff: horizon - type.retention, keepsLatest: type.keepsLatest,
                numberSlots: type.numberSlots.count, valueSlots: type.valueSlots.count)
            if histories[index].isEmpty {
                histories.remove(at: index)
            } else if let expiring = histories[index].oldestForgettableTime(keepsLatest: type.keepsLatest) {
                pruneAt = min(pruneAt, expiring + TrackedType.lateness + type.retention)
            }
        }
        for index in limits.indices.reversed() {
            guard case .perCustomer(_, let window?) = campaigns.campaigns[Int(limits[index].campaign)].campaign.limit
            else { continue }
            limits[index].times.removeAll { $0 <= horizon - window }
            if let oldest = limits[index].times.min() {
                pruneAt = min(pruneAt, oldest + TrackedType.lateness + window)
            } else {
                limits.remove(at: index)
            }
        }
    }
}
