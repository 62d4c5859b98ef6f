/// A record of the demo stream as planned, before it is written; records are put in order of
/// ``time``, then ``customer``, then ``sequence``.
struct DemoPlannedRecord: Sendable {
    /// What the record holds.
    enum Payload: Sendable {
        /// A valid event.
        case event(DemoEventDraft)
        /// A deliberately broken event.
        case malformed(DemoEventDraft, DemoMalformation)
        /// A profile change; the whole profile is written after applying it.
        case profile(DemoProfileChange)
    }

    /// The simulated time in epoch milliseconds.
    var time: Int64
    /// The index of the customer in the stream.
    var customer: Int
    /// The order in which the customer's planner made it.
    var sequence: Int
    /// What the record holds.
    var payload: Payload

    /// Whether `self` comes before `other` in the stream.
    func precedes(_ other: DemoPlannedRecord) -> Bool {
        if time != other.time { return time < other.time }
        if customer != other.customer { return customer < other.customer }
        return sequence < other.sequence
    }
}
