import RuleDSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tracing one customer for `lurker explain`: every campaign's verdict at each of their moments. Off the hot
/// path: nothing here runs unless a customer is traced, and then only for that customer's moments.
extension EngineCore {
    /// Whether `customer` is the traced customer.
    func isTraced(_ customer: UnsafeRawBufferPointer) -> Bool {
        guard let traced = tracedCustomer, traced.count == customer.count else { return false }
        return traced.withUnsafeBytes { traced in
            customer.count == 0 || memcmp(traced.baseAddress!, customer.baseAddress!, customer.count) == 0
        }
    }

    /// Step 3 of spec §5 for a traced event: every campaign the type triggers is evaluated conjunct by
    /// conjunct (indexes do not skip any), and each gets a verdict; firings are left in ``firings``.
    mutating func traceCandidates(
        type: Int32, reference: EventReference, moment: Moment, hash: UInt64, record: inout Int32?
    ) {
        let plans = campaigns.conjuncts!
        firings.removeAll(keepingCapacity: true)
        for campaign in campaigns.campaigns where campaign.triggers.contains(type) {
            let index = Int32(campaign.index)
            let definition = campaign.campaign
            if !campaigns.checks[campaign.index].isActive(at: moment.now) {
                verdict(campaign.name, .inactive(from: definition.activeFrom, until: definition.activeUntil))
                continue
            }
            var failed: ConjunctPlan?
            for conjunct in plans[campaign.index] where !run(conjunct.program, moment).isTrue {
                failed = conjunct
                break
            }
            if let failed {
                let operands = failed.operands.map { ($0.expression, value(of: run($0.program, moment))) }
                verdict(campaign.name, .conditionFalse(conjunct: failed.expression, operands: operands))
                continue
            }
            let trigger = Trigger(type: campaigns.typeNames[Int(type)], time: moment.now, reference: reference)
            if let wait = definition.wait {
                if let record, let pending = customers[record].state.pending.first(where: { $0.campaign == index }) {
                    verdict(campaign.name, .waitAlreadyPending(due: pending.due))
                    continue
                }
                let due = startWait(
                    campaign, milliseconds: wait.milliseconds, trigger: trigger, moment: moment, hash: hash, record: &record)
                verdict(campaign.name, .waitStarted(due: due))
            } else {
                fire(campaign, trigger: trigger, moment: moment)
            }
        }
    }

    /// Adds a verdict to the traced moment.
    mutating func verdict(_ campaign: String, _ verdict: TraceStep.Verdict) {
        step?.verdicts.append((campaign, verdict))
    }

    /// Records what governance decided for the traced moment's firings, with the step that decided each.
    mutating func traceGovernance(_ outcomes: [Decision.Outcome], at time: Int64) {
        for (position, firing) in firings.enumerated() {
            let campaign = campaigns.campaigns[Int(firing.campaign)]
            let definition = campaign.campaign
            let governance: TraceStep.Governance
            switch outcomes[position] {
            case .capped:
                guard case .perCustomer(let count, let window) = definition.limit else { continue }
                governance = .limit(count: count, window: window)
            case .budgetExhausted:
                governance = .budget(count: definition.budget?.count ?? 0, period: definition.budget?.period ?? .ever)
            case .outranked:
                let winner = firings.indices.first { other in
                    other != position && firings[other].channel == firing.channel
                        && campaigns.campaigns[Int(firings[other].campaign)].isOffer
                        && [.holdout, .noChannel, .sent].contains(outcomes[other])
                }
                governance = .outranked(
                    by: winner.map { campaigns.campaigns[Int(firings[$0].campaign)].name } ?? "",
                    channel: firing.channel ?? "")
            case .holdout:
                governance = .holdout(basisPoints: definition.holdoutBasisPoints)
            case .noChannel:
                governance = .noChannel
            case .sent, .cancelled:
                governance = .sent(channel: campaign.isOffer ? firing.channel : nil)
            }
            verdict(campaign.name, .decided(outcomes[position], governance))
        }
    }
}
