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

    /// Counts a `sent` or `holdout` decision toward the campaign's limit.
    mutating func recordLimit(campaign: Int32, at time: Int64, windowed: Bool) {
        if let index = limits.firstIndex(where: { $0.campaign == campaign }) {
            limits[index].total += 1
            if windowed { limits[index].times.append(time) }
        } else {
            limits.append(LimitRecord(campaign: campaign, times: windowed ? [time] : [], total: 1))
        }
    }

    /// Removes and returns the pending wait of `campaign`.
    mutating func removePending(campaign: Int32) -> PendingWait? {
        guard let index = pending.firstIndex(where: { $0.campaign == campaign }) else { return nil }
        return pending.remove(at: index)
    }

    /// Forgets what no query at or after `clock − 1h` can see any more.
    mutating func prune(clock: Int64, campaigns: CompiledCampaignSet) {
        let horizon = clock - TrackedType.lateness
        for index in histories.indices.reversed() {
            let type = campaigns.tracked[Int(histories[index].tracked)]
            histories[index].prune(
                cutoff: horizon - type.retention, keepsLatest: type.keepsLatest,
                numberSlots: type.numberSlots.count, valueSlots: type.valueSlots.count)
            if histories[index].isEmpty { histories.remove(at: index) }
        }
        for index in limits.indices.reversed() {
            guard case .perCustomer(_, let window?) = campaigns.campaigns[Int(limits[index].campaign)].campaign.limit
            else { continue }
            limits[index].times.removeAll { $0 <= horizon - window }
            if limits[index].times.isEmpty { limits.remove(at: index) }
        }
    }
}
