import RuleDSL

/// Governance (spec §5.4) of the firings of one moment, and the decisions it records.
extension EngineCore {
    /// Governs ``firings``, the firings of one moment for one customer: limit, budget, arbitration, holdout,
    /// channel, each step applied to what the earlier ones left undecided. Creates the customer's record when
    /// a limit must count a decision.
    mutating func govern(
        customer: UnsafeRawBufferPointer, hash: UInt64, record: inout Int32?, at time: Int64,
        into decisions: inout [Decision]
    ) {
        var outcomes = [Decision.Outcome?](repeating: nil, count: firings.count)
        for (position, firing) in firings.enumerated() {
            if case .perCustomer(let count, let window) = campaigns.campaigns[Int(firing.campaign)].campaign.limit,
                let record,
                customers[record].state.limitCount(campaign: firing.campaign, at: time, window: window) >= count
            {
                outcomes[position] = .capped
            }
        }
        for (position, firing) in firings.enumerated() where outcomes[position] == nil {
            if let budget = campaigns.campaigns[Int(firing.campaign)].campaign.budget,
                budgets[Int(firing.campaign)][Self.period(of: time, budget.period), default: 0] >= budget.count
            {
                outcomes[position] = .budgetExhausted
            }
        }
        for (position, firing) in firings.enumerated() where outcomes[position] == nil {
            guard campaigns.campaigns[Int(firing.campaign)].isOffer, let channel = firing.channel else { continue }
            for rival in 0..<position where outcomes[rival] == nil && firings[rival].channel == channel
                && campaigns.campaigns[Int(firings[rival].campaign)].isOffer
            {
                if outranks(firing.campaign, firings[rival].campaign) {
                    outcomes[rival] = .outranked
                } else {
                    outcomes[position] = .outranked
                    break
                }
            }
        }
        for (position, firing) in firings.enumerated() where outcomes[position] == nil {
            let campaign = campaigns.campaigns[Int(firing.campaign)]
            if FNV1a.isHeldOut(prefix: campaign.hashPrefix, customer: customer, basisPoints: campaign.campaign.holdoutBasisPoints) {
                outcomes[position] = .holdout
            } else if campaign.isOffer, firing.channel == nil {
                outcomes[position] = .noChannel
            } else {
                outcomes[position] = .sent
            }
        }
        if step != nil { traceGovernance(outcomes.map { $0! }, at: time) }
        for (position, firing) in firings.enumerated() {
            let outcome = outcomes[position]!
            let campaign = campaigns.campaigns[Int(firing.campaign)].campaign
            if outcome == .sent || outcome == .holdout, case .perCustomer(_, let window) = campaign.limit {
                let held = record ?? customers.insert(String(decoding: customer, as: UTF8.self), hash: hash)
                record = held
                customers[held].state.recordLimit(campaign: firing.campaign, at: time, window: window)
            }
            if outcome == .sent, let budget = campaign.budget {
                budgets[Int(firing.campaign)][Self.period(of: time, budget.period), default: 0] += 1
            }
            self.record(firing, customer: customer, outcome: outcome, at: time, into: &decisions)
        }
        firings.removeAll(keepingCapacity: true)
    }

    /// Whether campaign `a` beats campaign `b` in arbitration: higher priority, then name by bytes.
    private func outranks(_ a: Int32, _ b: Int32) -> Bool {
        let lhs = campaigns.campaigns[Int(a)].campaign
        let rhs = campaigns.campaigns[Int(b)].campaign
        if lhs.priority != rhs.priority { return lhs.priority > rhs.priority }
        return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
    }

    /// The budget period holding `time`: its UTC hour or day number, 0 for a budget without a period.
    private static func period(of time: Int64, _ period: BudgetPeriod) -> Int64 {
        switch period {
        case .hour: Timestamp.floorDivide(time, by: 3_600_000)
        case .day: Timestamp.floorDivide(time, by: Timestamp.millisecondsPerDay)
        case .ever: 0
        }
    }

    /// Counts a decision and appends it.
    mutating func record(
        _ firing: Firing, customer: UnsafeRawBufferPointer, outcome: Decision.Outcome, at time: Int64,
        into decisions: inout [Decision]
    ) {
        let campaign = campaigns.campaigns[Int(firing.campaign)]
        switch outcome {
        case .sent: counters[campaign.index].outcomes.0 += 1
        case .holdout: counters[campaign.index].outcomes.1 += 1
        case .capped: counters[campaign.index].outcomes.2 += 1
        case .budgetExhausted: counters[campaign.index].outcomes.3 += 1
        case .outranked: counters[campaign.index].outcomes.4 += 1
        case .noChannel: counters[campaign.index].outcomes.5 += 1
        case .cancelled: counters[campaign.index].outcomes.6 += 1
        }
        decisions.append(
            Decision(
                idHash: FNV1a.decisionID(prefix: campaign.hashPrefix, customer: customer, trigger: firing.trigger.reference),
                campaign: campaign.name,
                campaignIndex: campaign.index,
                customer: String(decoding: customer, as: UTF8.self),
                action: campaign.action,
                channel: campaign.isOffer ? firing.channel : nil,
                outcome: outcome,
                time: time,
                triggerType: firing.trigger.type,
                triggerTime: firing.trigger.time,
                attributes: firing.attributes
            )
        )
    }
}
