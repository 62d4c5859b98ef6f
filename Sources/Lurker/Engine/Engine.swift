import RuleDSL

/// Decides events against a compiled campaign set exactly as spec §3-§6 say: history, waits, governance.
///
/// The engine is confined to one thread: the daemon's processing thread or replay's. Each partition has its
/// own clock and timers; per-customer state is held in one place (``CustomerState``) behind the narrow
/// interface of this type, so it can later be persisted to a changelog topic.
public final class Engine {
    /// A partition's clock and timers.
    private struct PartitionState {
        var clock = Int64.min
        var timers = TimerQueue()
    }

    /// The campaign set in force.
    public private(set) var campaigns: CompiledCampaignSet
    /// The counters since the engine started.
    public private(set) var statistics: EngineStatistics
    private var customers: [String: CustomerState] = [:]
    private var partitions: [Int32: PartitionState] = [:]
    /// Per campaign, `sent` decisions per budget period.
    private var budgets: [[Int64: Int]]
    private var lastTimer: UInt64 = 0

    /// Creates an engine for a compiled campaign set.
    public init(campaigns: CompiledCampaignSet) {
        self.campaigns = campaigns
        self.statistics = EngineStatistics(campaignCount: campaigns.campaigns.count)
        self.budgets = Array(repeating: [:], count: campaigns.campaigns.count)
    }

    /// The number of customers held.
    public var customerCount: Int { customers.count }

    /// The number of pending waits.
    public var pendingWaitCount: Int { customers.values.reduce(0) { $0 + $1.pending.count } }

    /// The clock of `partition`, nil before its first event.
    public func clock(of partition: Int32) -> Int64? {
        guard let clock = partitions[partition]?.clock, clock != .min else { return nil }
        return clock
    }

    /// Replaces a customer's profile; nil forgets the customer: profile, history, pending waits, limit counts.
    public func setProfile(_ profile: JSONObject?, customer: String) {
        if let profile {
            customers[customer, default: CustomerState()].profile = profile
        } else {
            customers[customer] = nil
        }
    }

    /// Decides one event read from `reference`, appending the decisions it causes in order: timers that fall
    /// due first, then the event's cancellations and firings, then timers its triggers started already due.
    public func process(_ event: Event, reference: EventReference, into decisions: inout [Decision]) {
        let partition = reference.partition
        let clock = advance(partition, to: event.time)
        statistics.events += 1
        if event.time < clock - HistoryRequirements.lateness { statistics.tooLate += 1 }
        fireDueTimers(of: partition, into: &decisions)

        var state = customers.removeValue(forKey: event.customer) ?? CustomerState()
        if let plan = campaigns.types[event.type] {
            decide(event, plan: plan, reference: reference, state: &state, into: &decisions)
        }
        state.prune(clock: clock, campaigns: campaigns)
        if !state.isEmpty { customers[event.customer] = state }
        fireDueTimers(of: partition, into: &decisions)
    }

    /// Moves the clock of `partition` to `time` if that is later and fires the timers then due: the idle rule
    /// of the daemon, and `--until` in replay.
    public func advanceClock(of partition: Int32, to time: Int64, into decisions: inout [Decision]) {
        advance(partition, to: time)
        fireDueTimers(of: partition, into: &decisions)
    }

    /// Forgets every customer's history and limit counts that no query can see any more, and customers left
    /// with nothing. `clock` is the oldest partition clock, so nothing a partition still needs goes.
    public func sweep() {
        let clocks = partitions.values.map(\.clock).filter { $0 != .min }
        guard let clock = clocks.min() else { return }
        for customer in Array(customers.keys) {
            customers[customer]!.prune(clock: clock, campaigns: campaigns)
            if customers[customer]!.isEmpty { customers[customer] = nil }
        }
    }

    /// Drops the clock, timers and pending waits of a partition this instance no longer owns; its next owner
    /// decides them.
    public func removePartition(_ partition: Int32) {
        guard partitions.removeValue(forKey: partition) != nil else { return }
        for customer in Array(customers.keys) where customers[customer]!.pending.contains(where: { $0.partition == partition }) {
            customers[customer]!.pending.removeAll { $0.partition == partition }
            if customers[customer]!.isEmpty { customers[customer] = nil }
        }
    }

    @discardableResult
    private func advance(_ partition: Int32, to time: Int64) -> Int64 {
        var state = partitions[partition] ?? PartitionState()
        if time > state.clock { state.clock = time }
        partitions[partition] = state
        return state.clock
    }

