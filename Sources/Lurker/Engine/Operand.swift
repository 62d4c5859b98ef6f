/// A value of the campaign language on the engine's hot path (spec §4): trivially copyable, so the evaluator's
/// stack needs no reference counting. Strings and JSON texts point into the message being decided, the
/// customer's profile or the campaign set's constants, and are valid while the evaluation lasts.
enum Operand {
    case missing
    case number(Double)
    case bool(Bool)
    case duration(Int64)
    /// UTF-8 bytes, unescaped.
    case string(UnsafeRawBufferPointer)
    /// The JSON text of an array or an object of the event or the profile, read only when needed.
    case json(UnsafeRawBufferPointer)
    /// A value held in the evaluator's box table: a list, or anything taken from kept history.
    case boxed(Int32)

    /// Whether the value is the boolean `true`: the only value a condition holds on.
    @inline(__always)
    var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }

    /// Whether the value is missing.
    @inline(__always)
    var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }
}
