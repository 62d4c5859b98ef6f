/// A path as written, before its root is checked: `event.a.b`, `customer.tier`, or a mistaken `cart.value`.
struct ParsedPath: Sendable, Hashable {
    /// The first word.
    var root: Token
    /// The names after the root, at least one in a path that parsed.
    var fields: [Token]

    /// From the root to the last field.
    var range: SourceRange {
        SourceRange(file: root.range.file, start: root.start, end: (fields.last ?? root).range.end)
    }
}

/// The binary operators of the grammar.
enum ParsedBinaryOperator: Sendable, Hashable {
    case and
    case or
    case arithmetic(ArithmeticOperator)
    case comparison(ComparisonOperator)
}

/// One argument of a call, parsed loosely: its kind depends on its position, resolved by the checker.
enum CallArgument: Sendable, Hashable {
    /// `a.b.c` or `a` directly followed by `,` or `)`: a type, a field or a path (the dots are left out).
    case words([Token])
    /// A STRING directly followed by `,` or `)`: a type, a field name or a string.
    case string(Token)
    /// Any other expression, with its first token.
    case expression(ParsedExpression, first: Token)

    /// The argument's first token.
    var firstToken: Token {
        switch self {
        case .words(let words): return words[0]
        case .string(let token): return token
        case .expression(_, let first): return first
        }
    }

    /// The range the argument covers.
    var range: SourceRange {
        switch self {
        case .words(let words):
            return SourceRange(file: words[0].range.file, start: words[0].start, end: words[words.count - 1].range.end)
        case .string(let token):
            return token.range
        case .expression(let expression, _):
            return expression.range
        }
    }
}

/// An expression as parsed, before names, calls and types are checked.
indirect enum ParsedExpression: Sendable, Hashable {
    /// A NUMBER, STRING, DURATION, `true` or `false`.
    case literal(Token)
    /// `[a, b]`.
    case list([ParsedExpression], SourceRange)
    /// `event.x`, `customer.x`, or a path with another root (an error).
    case path(ParsedPath)
    /// A NAME that is neither a path nor a call: an unknown name.
    case name(Token)
    /// `(a)`.
    case parenthesized(ParsedExpression, SourceRange)
    /// `-a`.
    case negate(ParsedExpression, operator: Token)
    /// `not a`.
    case not(ParsedExpression, operator: Token)
    /// `a and b`, `a + b`, `a == b` and their kin.
    case binary(ParsedBinaryOperator, ParsedExpression, ParsedExpression, operator: Token)
    /// `a in [..]`; the range is the list's.
    case membership(ParsedExpression, [ParsedExpression], operator: Token, list: SourceRange)
    /// `a contains b`.
    case contains(ParsedExpression, ParsedExpression, operator: Token)
    /// `a is present` / `a is missing`; `end` is the last token written.
    case presence(ParsedExpression, isPresent: Bool, end: Token)
    /// `name(args)`; `end` is the position after the call.
    case call(name: Token, arguments: [CallArgument], end: SourceLocation)
    /// Where the grammar could not go on; the parser has reported it.
    case invalid(SourceRange)

    /// The range from the expression's first token to its last.
    var range: SourceRange {
        switch self {
        case .literal(let token), .name(let token):
            return token.range
        case .list(_, let range), .parenthesized(_, let range), .invalid(let range):
            return range
        case .path(let path):
            return path.range
        case .negate(let operand, let op), .not(let operand, let op):
            return op.range.through(operand.range)
        case .binary(_, let left, let right, _), .contains(let left, let right, _):
            return left.range.through(right.range)
        case .membership(let left, _, _, let list):
            return left.range.through(list)
        case .presence(let operand, _, let end):
            return operand.range.through(end.range)
        case .call(let name, _, let end):
            return SourceRange(file: name.range.file, start: name.start, end: end)
        }
    }
}

extension SourceRange {
    /// The range from this one's start to the end of `other`.
    func through(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: start, end: Swift.max(end, other.end))
    }
}
