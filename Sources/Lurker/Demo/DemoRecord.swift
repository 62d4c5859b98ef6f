/// One record of the demo stream: a message for the profiles topic or for the events topic.
public struct DemoRecord: Sendable, Hashable {
    /// Which topic a record belongs on.
    public enum Kind: Sendable, Hashable {
        /// A channel event (spec §3), for the events topic.
        case event
        /// A whole customer profile, for the profiles topic (key = customer id).
        case profile
    }

    /// Whether this is an event or a profile.
    public var kind: Kind
    /// The message key: the customer id.
    public var key: String
    /// The message value: JSON bytes (or, for a ``malformation`` of ``DemoMalformation/notJSON``,
    /// bytes that are not JSON).
    public var value: [UInt8]
    /// The simulated time in epoch milliseconds, for the message timestamp: the event's `ts`, or when
    /// a profile was written. Never smaller than the time of the record before it.
    public var time: Int64
    /// How the record is deliberately broken, or `nil` for a valid record. Only events are broken.
    public var malformation: DemoMalformation?

    /// Whether the record is deliberately invalid, to be dead-lettered.
    public var isMalformed: Bool { malformation != nil }

    /// Creates a record.
    public init(kind: Kind, key: String, value: [UInt8], time: Int64, malformation: DemoMalformation? = nil) {
        self.kind = kind
        self.key = key
        self.value = value
        self.time = time
        self.malformation = malformation
    }
}
