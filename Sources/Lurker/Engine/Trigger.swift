/// The event that triggered a firing, as a decision reports it.
struct Trigger: Sendable {
    /// The event's type.
    var type: String
    /// The event's time.
    var time: Int64
    /// Where it was read, for the decision id.
    var reference: EventReference
}
