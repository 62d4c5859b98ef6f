/// The layout of expressions: canonical spacing, parentheses as written, and line breaks only where a line would be
/// too long or a comment needs one.
extension CampaignLayout {
    /// An expression. A chain of `and` or of `or` breaks before each operator, its operands aligned; calls and
    /// lists break after their opening bracket and after each comma.
    mutating func expression(_ expression: ParsedExpression) -> Layout {
        switch expression {
        case .literal, .name:
            return token()
        case .path(let path):
            return self.path(path)
        case .list(let elements, _):
            return list(elements)
        case .parenthesized(let inner, _):
            let open = token(.leftParen)
            let inside = self.expression(inner)
            return .concat([open, .align([inside]), token(.rightParen)])
        case .negate(let operand, _):
            let minus = token(.minus)
            return .concat([minus, self.expression(operand)])
        case .not(let operand, _):
            let not = token(.keyword(.not))
            return .concat([not, .space, self.expression(operand)])
        case .binary(.and, _, _, _), .binary(.or, _, _, _):
            return chain(expression)
        case .binary(_, let left, let right, _), .contains(let left, let right, _):
            let first = self.expression(left)
            let op = token()
            return .concat([first, .space, op, .space, self.expression(right)])
        case .membership(let left, let elements, _, _):
            let first = self.expression(left)
            let op = token(.keyword(.in))
            return .concat([first, .space, op, .space, list(elements)])
        case .presence(let operand, _, _):
            let first = self.expression(operand)
            let op = token(.keyword(.is))
            return .concat([first, .space, op, .space, token()])
        case .call(_, let arguments, _):
            return call(arguments)
        case .invalid:
            preconditionFailure("an expression that parsed without errors holds no invalid part")
        }
    }

    /// `a and b and c` (or `or`), written as one group that breaks before every operator of the chain.
    private mutating func chain(_ expression: ParsedExpression) -> Layout {
        guard case .binary(let op, _, _, _) = expression else { return self.expression(expression) }
        var operands: [ParsedExpression] = []
        var rest = expression
        while case .binary(op, let left, let right, _) = rest {
            operands.append(right)
            rest = left
        }
        operands.append(rest)
        var parts: [Layout] = []
        for (index, operand) in operands.reversed().enumerated() {
            if index > 0 {
                hoistLeadingComments()
                parts += [.line, token(), .space]
            }
            parts.append(.align([self.expression(operand)]))
        }
        return .group(parts)
    }

    /// A path as written, without spaces: `event.cart.value`.
    mutating func path(_ path: ParsedPath) -> Layout {
        var parts = [token()]
        for _ in path.fields { parts += [token(.dot), token(.name)] }
        return .concat(parts)
    }

    private mutating func list(_ elements: [ParsedExpression]) -> Layout {
        let open = token(.leftBracket)
        guard !elements.isEmpty else { return .concat([open, token(.rightBracket)]) }
        var inner: [Layout] = [.softLine]
        for (index, element) in elements.enumerated() {
            if index > 0 { inner += [token(.comma), .line] }
            inner.append(expression(element))
        }
        return .group([open, .nest(2, inner), .softLine, token(.rightBracket)])
    }

    private mutating func call(_ arguments: [CallArgument]) -> Layout {
        let name = token(.name)
        let open = token(.leftParen)
        guard !arguments.isEmpty else { return .concat([name, open, token(.rightParen)]) }
        var inner: [Layout] = [.softLine]
        for (index, argument) in arguments.enumerated() {
            if index > 0 { inner += [token(.comma), .line] }
            switch argument {
            case .words(let words):
                inner.append(token())
                for _ in words.dropFirst() { inner += [token(.dot), token()] }
            case .string:
                inner.append(token(.string))
            case .expression(let expression, _):
                inner.append(self.expression(expression))
            }
        }
        return .group([name, open, .nest(2, inner), .softLine, token(.rightParen)])
    }
}
