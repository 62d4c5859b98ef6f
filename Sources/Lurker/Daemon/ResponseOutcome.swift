/// What a customer did with a decision, as a channel reports it on the responses topic.
public enum ResponseOutcome: String, Sendable, CaseIterable {
    /// The customer took the offer (for a held-out decision: converted anyway).
    case accepted
    /// The customer turned it down.
    case declined
}
