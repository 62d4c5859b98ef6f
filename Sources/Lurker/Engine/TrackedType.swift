/// An event type whose history some campaign reads (spec §3): how long to keep it, and what to keep of each
/// event besides its time.
struct TrackedType: Sendable {
    /// The type's id in the set.
    var type: Int32
    /// The longest window any history call reads, 366d when one is computed.
    var retention: Int64
    /// Whether `since` or `last` reads the type, so its latest event is kept whatever its age.
    var keepsLatest: Bool
    /// The fields `sum` reads, one number slot each, as programs over the event.
    var numberSlots: [Program] = []
    /// The fields `last` reads, one value slot each, as programs over the event.
    var valueSlots: [Program] = []
    /// The paths (inside the event) of the number slots, in slot order.
    var numberFields: [[String]] = []
    /// The paths of the value slots, in slot order.
    var valueFields: [[String]] = []

    /// How far behind its partition clock an event may be and still see its full history: one hour.
    static let lateness: Int64 = 3_600_000
}
