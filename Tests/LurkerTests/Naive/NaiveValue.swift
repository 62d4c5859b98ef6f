import RuleDSL

/// The values and operators of spec §4, written from the text alone.
///
/// Strings are compared by their UTF-8 bytes (Swift's `String ==` uses canonical equivalence, which the
/// spec does not), a missing operand or a pair of types without a rule gives missing (arithmetic) or false
/// (comparisons), and a result that is not finite is missing.
enum NaiveValue {
    // MARK: Bytes

    /// Whether two strings have the same UTF-8 bytes.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        Array(a.utf8) == Array(b.utf8)
    }

    /// Whether `a` sorts before `b` by UTF-8 bytes.
    static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var index = 0
        while index < x.count, index < y.count {
            if x[index] != y[index] { return x[index] < y[index] }
            index += 1
        }
        return x.count < y.count
    }

    /// Whether `needle`'s bytes occur contiguously in `haystack`'s; the empty string occurs in every string.
    static func bytesContain(_ haystack: String, _ needle: String) -> Bool {
        let x = Array(haystack.utf8)
        let y = Array(needle.utf8)
        if y.isEmpty { return true }
        if y.count > x.count { return false }
        for start in 0...(x.count - y.count) where Array(x[start..<(start + y.count)]) == y {
            return true
        }
        return false
    }

    // MARK: Truth and presence

    /// Only the boolean `true` holds.
    static func isTrue(_ value: Value) -> Bool {
        if case .bool(let flag) = value { return flag }
        return false
    }

    static func isMissing(_ value: Value) -> Bool {
        if case .missing = value { return true }
        return false
    }

    // MARK: Arithmetic

    /// Unary minus: a number or a duration negated, anything else missing.
    static func negate(_ value: Value) -> Value {
        switch value {
        case .number(let number): return .number(-number)
        case .duration(let milliseconds):
            return milliseconds == Int64.min ? .missing : .duration(-milliseconds)
        default: return .missing
        }
    }

    /// `lhs op rhs` by the table of spec §4.
    static func arithmetic(_ op: ArithmeticOperator, _ lhs: Value, _ rhs: Value) -> Value {
        if case .number(let a) = lhs, case .number(let b) = rhs {
            switch op {
            case .add: return finite(a + b)
            case .subtract: return finite(a - b)
            case .multiply: return finite(a * b)
            case .divide: return b == 0 ? .missing : finite(a / b)
            }
        }
        if case .duration(let a) = lhs, case .duration(let b) = rhs {
            switch op {
            case .add:
                let (result, overflow) = a.addingReportingOverflow(b)
                return overflow ? .missing : .duration(result)
            case .subtract:
                let (result, overflow) = a.subtractingReportingOverflow(b)
                return overflow ? .missing : .duration(result)
            case .divide: return b == 0 ? .missing : finite(Double(a) / Double(b))
            case .multiply: return .missing
            }
        }
        if case .duration(let a) = lhs, case .number(let b) = rhs {
            switch op {
            case .multiply: return truncatedDuration(Double(a) * b)
            case .divide: return b == 0 ? .missing : truncatedDuration(Double(a) / b)
            case .add, .subtract: return .missing
            }
        }
        if case .number(let a) = lhs, case .duration(let b) = rhs, op == .multiply {
            return truncatedDuration(a * Double(b))
        }
        return .missing
    }

    private static func finite(_ number: Double) -> Value {
        number.isFinite ? .number(number) : .missing
    }

    /// A computed number of milliseconds as a duration, truncated toward zero; missing when not a finite
    /// value that fits a 64-bit duration.
    private static func truncatedDuration(_ milliseconds: Double) -> Value {
        guard milliseconds.isFinite else { return .missing }
        let whole = milliseconds.rounded(.towardZero)
        guard whole >= -0x1p63, whole < 0x1p63 else { return .missing }
        return .duration(Int64(whole))
    }

    // MARK: Comparisons

    /// `lhs op rhs`: numbers, strings (by bytes) and durations are ordered, booleans only (in)equal; any
    /// other pair, a missing side included, is false whatever the operator.
    static func compare(_ op: ComparisonOperator, _ lhs: Value, _ rhs: Value) -> Bool {
        // -1, 0, 1 for ordered types; booleans only take part in == and !=.
        let order: Int
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            order = a < b ? -1 : (a == b ? 0 : 1)
        case (.duration(let a), .duration(let b)):
            order = a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)):
            order = sameBytes(a, b) ? 0 : (bytesPrecede(a, b) ? -1 : 1)
        case (.bool(let a), .bool(let b)):
            switch op {
            case .equal: return a == b
            case .notEqual: return a != b
            default: return false
            }
        default:
            return false
        }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        }
    }

    /// `a contains b`: a string holding a string, or a list with an element `==` to `b`.
    static func contains(_ container: Value, _ element: Value) -> Bool {
        switch (container, element) {
        case (.string(let haystack), .string(let needle)):
            return bytesContain(haystack, needle)
        case (.list(let elements), _):
            return elements.contains { compare(.equal, $0, element) }
        default:
            return false
        }
    }

    // MARK: Objects

    /// The member `key` of an object (the last one, should a key be written twice), missing when absent.
    static func member(_ key: String, of object: JSONObject) -> Value {
        var found = Value.missing
        for member in object.members where sameBytes(member.key, key) {
            found = member.value
        }
        return found
    }

    /// Reads `fields` step by step into nested objects; a step into anything but an object is missing.
    static func read(_ fields: [String], from start: Value) -> Value {
        var current = start
        for field in fields {
            guard case .object(let object) = current else { return .missing }
            current = member(field, of: object)
        }
        return current
    }

    // MARK: Identity and text

    /// Whether two values are the same: strings by bytes, numbers by bit pattern, members in order.
    static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.missing, .missing): return true
        case (.number(let x), .number(let y)): return x.bitPattern == y.bitPattern
        case (.string(let x), .string(let y)): return sameBytes(x, y)
        case (.bool(let x), .bool(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
        case (.object(let x), .object(let y)):
            return x.members.count == y.members.count
                && zip(x.members, y.members).allSatisfy { sameBytes($0.key, $1.key) && identical($0.value, $1.value) }
        default: return false
        }
    }

    /// A string in double quotes, non-ASCII scalars written as `\u{…}` so that NFC and NFD differ on screen.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case " "..."~": result.unicodeScalars.append(scalar)
            default: result += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return result + "\""
    }

    /// A value as readable text: JSON-like, durations with a unit, missing as `missing`.
    static func render(_ value: Value) -> String {
        switch value {
        case .missing: return "missing"
        case .number(let number):
            if number == number.rounded(), abs(number) <= 9_007_199_254_740_992 {
                return number.sign == .minus && number == 0 ? "-0" : String(Int64(number))
            }
            return "\(number)"
        case .string(let text): return quoted(text)
        case .bool(let flag): return flag ? "true" : "false"
        case .duration(let milliseconds): return NaiveTime.duration(milliseconds)
        case .list(let elements): return "[" + elements.map(render).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.members.map { "\(quoted($0.key)): \(render($0.value))" }.joined(separator: ", ") + "}"
        }
    }
}
