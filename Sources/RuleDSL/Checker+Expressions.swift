/// Checking expressions: names, paths, calls and the types known when the files are loaded (spec §4, §9).
extension Checker {
    /// Checks an expression, reporting every error in it, and resolves it.
    mutating func check(_ expression: ParsedExpression) -> CheckedExpression {
        switch expression {
        case .literal(let token):
            return checkLiteral(token)
        case .list(let elements, let range):
            let checked = elements.map { check($0) }
            return CheckedExpression(
                .list(checked.map(\.expression), range), type: .list,
                isConstant: checked.allSatisfy(\.isConstant), hasError: checked.contains { $0.hasError })
        case .path(let path):
            guard let resolved = checkPath(path) else { return .failed(path.range) }
            return CheckedExpression(.path(resolved, path.range), type: nil, isConstant: false, hasError: false)
        case .name(let token):
            report(
                .error(
                    .unknownName(token.text), at: token.range,
                    notes: [Diagnostic.Note(.readFieldsWithPaths(token.text))]))
            return .failed(token.range)
        case .parenthesized(let inner, _):
            return check(inner)
        case .negate(let operand, let op):
            let checked = check(operand)
            var type = checked.type
            var hasError = checked.hasError
            if let known = type, known != .number, known != .duration {
                report(.error(.negateType(checked.description), at: op.range))
                type = nil
                hasError = true
            }
            return CheckedExpression(
                .negate(checked.expression, operator: op.range), type: type, isConstant: checked.isConstant,
                hasError: hasError)
        case .not(let operand, let op):
            let checked = check(operand)
            return CheckedExpression(
                .not(checked.expression, op.range), type: .bool, isConstant: checked.isConstant,
                hasError: checked.hasError)
        case .binary(let binary, let leftExpression, let rightExpression, let op):
            let left = check(leftExpression)
            let right = check(rightExpression)
            let isConstant = left.isConstant && right.isConstant
            var hasError = left.hasError || right.hasError
            switch binary {
            case .and:
                return CheckedExpression(
                    .and(left.expression, right.expression), type: .bool, isConstant: isConstant, hasError: hasError)
            case .or:
                return CheckedExpression(
                    .or(left.expression, right.expression), type: .bool, isConstant: isConstant, hasError: hasError)
            case .arithmetic(let arithmetic):
                var type: ValueType?
                if let leftType = left.type, let rightType = right.type {
                    type = ValueType.arithmetic(arithmetic, leftType, rightType)
                    if type == nil {
                        report(.error(.operandTypes(operator: op.text, left: left.description, right: right.description), at: op.range))
                        hasError = true
                    }
                }
                return CheckedExpression(
                    .arithmetic(arithmetic, left.expression, right.expression, operator: op.range), type: type,
                    isConstant: isConstant, hasError: hasError)
            case .comparison(let comparison):
                if let leftType = left.type, let rightType = right.type,
                    !ValueType.canCompare(comparison, leftType, rightType)
                {
                    report(.error(.operandTypes(operator: op.text, left: left.description, right: right.description), at: op.range))
                    hasError = true
                }
                return CheckedExpression(
                    .comparison(comparison, left.expression, right.expression, operator: op.range), type: .bool,
                    isConstant: isConstant, hasError: hasError)
            }
        case .membership(let operand, let elements, _, _):
            let left = check(operand)
            let checked = elements.map { check($0) }
            return CheckedExpression(
                .membership(left.expression, checked.map(\.expression)), type: .bool,
                isConstant: left.isConstant && checked.allSatisfy(\.isConstant),
                hasError: left.hasError || checked.contains { $0.hasError })
        case .contains(let leftExpression, let rightExpression, _):
            let left = check(leftExpression)
            let right = check(rightExpression)
            return CheckedExpression(
                .contains(left.expression, right.expression), type: .bool,
                isConstant: left.isConstant && right.isConstant, hasError: left.hasError || right.hasError)
        case .presence(let operand, let isPresent, _):
            let checked = check(operand)
            return CheckedExpression(
                .presence(checked.expression, isPresent: isPresent), type: .bool, isConstant: checked.isConstant,
                hasError: checked.hasError)
        case .call(let name, let arguments, _):
            return checkCall(name: name, arguments: arguments)
        case .invalid(let range):
            return .failed(range)
        }
    }

    private func checkLiteral(_ token: Token) -> CheckedExpression {
        guard !token.hasError else { return .failed(token.range) }
        let value: Value
        let type: ValueType
        switch (token.kind, token.value) {
        case (.number, .number(let number, _)):
            value = .number(number)
            type = .number
        case (.duration, .duration(let milliseconds?)):
            value = .duration(milliseconds)
            type = .duration
        case (.string, .string(let string)):
            value = .string(string)
            type = .string
        case (.keyword(.true), _):
            value = .bool(true)
            type = .bool
        case (.keyword(.false), _):
            value = .bool(false)
            type = .bool
        default:
            return .failed(token.range)
        }
        return CheckedExpression(.literal(value, token.range), type: type, isConstant: true, hasError: false)
    }

