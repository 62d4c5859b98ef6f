/// Responses to one campaign's decisions: to sent ones (the treated group) and to held-out ones (the
/// control group), by outcome.
public struct ResponseTally: Sendable, Equatable {
    /// Responses `accepted` to sent decisions.
    public var treatedAccepted = 0
    /// Responses `declined` to sent decisions.
    public var treatedDeclined = 0
    /// Responses `accepted` to held-out decisions: the control customer converted anyway.
    public var controlAccepted = 0
    /// Responses `declined` to held-out decisions.
    public var controlDeclined = 0

    /// Creates an empty tally.
    public init() {}

    /// Adds one response.
    mutating func add(_ outcome: ResponseOutcome, isControl: Bool) {
        switch (outcome, isControl) {
        case (.accepted, false): treatedAccepted += 1
        case (.declined, false): treatedDeclined += 1
        case (.accepted, true): controlAccepted += 1
        case (.declined, true): controlDeclined += 1
        }
    }

    static func - (lhs: Self, rhs: Self) -> Self {
        var difference = lhs
        difference.treatedAccepted -= rhs.treatedAccepted
        difference.treatedDeclined -= rhs.treatedDeclined
        difference.controlAccepted -= rhs.controlAccepted
        difference.controlDeclined -= rhs.controlDeclined
        return difference
    }

    static func += (lhs: inout Self, rhs: Self) {
        lhs.treatedAccepted += rhs.treatedAccepted
        lhs.treatedDeclined += rhs.treatedDeclined
        lhs.controlAccepted += rhs.controlAccepted
        lhs.controlDeclined += rhs.controlDeclined
    }
}
