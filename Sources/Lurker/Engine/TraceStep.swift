import RuleDSL

/// What the engine did for a traced customer at one moment, campaign by campaign: the answer to "why didn't
/// this fire?" (`lurker explain`).
public struct TraceStep: Sendable {
    /// What made the moment.
    public enum Cause: Sendable {
        /// One of the customer's events.
        case event(type: String, time: Int64, reference: EventReference)
        /// The customer's waits that fell due at `due`.
        case timers(due: Int64)
    }

    /// One campaign's verdict.
    public enum Verdict: Sendable {
        /// The campaign was not active at the event's time.
        case inactive(from: Int64?, until: Int64?)
        /// A conjunct of the `when` did not hold; the values its operands had.
        case conditionFalse(conjunct: Expression, operands: [(expression: Expression, value: Value)])
        /// The campaign triggered but a wait of it was already pending, so nothing happened.
        case waitAlreadyPending(due: Int64)
        /// The campaign triggered and started a wait.
        case waitStarted(due: Int64)
        /// A pending wait was cancelled by this event.
        case cancelled
        /// The campaign fired and governance decided.
        case decided(Decision.Outcome, Governance)
    }

    /// Which step of governance (spec §5.4) gave an outcome, with what it saw.
    public enum Governance: Sendable {
        /// `limit`: the customer already had `count` counted decisions in the window (nil: ever).
        case limit(count: Int, window: Int64?)
        /// `budget`: the period's `count` sent decisions were used.
        case budget(count: Int, period: BudgetPeriod)
        /// Arbitration: another offer on the same channel won.
        case outranked(by: String, channel: String)
        /// `holdout`: the customer is in the control group of `basisPoints` hundredths of a percent.
        case holdout(basisPoints: Int)
        /// The offer has no usable channel.
        case noChannel
        /// Sent: an offer on `channel`, or an escalation (nil).
        case sent(channel: String?)
    }

    /// What made the moment.
    public var cause: Cause
    /// The verdicts, campaign name first, in set order within each kind of verdict.
    public var verdicts: [(campaign: String, verdict: Verdict)] = []
}
