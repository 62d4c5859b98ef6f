import RuleDSL

/// What a reload changed, by campaign name: campaigns added, removed, and kept with another definition.
public struct CampaignSetChange: Sendable, Equatable {
    /// Names in the new set only, in its order.
    public var added: [String]
    /// Names in the old set only, in its order.
    public var removed: [String]
    /// Names in both whose clauses differ (where they were written does not count), in the new set's order.
    public var modified: [String]

    /// Compares two sets of checked campaigns.
    public init(old: [Campaign], new: [Campaign]) {
        var before: [String: Campaign] = [:]
        for campaign in old { before[campaign.name] = Self.placeless(campaign) }
        let after = Set(new.map(\.name))
        added = new.filter { before[$0.name] == nil }.map(\.name)
        removed = old.filter { !after.contains($0.name) }.map(\.name)
        modified = new.filter { campaign in before[campaign.name].map { $0 != Self.placeless(campaign) } ?? false }.map(\.name)
    }

    /// Whether nothing changed.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && modified.isEmpty }

    /// The campaign with every source range blanked, so that equality compares clauses only.
    private static func placeless(_ campaign: Campaign) -> Campaign {
        var campaign = campaign
        campaign.nameRange = nowhere
        campaign.triggers = campaign.triggers.map(placeless)
        if let wait = campaign.wait {
            campaign.wait = Wait(milliseconds: wait.milliseconds, unless: wait.unless.map(placeless))
        }
        campaign.condition = campaign.condition.map(placeless)
        switch campaign.action {
        case .offer(let name, let channel, let attributes):
            campaign.action = .offer(name: name, channel: channel, attributes: attributes.map(placeless))
        case .escalate(let level, let attributes):
            campaign.action = .escalate(level: level, attributes: attributes.map(placeless))
        }
        return campaign
    }

    private static let nowhere = SourceRange(
        file: "", start: SourceLocation(line: 0, column: 0), end: SourceLocation(line: 0, column: 0))

    private static func placeless(_ type: EventTypeName) -> EventTypeName {
        EventTypeName(name: type.name, range: nowhere)
    }

    private static func placeless(_ attribute: Attribute) -> Attribute {
        Attribute(key: attribute.key, value: placeless(attribute.value))
    }

    private static func placeless(_ expression: Expression) -> Expression {
        switch expression {
        case .literal(let value, _): .literal(value, nowhere)
        case .list(let elements, _): .list(elements.map(placeless), nowhere)
        case .path(let path, _): .path(path, nowhere)
        case .negate(let operand, _): .negate(placeless(operand), operator: nowhere)
        case .not(let operand, _): .not(placeless(operand), nowhere)
        case .and(let lhs, let rhs): .and(placeless(lhs), placeless(rhs))
        case .or(let lhs, let rhs): .or(placeless(lhs), placeless(rhs))
        case .arithmetic(let op, let lhs, let rhs, _): .arithmetic(op, placeless(lhs), placeless(rhs), operator: nowhere)
        case .comparison(let op, let lhs, let rhs, _): .comparison(op, placeless(lhs), placeless(rhs), operator: nowhere)
        case .membership(let element, let list): .membership(placeless(element), list.map(placeless))
        case .contains(let container, let element): .contains(placeless(container), placeless(element))
        case .presence(let operand, let isPresent): .presence(placeless(operand), isPresent: isPresent)
        case .history(let call, _): .history(placeless(call), nowhere)
        case .invalid: .invalid(nowhere)
        }
    }

    private static func placeless(_ call: HistoryCall) -> HistoryCall {
        switch call {
        case .count(let type, let window): .count(placeless(type), window: placeless(window))
        case .seen(let type, let window): .seen(placeless(type), window: placeless(window))
        case .sum(let type, let field, let window): .sum(placeless(type), field: field, window: placeless(window))
        case .since(let type): .since(placeless(type))
        case .last(let type, let field): .last(placeless(type), field: field)
        }
    }
}
