/// Where a top-level field of an event or a profile is (``JSONScanner/scanField()``), and what kind of value it
/// holds.
struct FieldSlot: Sendable {
    /// The JSON kind of the value; `absent` for a field not written or written `null`.
    enum Kind: UInt8, Sendable {
        case absent
        case string
        case number
        case bool
        case array
        case object
    }

    var kind: Kind = .absent
    /// For a string, its content between the quotes; for an array or object, its whole text; offsets into the
    /// message, or into the scanner's arena when ``inArena`` is set.
    var start = 0
    var end = 0
    /// Whether a string's content holds escapes (not yet unescaped).
    var hasEscapes = false
    /// Whether the range is in the scanner's arena (an unescaped copy).
    var inArena = false
    /// A number's value, or a boolean's as 1 or 0.
    var number = 0.0
}