    // MARK: Calls

    private mutating func checkCall(name: Token, arguments: [CallArgument]) -> CheckedExpression {
        let range = name.range
        guard let function = HistoryFunction(rawValue: name.text) else {
            let suggestion = Suggestion.closest(to: name.text, among: HistoryFunction.allCases.map(\.rawValue))
            report(.error(.unknownFunction(name.text, suggestion: suggestion), at: range))
            return .failed(range)
        }
        guard arguments.count == function.arity else {
            report(.error(.wrongArgumentCount(function, found: arguments.count), at: range))
            return .failed(range)
        }
        let type = eventType(arguments[0])
        let call: HistoryCall?
        let resultType: ValueType?
        var description: String
        switch function {
        case .count, .seen:
            let window = self.window(arguments[1], of: name.text)
            if let type, let window {
                call = function == .count ? .count(type, window: window) : .seen(type, window: window)
            } else {
                call = nil
            }
            resultType = function == .count ? .number : .bool
            description = function == .count ? "a count (number)" : "a seen result (boolean)"
        case .sum:
            let field = self.field(arguments[1])
            let window = self.window(arguments[2], of: name.text)
            if let type, let field, let window {
                call = .sum(type, field: field, window: window)
            } else {
                call = nil
            }
            resultType = .number
            description = "a sum (number)"
        case .since:
            call = type.map { .since($0) }
            resultType = .duration
            description = "a since result (duration)"
        case .last:
            let field = self.field(arguments[1])
            if let type, let field {
                call = .last(type, field: field)
            } else {
                call = nil
            }
            resultType = nil
            description = ""
        }
        guard let call else { return .failed(range) }
        return CheckedExpression(
            expression: .history(call, range), type: resultType, description: description, isConstant: false,
            hasError: false)
    }

    /// The argument at a type position, reporting anything else at its first token.
    private mutating func eventType(_ argument: CallArgument) -> EventTypeName? {
        switch argument {
        case .string(let token):
            return EventTypeName(name: token.stringValue ?? "", range: token.range)
        case .words(let words) where words.count > 1 || words[0].kind == .name:
            return EventTypeName(name: words.map(\.text).joined(separator: "."), range: argument.range)
        default:
            expected("an event type", argument)
            return nil
        }
    }

    /// The argument at a field position, reporting anything else at its first token.
    private mutating func field(_ argument: CallArgument) -> [String]? {
        switch argument {
        case .string(let token):
            return [token.stringValue ?? ""]
        case .words(let words):
            return words.map(\.text)
        case .expression:
            expected("a field", argument)
            return nil
        }
    }

    private mutating func expected(_ what: String, _ argument: CallArgument) {
        let first = argument.firstToken
        guard !first.hasError else { return }
        var notes: [Diagnostic.Note] = []
        if case .expression(let expression, _) = argument, let words = Self.hyphenatedWords(expression) {
            notes = [Diagnostic.Note(.hyphenInName(words))]
        }
        report(.error(.expected(what, found: Parser.describe(first)), at: first.range, notes: notes))
    }

    /// `cart-abandoned` as written, when `expression` is names and paths joined by `-` with no space around it.
    private static func hyphenatedWords(_ expression: ParsedExpression) -> String? {
        switch expression {
        case .name(let token):
            return token.text
        case .path(let path):
            return ([path.root] + path.fields).map(\.text).joined(separator: ".")
        case .binary(.arithmetic(.subtract), let left, let right, let op)
        where left.range.end == op.start && op.range.end == right.range.start:
            guard let left = hyphenatedWords(left), let right = hyphenatedWords(right) else { return nil }
            return left + "-" + right
        default:
            return nil
        }
    }

    /// The argument at a window position: an expression whose type, when known, must be a duration; a literal
    /// DURATION (in parentheses or not) must be more than 0 and at most 366d.
    private mutating func window(_ argument: CallArgument, of function: String) -> Expression? {
        let expression: ParsedExpression
        switch argument {
        case .string(let token):
            expression = .literal(token)
        case .words(let words) where words.count > 1:
            expression = .path(ParsedPath(root: words[0], fields: Array(words.dropFirst())))
        case .words(let words):
            switch words[0].kind {
            case .name, .keyword(.true), .keyword(.false):
                expression = words[0].kind == .name ? .name(words[0]) : .literal(words[0])
            default:
                expected("a window", argument)
                return nil
            }
        case .expression(let parsed, _):
            expression = parsed
        }
        let checked = check(expression)
        guard !checked.hasError else { return nil }
        if let type = checked.type, type != .duration {
            report(
                .error(
                    .windowNotDuration(function: function, found: checked.description), at: argument.range))
            return nil
        }
        var literal = expression
        while case .parenthesized(let inner, _) = literal { literal = inner }
        if case .literal(let token) = literal, token.kind == .duration {
            guard checkLiteralWindow(token) != nil else { return nil }
        }
        return checked.expression
    }
}
