import RuleDSL

/// One decision (spec §7): a governed firing or a cancelled wait.
public struct Decision: Sendable, Equatable {
    /// What the campaign does.
    public enum Action: Sendable, Equatable {
        /// An offer with its name.
        case offer(String)
        /// An escalation with its level.
        case escalate(String)
    }

    /// How the firing was decided.
    public enum Outcome: String, Sendable, CaseIterable {
        case sent
        case holdout
        case capped
        case budgetExhausted = "budget_exhausted"
        case outranked
        case noChannel = "no_channel"
        case cancelled
    }

    /// The deterministic id as a number; ``id`` is its text.
    public var idHash: UInt64
    /// The campaign's name.
    public var campaign: String
    /// The campaign's position in its set.
    public var campaignIndex: Int
    /// The customer id.
    public var customer: String
    /// The action.
    public var action: Action
    /// The usable channel of an offer, nil when it has none (and for escalations).
    public var channel: String?
    /// The outcome.
    public var outcome: Outcome
    /// The decision's time, epoch milliseconds.
    public var time: Int64
    /// The triggering event's type.
    public var triggerType: String
    /// The triggering event's time.
    public var triggerTime: Int64
    /// The `with` values that are not missing.
    public var attributes: JSONObject

    /// The deterministic id: ``idHash`` as 16 lower-case hex digits.
    public var id: String { FNV1a.hex(idHash) }
}
