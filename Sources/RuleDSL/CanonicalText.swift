/// The canonical text of checked values and expressions: what ``CampaignExplanation`` and `lurker explain`
/// write.
///
/// Parentheses appear only where the grammar needs them to give the same tree; durations are written in the
/// largest unit that holds them whole (`90s`, `2h`, `7d`); numbers without a fraction when they have none.
public enum CanonicalText {
    /// How tightly each kind of expression binds, loosest first (spec §2).
    private enum Precedence: Int, Comparable {
        case or = 1, and, not, test, sum, product, unary, atom

        static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// `expression` as it would be written.
    public static func expression(_ expression: Expression) -> String {
        text(expression, needs: .or)
    }

    /// `expression` on one line when it has at most `width` characters, else one operand of its outermost `and`
    /// (or `or`) chain per line, the second and later lines starting with the operator.
    static func lines(_ expression: Expression, width: Int) -> [String] {
        let text = self.expression(expression)
        guard text.unicodeScalars.count > width else { return [text] }
        var operands: [Expression] = []
        var rest = expression
        let op: String
        let needs: Precedence
        switch expression {
        case .or:
            (op, needs) = ("or", .and)
            while case .or(let left, let right) = rest {
                operands.append(right)
                rest = left
            }
        case .and:
            (op, needs) = ("and", .not)
            while case .and(let left, let right) = rest {
                operands.append(right)
                rest = left
            }
        default:
            return [text]
        }
        operands.append(rest)
        return operands.reversed().enumerated().map { index, operand in
            (index == 0 ? "" : op + " ") + self.text(operand, needs: needs)
        }
    }

    /// A duration in the largest of `d`, `h`, `m`, `s` and `ms` that holds it whole.
    public static func duration(_ milliseconds: Int64) -> String {
        for (unit, length) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
        where milliseconds != 0 && milliseconds % length == 0 {
            return "\(milliseconds / length)\(unit)"
        }
        return "\(milliseconds)ms"
    }

    /// A number without a fraction when it has none (up to 2^53), else the shortest text that reads back the same.
    public static func number(_ number: Double) -> String {
        if number == number.rounded(), abs(number) <= 9_007_199_254_740_992 { return String(Int64(number)) }
        return String(number)
    }

    /// A percentage given in hundredths of a percent (`1050` is `10.5%`): no fraction when it has none, else one
    /// or two decimals without a trailing zero: for every holdout (0% to under 100%) the text of ``number(_:)`` of
    /// the percent, then `%`.
    public static func percent(hundredths: Int) -> String {
        let fraction = hundredths % 100
        guard fraction != 0 else { return "\(hundredths / 100)%" }
        let decimals = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(hundredths / 100).\(decimals)%"
    }

    /// A STRING with its quotes and escapes.
    static func string(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }

    /// An event type: dotted names as they are, anything else as a STRING.
    static func type(_ name: String) -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let isDottedName =
            parts.allSatisfy(isName) && (parts.count > 1 || Keyword(word: name) == nil)
        return isDottedName ? name : string(name)
    }

    /// A field of `sum` or `last`: dotted names as they are, one other field name as a STRING.
    static func field(_ parts: [String]) -> String {
        parts.allSatisfy(isName) ? parts.joined(separator: ".") : string(parts.joined(separator: "."))
    }

    /// The channel of an offer: a name, a STRING or a path.
    static func channel(_ channel: ChannelSource) -> String {
        switch channel {
        case .named(let name): return isName(name) && Keyword(word: name) == nil ? name : string(name)
        case .path(let path): return path.description
        }
    }

    /// A history call with its arguments.
    static func call(_ call: HistoryCall) -> String {
        switch call {
        case .count(let type, let window): return "count(\(self.type(type.name)), \(expression(window)))"
        case .seen(let type, let window): return "seen(\(self.type(type.name)), \(expression(window)))"
        case .sum(let type, let field, let window):
            return "sum(\(self.type(type.name)), \(self.field(field)), \(expression(window)))"
        case .since(let type): return "since(\(self.type(type.name)))"
        case .last(let type, let field): return "last(\(self.type(type.name)), \(self.field(field)))"
        }
    }

    /// Whether `word` reads back as one word of the lexer (its keywords included).
    private static func isName(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, Lexer.isLetter(first) else { return false }
        return word.unicodeScalars.allSatisfy(Lexer.isWordCharacter)
    }

    private static func text(_ expression: Expression, needs precedence: Precedence) -> String {
        let (text, own) = written(expression)
        return own < precedence ? "(\(text))" : text
    }

    private static func written(_ expression: Expression) -> (String, Precedence) {
        switch expression {
        case .literal(let value, _):
            return (literal(value), .atom)
        case .list(let elements, _):
            return ("[" + elements.map { text($0, needs: .or) }.joined(separator: ", ") + "]", .atom)
        case .path(let path, _):
            return (path.description, .atom)
        case .history(let call, _):
            return (self.call(call), .atom)
        case .negate(let operand, _):
            return ("-" + text(operand, needs: .unary), .unary)
        case .not(let operand, _):
            return ("not " + text(operand, needs: .not), .not)
        case .and(let left, let right):
            return (text(left, needs: .and) + " and " + text(right, needs: .not), .and)
        case .or(let left, let right):
            return (text(left, needs: .or) + " or " + text(right, needs: .and), .or)
        case .arithmetic(let op, let left, let right, _):
            let isSum = op == .add || op == .subtract
            let own: Precedence = isSum ? .sum : .product
            let rightNeeds: Precedence = isSum ? .product : .unary
            return (text(left, needs: own) + " \(op.rawValue) " + text(right, needs: rightNeeds), own)
        case .comparison(let op, let left, let right, _):
            return (text(left, needs: .sum) + " \(op.rawValue) " + text(right, needs: .sum), .test)
        case .membership(let element, let list):
            let elements = list.map { text($0, needs: .or) }.joined(separator: ", ")
            return (text(element, needs: .sum) + " in [" + elements + "]", .test)
        case .contains(let container, let element):
            return (text(container, needs: .sum) + " contains " + text(element, needs: .sum), .test)
        case .presence(let operand, let isPresent):
            return (text(operand, needs: .sum) + (isPresent ? " is present" : " is missing"), .test)
        case .invalid:
            return ("<invalid>", .atom)
        }
    }

    private static func literal(_ value: Value) -> String {
        switch value {
        case .number(let number): return self.number(number)
        case .string(let string): return self.string(string)
        case .bool(let bool): return bool ? "true" : "false"
        case .duration(let milliseconds): return duration(milliseconds)
        case .missing: return "missing"
        case .list(let elements): return "[" + elements.map(literal).joined(separator: ", ") + "]"
        case .object(let object):
            return "{ " + object.members.map { "\($0.key): \(literal($0.value))" }.joined(separator: ", ") + " }"
        }
    }
}