    /// Steps 2-5 of spec §5 for an event whose type some campaign names.
    private func decide(
        _ event: Event,
        plan: CompiledCampaignSet.TypePlan,
        reference: EventReference,
        state: inout CustomerState,
        into decisions: inout [Decision]
    ) {
        let trigger = Trigger(type: event.type, time: event.time, reference: reference)
        if let tracked = plan.tracked {
            let fields = campaigns.tracked[tracked].fields.map { ExpressionEvaluator.lookup($0, in: event.fields) }
            state.append(TypeHistory.Entry(time: event.time, fields: fields), type: tracked)
        }
        for index in plan.cancels {
            guard let wait = state.removePending(campaign: index) else { continue }
            let firing = Firing(campaign: index, trigger: wait.trigger, channel: wait.channel, attributes: wait.attributes)
            record(firing, customer: event.customer, outcome: .cancelled, at: event.time, into: &decisions)
        }
        var firings: [Firing] = []
        var evaluator = ExpressionEvaluator(event: event, state: state, currentType: plan.tracked)
        for index in plan.triggers {
            let campaign = campaigns.campaigns[index]
            guard campaign.isActive(at: event.time) else { continue }
            statistics.campaigns[index].evaluated += 1
            guard evaluator.holds(campaign.condition) else { continue }
            statistics.campaigns[index].triggered += 1
            if campaign.campaign.wait != nil, state.pending.contains(where: { $0.campaign == index }) { continue }
            let firing = Firing(
                campaign: index,
                trigger: trigger,
                channel: channel(of: campaign, evaluator: &evaluator),
                attributes: attributes(of: campaign, evaluator: &evaluator)
            )
            if let wait = campaign.campaign.wait {
                lastTimer += 1
                let due = event.time + wait.milliseconds
                state.pending.append(
                    PendingWait(campaign: index, partition: reference.partition, timer: lastTimer, due: due, trigger: trigger, channel: firing.channel, attributes: firing.attributes)
                )
                partitions[reference.partition]!.timers.insert(
                    TimerQueue.Timer(due: due, sequence: lastTimer, customer: event.customer, campaign: index)
                )
            } else {
                firings.append(firing)
            }
        }
        statistics.typeMismatches += evaluator.mismatches
        govern(firings, customer: event.customer, state: &state, at: event.time, into: &decisions)
    }

    /// Fires the timers of `partition` due at or before its clock, a customer's timers with the same due time
    /// as one moment, in the order of the first of them.
    private func fireDueTimers(of partition: Int32, into decisions: inout [Decision]) {
        guard let clock = partitions[partition]?.clock else { return }
        while let due = partitions[partition]!.timers.nextDue, due <= clock {
            var moments: [(customer: String, timers: [TimerQueue.Timer])] = []
            while partitions[partition]!.timers.nextDue == due, let timer = partitions[partition]!.timers.popFirst() {
                // A cancelled timer is no timer: it must not place its customer's moment.
                guard customers[timer.customer]?.pending.contains(where: { $0.timer == timer.sequence }) == true
                else { continue }
                if let index = moments.firstIndex(where: { $0.customer == timer.customer }) {
                    moments[index].timers.append(timer)
                } else {
                    moments.append((timer.customer, [timer]))
                }
            }
            for moment in moments {
                fire(moment.timers, customer: moment.customer, at: due, into: &decisions)
            }
        }
    }

    private func fire(_ timers: [TimerQueue.Timer], customer: String, at due: Int64, into decisions: inout [Decision]) {
        guard var state = customers.removeValue(forKey: customer) else { return }
        var firings: [Firing] = []
        for timer in timers {
            guard let index = state.pending.firstIndex(where: { $0.campaign == timer.campaign && $0.timer == timer.sequence }) else { continue }
            let wait = state.pending.remove(at: index)
            firings.append(Firing(campaign: wait.campaign, trigger: wait.trigger, channel: wait.channel, attributes: wait.attributes))
        }
        firings.sort { $0.campaign < $1.campaign }
        govern(firings, customer: customer, state: &state, at: due, into: &decisions)
        if !state.isEmpty { customers[customer] = state }
    }

    private func channel(of campaign: CompiledCampaign, evaluator: inout ExpressionEvaluator) -> String? {
        switch campaign.channel {
        case .none: return nil
        case .fixed(let channel): return channel
        case .computed(let expression):
            guard case .string(let channel) = evaluator.evaluate(expression), Channel.isUsable(channel) else { return nil }
            return channel
        }
    }

