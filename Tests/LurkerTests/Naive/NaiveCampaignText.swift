import RuleDSL

/// Campaigns written back as campaign-language text, for failure reports.
enum NaiveCampaignText {
    static func render(_ campaign: Campaign) -> String {
        var lines = ["campaign \(campaign.name) {"]
        lines.append("  on " + campaign.triggers.map { NaiveValue.quoted($0.name) }.joined(separator: ", "))
        if let condition = campaign.condition { lines.append("  when " + render(condition)) }
        if let wait = campaign.wait {
            let unless = wait.unless.isEmpty ? "" : " unless " + wait.unless.map { NaiveValue.quoted($0.name) }.joined(separator: ", ")
            lines.append("  wait \(NaiveTime.duration(wait.milliseconds))\(unless)")
        }
        switch campaign.action {
        case .offer(let name, let channel, let attributes):
            let via: String
            switch channel {
            case .named(let name): via = NaiveValue.quoted(name)
            case .path(let path): via = path.description
            }
            lines.append("  offer \(NaiveValue.quoted(name)) via \(via)\(render(attributes))")
        case .escalate(let level, let attributes):
            lines.append("  escalate \(NaiveValue.quoted(level))\(render(attributes))")
        }
        lines.append("  priority \(campaign.priority)")
        switch campaign.limit {
        case .none: lines.append("  limit none")
        case .perCustomer(let count, let window):
            lines.append("  limit \(count) per customer" + (window.map { " per " + NaiveTime.duration($0) } ?? ""))
        }
        if let budget = campaign.budget {
            lines.append("  budget \(budget.count)" + (budget.period == .ever ? "" : " per \(budget.period.rawValue)"))
        }
        if campaign.holdoutBasisPoints != 0 {
            lines.append("  holdout \(Double(campaign.holdoutBasisPoints) / 100)%")
        }
        if campaign.activeFrom != nil || campaign.activeUntil != nil {
            let from = campaign.activeFrom.map { " from " + NaiveTime.format($0) } ?? ""
            let until = campaign.activeUntil.map { " until " + NaiveTime.format($0) } ?? ""
            lines.append("  active\(from)\(until)")
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    private static func render(_ attributes: [Attribute]) -> String {
        attributes.isEmpty ? "" : " with { " + attributes.map { "\($0.key): \(render($0.value))" }.joined(separator: ", ") + " }"
    }

    static func render(_ expression: Expression) -> String {
        switch expression {
        case .literal(let value, _): return NaiveValue.render(value)
        case .list(let elements, _): return "[" + elements.map(render).joined(separator: ", ") + "]"
        case .path(let path, _): return path.description
        case .negate(let operand, _): return "-(\(render(operand)))"
        case .not(let operand, _): return "not (\(render(operand)))"
        case .and(let lhs, let rhs): return "(\(render(lhs)) and \(render(rhs)))"
        case .or(let lhs, let rhs): return "(\(render(lhs)) or \(render(rhs)))"
        case .arithmetic(let op, let lhs, let rhs, _): return "(\(render(lhs)) \(op.rawValue) \(render(rhs)))"
        case .comparison(let op, let lhs, let rhs, _): return "\(render(lhs)) \(op.rawValue) \(render(rhs))"
        case .membership(let element, let list):
            return "\(render(element)) in [" + list.map(render).joined(separator: ", ") + "]"
        case .contains(let container, let element): return "\(render(container)) contains \(render(element))"
        case .presence(let operand, let isPresent): return "\(render(operand)) is \(isPresent ? "present" : "missing")"
        case .history(let call, _): return render(call)
        case .invalid: return "<invalid>"
        }
    }

    private static func render(_ call: HistoryCall) -> String {
        switch call {
        case .count(let type, let window): return "count(\(NaiveValue.quoted(type.name)), \(render(window)))"
        case .seen(let type, let window): return "seen(\(NaiveValue.quoted(type.name)), \(render(window)))"
        case .sum(let type, let field, let window):
            return "sum(\(NaiveValue.quoted(type.name)), \(field.joined(separator: ".")), \(render(window)))"
        case .since(let type): return "since(\(NaiveValue.quoted(type.name)))"
        case .last(let type, let field): return "last(\(NaiveValue.quoted(type.name)), \(field.joined(separator: ".")))"
        }
    }
}
