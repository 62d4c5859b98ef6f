/// What one campaign did over a span of time: the engine's counters and the responses to its decisions.
struct CampaignTally: Sendable, Equatable {
    /// Events evaluated against its `when`.
    var evaluated = 0
    /// Of those, the events whose `when` held.
    var triggered = 0
    /// Decisions by outcome, in the order of `Decision.Outcome.allCases`.
    var outcomes = [Int](repeating: 0, count: Decision.Outcome.allCases.count)
    /// Responses to its decisions.
    var responses = ResponseTally()

    /// The engine's counters of a campaign, without responses.
    init(_ statistics: CampaignStatistics) {
        evaluated = statistics.evaluated
        triggered = statistics.triggered
        for (index, outcome) in Decision.Outcome.allCases.enumerated() {
            outcomes[index] = statistics[outcome]
        }
    }

    /// An empty tally.
    init() {}

    /// The number of decisions with `outcome`.
    subscript(outcome: Decision.Outcome) -> Int {
        outcomes[Decision.Outcome.allCases.firstIndex(of: outcome)!]
    }

    /// Whether every counter is zero.
    var isZero: Bool { self == CampaignTally() }

    static func - (lhs: Self, rhs: Self) -> Self {
        var difference = lhs
        difference.evaluated -= rhs.evaluated
        difference.triggered -= rhs.triggered
        for index in difference.outcomes.indices { difference.outcomes[index] -= rhs.outcomes[index] }
        difference.responses = lhs.responses - rhs.responses
        return difference
    }

    static func += (lhs: inout Self, rhs: Self) {
        lhs.evaluated += rhs.evaluated
        lhs.triggered += rhs.triggered
        for index in lhs.outcomes.indices { lhs.outcomes[index] += rhs.outcomes[index] }
        lhs.responses += rhs.responses
    }
}