    private func attributes(of campaign: CompiledCampaign, evaluator: inout ExpressionEvaluator) -> JSONObject {
        var object = JSONObject()
        for attribute in campaign.attributes {
            let value = evaluator.evaluate(attribute.value)
            if !value.isMissing { object.members.append(.init(key: attribute.key, value: value)) }
        }
        return object
    }

    /// Governs the firings of one moment (spec §5.4): limit, budget, arbitration, holdout, channel.
    private func govern(_ firings: [Firing], customer: String, state: inout CustomerState, at time: Int64, into decisions: inout [Decision]) {
        guard !firings.isEmpty else { return }
        var outcomes = [Decision.Outcome?](repeating: nil, count: firings.count)
        for (position, firing) in firings.enumerated() {
            if case .perCustomer(let count, let window) = campaigns.campaigns[firing.campaign].campaign.limit,
                state.limitCount(campaign: firing.campaign, at: time, window: window) >= count
            {
                outcomes[position] = .capped
            }
        }
        for (position, firing) in firings.enumerated() where outcomes[position] == nil {
            if let budget = campaigns.campaigns[firing.campaign].campaign.budget,
                budgets[firing.campaign][Self.period(of: time, budget.period), default: 0] >= budget.count
            {
                outcomes[position] = .budgetExhausted
            }
        }
        var winners: [String: Int] = [:]
        for (position, firing) in firings.enumerated() where outcomes[position] == nil {
            guard campaigns.campaigns[firing.campaign].isOffer, let channel = firing.channel else { continue }
            guard let rival = winners[channel] else {
                winners[channel] = position
                continue
            }
            if outranks(firing.campaign, firings[rival].campaign) {
                outcomes[rival] = .outranked
                winners[channel] = position
            } else {
                outcomes[position] = .outranked
            }
        }
        for (position, firing) in firings.enumerated() where outcomes[position] == nil {
            let campaign = campaigns.campaigns[firing.campaign].campaign
            if FNV1a.isHeldOut(campaign: campaign.name, customer: customer, basisPoints: campaign.holdoutBasisPoints) {
                outcomes[position] = .holdout
            } else if campaigns.campaigns[firing.campaign].isOffer, firing.channel == nil {
                outcomes[position] = .noChannel
            } else {
                outcomes[position] = .sent
            }
        }
        for (position, firing) in firings.enumerated() {
            let outcome = outcomes[position]!
            let campaign = campaigns.campaigns[firing.campaign].campaign
            if outcome == .sent || outcome == .holdout, case .perCustomer(_, let window) = campaign.limit {
                state.recordLimit(campaign: firing.campaign, at: time, windowed: window != nil)
            }
            if outcome == .sent, let budget = campaign.budget {
                budgets[firing.campaign][Self.period(of: time, budget.period), default: 0] += 1
            }
            record(firing, customer: customer, outcome: outcome, at: time, into: &decisions)
        }
    }

    /// Whether campaign `a` beats campaign `b` in arbitration: higher priority, then name by bytes.
    private func outranks(_ a: Int, _ b: Int) -> Bool {
        let lhs = campaigns.campaigns[a].campaign
        let rhs = campaigns.campaigns[b].campaign
        if lhs.priority != rhs.priority { return lhs.priority > rhs.priority }
        return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
    }

    /// The budget period holding `time`: its UTC hour or day number, 0 for a budget without a period.
    private static func period(of time: Int64, _ period: BudgetPeriod) -> Int64 {
        let length: Int64
        switch period {
        case .hour: length = 3_600_000
        case .day: length = 86_400_000
        case .ever: return 0
        }
        let quotient = time / length
        return time % length < 0 ? quotient - 1 : quotient
    }

    private func record(_ firing: Firing, customer: String, outcome: Decision.Outcome, at time: Int64, into decisions: inout [Decision]) {
        let campaign = campaigns.campaigns[firing.campaign].campaign
        let action: Decision.Action
        switch campaign.action {
        case .offer(let name, _, _): action = .offer(name)
        case .escalate(let level, _): action = .escalate(level)
        }
        statistics.campaigns[firing.campaign].outcomes[outcome, default: 0] += 1
        decisions.append(
            Decision(
                id: FNV1a.decisionID(campaign: campaign.name, customer: customer, trigger: firing.trigger.reference),
                campaign: campaign.name,
                campaignIndex: firing.campaign,
                customer: customer,
                action: action,
                channel: firing.channel,
                outcome: outcome,
                time: time,
                triggerType: firing.trigger.type,
                triggerTime: firing.trigger.time,
                attributes: firing.attributes
            )
        )
    }
}
