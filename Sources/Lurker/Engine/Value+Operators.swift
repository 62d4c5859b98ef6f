import RuleDSL

/// The operators of spec §4 on run-time values: every rule that has no case gives `.missing` or `false`.
extension Value {
    /// Whether the value is the boolean `true`: the only value a condition holds on.
    @inlinable
    var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }

    /// Whether the value is missing.
    @inlinable
    var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// Unary minus: negates a number or a duration; anything else is missing.
    func negated() -> Value {
        switch self {
        case .number(let number): return .number(-number)
        case .duration(let milliseconds):
            let (result, overflow) = Int64(0).subtractingReportingOverflow(milliseconds)
            return overflow ? .missing : .duration(result)
        default: return .missing
        }
    }

    /// Applies an arithmetic operator; a missing operand, a division by zero, a non-finite result or a pair of
    /// types without a rule gives missing. `mismatch` is set when both sides are present but have no rule.
    static func arithmetic(_ op: ArithmeticOperator, _ lhs: Value, _ rhs: Value, mismatch: inout Bool) -> Value {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            let result: Double
            switch op {
            case .add: result = a + b
            case .subtract: result = a - b
            case .multiply: result = a * b
            case .divide:
                if b == 0 { return .missing }
                result = a / b
            }
            return result.isFinite ? .number(result) : .missing
        case (.duration(let a), .duration(let b)):
            switch op {
            case .add:
                let (sum, overflow) = a.addingReportingOverflow(b)
                return overflow ? .missing : .duration(sum)
            case .subtract:
                let (difference, overflow) = a.subtractingReportingOverflow(b)
                return overflow ? .missing : .duration(difference)
            case .divide:
                if b == 0 { return .missing }
                return .number(Double(a) / Double(b))
            case .multiply:
                mismatch = true
                return .missing
            }
        case (.duration(let a), .number(let b)):
            switch op {
            case .multiply: return durationValue(Double(a) * b)
            case .divide:
                if b == 0 { return .missing }
                return durationValue(Double(a) / b)
            case .add, .subtract:
                mismatch = true
                return .missing
            }
        case (.number(let a), .duration(let b)):
            if op == .multiply { return durationValue(a * Double(b)) }
            mismatch = true
            return .missing
        case (.missing, _), (_, .missing):
            return .missing
        default:
            mismatch = true
            return .missing
        }
    }

    /// A duration from a computed number of milliseconds, truncated toward zero; missing when not representable.
    private static func durationValue(_ milliseconds: Double) -> Value {
        guard milliseconds.isFinite else { return .missing }
        let truncated = milliseconds.rounded(.towardZero)
        guard truncated >= -9.2e18, truncated <= 9.2e18 else { return .missing }
        return .duration(Int64(truncated))
    }

    /// Applies a comparison: both sides must be numbers, strings (by UTF-8 bytes) or durations, or booleans for
    /// `==`/`!=`; with a missing side or sides of different types it is false.
    static func compare(_ op: ComparisonOperator, _ lhs: Value, _ rhs: Value, mismatch: inout Bool) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            return ordered(op, a < b, a == b)
        case (.duration(let a), .duration(let b)):
            return ordered(op, a < b, a == b)
        case (.string(let a), .string(let b)):
            let equal = a.utf8.elementsEqual(b.utf8)
            return ordered(op, !equal && a.utf8.lexicographicallyPrecedes(b.utf8), equal)
        case (.bool(let a), .bool(let b)):
            switch op {
            case .equal: return a == b
            case .notEqual: return a != b
            default:
                mismatch = true
                return false
            }
        case (.missing, _), (_, .missing):
            return false
        default:
            mismatch = true
            return false
        }
    }

    /// The result of `op` for two values of one ordered type, given whether the left is less and whether equal.
    static func ordered(_ op: ComparisonOperator, _ less: Bool, _ equal: Bool) -> Bool {
        switch op {
        case .equal: return equal
        case .notEqual: return !equal
        case .less: return less
        case .lessOrEqual: return less || equal
        case .greater: return !less && !equal
        case .greaterOrEqual: return !less
        }
    }

    /// `==` as `in` and `contains` use it: true only for equal values of one comparable type.
    static func equals(_ lhs: Value, _ rhs: Value) -> Bool {
        var ignored = false
        return compare(.equal, lhs, rhs, mismatch: &ignored)
    }

    /// `a contains b`: a string containing a string (by bytes), or a list with an element equal to `b`.
    static func contains(_ container: Value, _ element: Value) -> Bool {
        switch (container, element) {
        case (.string(let haystack), .string(let needle)):
            return haystack.utf8.containsSubsequence(needle.utf8)
        case (.list(let elements), _):
            return elements.contains { equals($0, element) }
        default:
            return false
        }
    }
}

extension Sequence where Element == UInt8 {
    /// Whether `needle` occurs as a contiguous run of these bytes; an empty needle always does.
    fileprivate func containsSubsequence(_ needle: some Collection<UInt8>) -> Bool {
        let haystack = Array(self)
        let pattern = Array(needle)
        if pattern.isEmpty { return true }
        if pattern.count > haystack.count { return false }
        for start in 0...(haystack.count - pattern.count)
        where haystack[start] == pattern[0] && haystack[start..<(start + pattern.count)].elementsEqual(pattern) {
            return true
        }
        return false
    }
}
