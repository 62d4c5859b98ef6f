/// An expression after checking: its resolved form, and what is known about it when the files are loaded.
struct CheckedExpression: Sendable, Hashable {
    /// The resolved expression; contains ``Expression/invalid(_:)`` where `hasError` is set.
    var expression: Expression
    /// The type, when it is known at load time.
    var type: ValueType?
    /// How the value is named in messages: "a string", "a count (number)".
    var description: String
    /// Whether the value reads no path and calls no history function.
    var isConstant: Bool
    /// Whether an error was reported inside it (or the lexer or parser reported one there).
    var hasError: Bool

    /// A checked expression with an error inside, of unknown type.
    static func failed(_ range: SourceRange) -> CheckedExpression {
        CheckedExpression(expression: .invalid(range), type: nil, description: "", isConstant: true, hasError: true)
    }

    /// A checked expression of a type known at load time, described by its type.
    init(_ expression: Expression, type: ValueType?, isConstant: Bool, hasError: Bool) {
        self.init(
            expression: expression, type: type, description: type?.description ?? "", isConstant: isConstant,
            hasError: hasError)
    }

    init(expression: Expression, type: ValueType?, description: String, isConstant: Bool, hasError: Bool) {
        self.expression = expression
        self.type = type
        self.description = description
        self.isConstant = isConstant
        self.hasError = hasError
    }
}
