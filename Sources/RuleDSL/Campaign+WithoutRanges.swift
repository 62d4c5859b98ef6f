/// One fixed range that stands for every source range when comparing what two texts mean.
private let nowhere = SourceRange(
    file: "", start: SourceLocation(line: 0, column: 0), end: SourceLocation(line: 0, column: 0))

/// An event type name at ``nowhere``.
private func withoutRange(_ type: EventTypeName) -> EventTypeName {
    EventTypeName(name: type.name, range: nowhere)
}

/// Checked campaigns with every source range replaced by one fixed range, to compare what two texts mean.
extension Campaign {
    /// This campaign with every range, its own and those of its types and expressions, set to one fixed range:
    /// two campaigns written alike, wherever they were written, are equal so.
    public var withoutRanges: Campaign {
        var campaign = self
        campaign.nameRange = nowhere
        campaign.triggers = triggers.map(withoutRange)
        campaign.condition = condition?.withoutRanges
        campaign.wait = wait.map { Wait(milliseconds: $0.milliseconds, unless: $0.unless.map(withoutRange)) }
        switch action {
        case .offer(let name, let channel, let attributes):
            campaign.action = .offer(name: name, channel: channel, attributes: attributes.map(Self.strip))
        case .escalate(let level, let attributes):
            campaign.action = .escalate(level: level, attributes: attributes.map(Self.strip))
        }
        return campaign
    }

    private static func strip(_ attribute: Attribute) -> Attribute {
        Attribute(key: attribute.key, value: attribute.value.withoutRanges)
    }
}

/// Checked expressions with every source range replaced by one fixed range.
extension Expression {
    /// This expression with every range set to one fixed range.
    public var withoutRanges: Expression { Self.strip(self) }

    private static func strip(_ expression: Expression) -> Expression {
        switch expression {
        case .literal(let value, _): return .literal(value, nowhere)
        case .list(let elements, _): return .list(elements.map(strip), nowhere)
        case .path(let path, _): return .path(path, nowhere)
        case .negate(let operand, _): return .negate(strip(operand), operator: nowhere)
        case .not(let operand, _): return .not(strip(operand), nowhere)
        case .and(let left, let right): return .and(strip(left), strip(right))
        case .or(let left, let right): return .or(strip(left), strip(right))
        case .arithmetic(let op, let left, let right, _):
            return .arithmetic(op, strip(left), strip(right), operator: nowhere)
        case .comparison(let op, let left, let right, _):
            return .comparison(op, strip(left), strip(right), operator: nowhere)
        case .membership(let element, let list): return .membership(strip(element), list.map(strip))
        case .contains(let container, let element): return .contains(strip(container), strip(element))
        case .presence(let operand, let isPresent): return .presence(strip(operand), isPresent: isPresent)
        case .history(let call, _): return .history(strip(call), nowhere)
        case .invalid: return .invalid(nowhere)
        }
    }

    private static func strip(_ call: HistoryCall) -> HistoryCall {
        switch call {
        case .count(let type, let window): return .count(withoutRange(type), window: strip(window))
        case .seen(let type, let window): return .seen(withoutRange(type), window: strip(window))
        case .sum(let type, let field, let window): return .sum(withoutRange(type), field: field, window: strip(window))
        case .since(let type): return .since(withoutRange(type))
        case .last(let type, let field): return .last(withoutRange(type), field: field)
        }
    }
}
