import RuleDSL

/// What the campaign set needs kept of one event type's history (spec §3).
struct HistoryRequirements: Sendable {
    /// The type's name.
    var type: String
    /// The longest window any history call reads, 366d when one is computed.
    var retentionMilliseconds: Int64
    /// Whether `since` or `last` reads the type, so its latest event is kept whatever its age.
    var keepsLatest: Bool
    /// The fields (paths inside the event) `sum` and `last` read, one slot each.
    var fields: [[String]]

    /// The largest window a computed `D` can have.
    static let longestWindow: Int64 = 366 * 86_400_000
    /// How far behind its partition clock an event may be and still see its full history.
    static let lateness: Int64 = 3_600_000
}
