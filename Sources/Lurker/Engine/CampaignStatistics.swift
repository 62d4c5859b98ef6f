/// Counters of one campaign since the engine started.
public struct CampaignStatistics: Sendable, Equatable {
    /// Events whose type the campaign's `on` names and at whose time it was active.
    public var evaluated = 0
    /// Of those, the events whose `when` held.
    public var triggered = 0
    /// Decisions by outcome.
    public var outcomes: [Decision.Outcome: Int] = [:]

    /// Creates empty counters.
    public init() {}

    /// Triggered over evaluated, 0 when nothing was evaluated.
    public var matchRate: Double {
        evaluated == 0 ? 0 : Double(triggered) / Double(evaluated)
    }

    /// The number of decisions with `outcome`.
    public subscript(outcome: Decision.Outcome) -> Int {
        outcomes[outcome, default: 0]
    }
}
