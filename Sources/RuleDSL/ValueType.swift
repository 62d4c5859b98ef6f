/// A type of the campaign language that is known when the files are loaded (spec §4).
enum ValueType: Sendable, Hashable {
    case number
    case string
    case bool
    case duration
    case list

    /// The type with an article, for messages: "a number".
    var description: String {
        switch self {
        case .number: return "a number"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .duration: return "a duration"
        case .list: return "a list"
        }
    }

    /// The result type of `left op right`, or nil when §4 has no rule for the two types.
    static func arithmetic(_ op: ArithmeticOperator, _ left: ValueType, _ right: ValueType) -> ValueType? {
        switch (left, op, right) {
        case (.number, _, .number): return .number
        case (.duration, .add, .duration), (.duration, .subtract, .duration): return .duration
        case (.duration, .divide, .duration): return .number
        case (.duration, .multiply, .number), (.number, .multiply, .duration), (.duration, .divide, .number):
            return .duration
        default: return nil
        }
    }

    /// Whether §4 lets `op` compare a value of `left` with one of `right`.
    static func canCompare(_ op: ComparisonOperator, _ left: ValueType, _ right: ValueType) -> Bool {
        guard left == right else { return false }
        switch left {
        case .number, .string, .duration: return true
        case .bool: return op == .equal || op == .notEqual
        case .list: return false
        }
    }
}
