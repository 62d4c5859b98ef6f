import RuleDSL

/// A checked campaign set compiled for the engine: immutable, swapped whole on reload.
public struct CompiledCampaignSet: Sendable {
    /// What the engine does with one event type.
    struct TypePlan: Sendable {
        /// The index into ``tracked`` when some history function reads the type.
        var tracked: Int?
        /// The campaigns whose `on` names the type, in set order.
        var triggers: [Int]
        /// The campaigns whose `wait … unless` names the type, in set order.
        var cancels: [Int]

        /// A type no campaign reads.
        static let unused = TypePlan(tracked: nil, triggers: [], cancels: [])
    }

    /// The campaigns in set order.
    let campaigns: [CompiledCampaign]
    /// The history each tracked type keeps.
    let tracked: [HistoryRequirements]
    /// The plan per event type; types absent here are only joined to nothing.
    let types: [String: TypePlan]

    /// The names of the campaigns, in set order.
    public var campaignNames: [String] { campaigns.map(\.name) }

    /// The checked campaigns, in set order.
    public var definitions: [Campaign] { campaigns.map(\.campaign) }

    /// Compiles a checked campaign set (``CampaignChecker`` gave it without errors).
    public init(_ definitions: [Campaign]) {
        var compiler = Compiler()
        var compiled: [CompiledCampaign] = []
        var types: [String: TypePlan] = [:]
        for (index, campaign) in definitions.enumerated() {
            let condition = campaign.condition.map { compiler.compile($0) }
            let attributes: [Attribute]
            let channel: CompiledCampaign.ChannelPlan
            switch campaign.action {
            case .offer(_, let source, let with):
                attributes = with
                switch source {
                case .named(let name): channel = Channel.isUsable(name) ? .fixed(name) : .none
                case .path(let path): channel = .computed(compiler.compile(path))
                }
            case .escalate(_, let with):
                attributes = with
                channel = .none
            }
            compiled.append(
                CompiledCampaign(
                    index: index,
                    campaign: campaign,
                    condition: condition,
                    channel: channel,
                    attributes: attributes.map { ($0.key, compiler.compile($0.value)) }
                )
            )
            for name in Set(campaign.triggers.map(\.name)) {
                types[name, default: .unused].triggers.append(index)
            }
            for name in Set((campaign.wait?.unless ?? []).map(\.name)) {
                types[name, default: .unused].cancels.append(index)
            }
        }
        for (index, requirement) in compiler.tracked.enumerated() {
            types[requirement.type, default: .unused].tracked = index
        }
        self.campaigns = compiled
        self.tracked = compiler.tracked
        self.types = types
    }
}

/// Resolves syntax-tree expressions into ``CompiledExpression``s, collecting the history they need.
private struct Compiler {
    var tracked: [HistoryRequirements] = []
    var trackedIndex: [String: Int] = [:]

    mutating func compile(_ path: Path) -> CompiledExpression {
        switch path.root {
        case .event: return .eventField(path.fields)
        case .customer: return path.fields == ["id"] ? .customerID : .profileField(path.fields)
        }
    }

    mutating func compile(_ expression: Expression) -> CompiledExpression {
        switch expression {
        case .literal(let value, _): return .constant(value)
        case .list(let elements, _): return .list(elements.map { compile($0) })
        case .path(let path, _): return compile(path)
        case .negate(let operand, _): return .negate(compile(operand))
        case .not(let operand, _): return .not(compile(operand))
        case .and(let lhs, let rhs): return .and(compile(lhs), compile(rhs))
        case .or(let lhs, let rhs): return .or(compile(lhs), compile(rhs))
        case .arithmetic(let op, let lhs, let rhs, _): return .arithmetic(op, compile(lhs), compile(rhs))
        case .comparison(let op, let lhs, let rhs, _): return .comparison(op, compile(lhs), compile(rhs))
        case .membership(let element, let list): return .membership(compile(element), list.map { compile($0) })
        case .contains(let container, let element): return .contains(compile(container), compile(element))
        case .presence(let operand, let isPresent): return .presence(compile(operand), isPresent: isPresent)
        case .history(let call, _): return compile(call)
        case .invalid:
            preconditionFailure("a checked campaign set holds no invalid expression")
        }
    }

    private mutating func compile(_ call: HistoryCall) -> CompiledExpression {
        switch call {
        case .count(let type, let window):
            return .count(type: track(type.name, window: window), window: compile(window))
        case .seen(let type, let window):
            return .seen(type: track(type.name, window: window), window: compile(window))
        case .sum(let type, let field, let window):
            let index = track(type.name, window: window)
            return .sum(type: index, slot: slot(field, of: index), window: compile(window))
        case .since(let type):
            let index = track(type.name, window: nil)
            tracked[index].keepsLatest = true
            return .since(type: index)
        case .last(let type, let field):
            let index = track(type.name, window: nil)
            tracked[index].keepsLatest = true
            return .last(type: index, slot: slot(field, of: index))
        }
    }

    /// Registers a history read of `type` over `window` (nil: no window) and returns the type's index.
    private mutating func track(_ type: String, window: Expression?) -> Int {
        let index: Int
        if let existing = trackedIndex[type] {
            index = existing
        } else {
            index = tracked.count
            trackedIndex[type] = index
            tracked.append(HistoryRequirements(type: type, retentionMilliseconds: 0, keepsLatest: false, fields: []))
        }
        if let window {
            let length: Int64
            if case .literal(.duration(let milliseconds), _) = window {
                length = min(milliseconds, HistoryRequirements.longestWindow)
            } else {
                length = HistoryRequirements.longestWindow
            }
            tracked[index].retentionMilliseconds = max(tracked[index].retentionMilliseconds, length)
        }
        return index
    }

    private mutating func slot(_ field: [String], of type: Int) -> Int {
        if let existing = tracked[type].fields.firstIndex(of: field) { return existing }
        tracked[type].fields.append(field)
        return tracked[type].fields.count - 1
    }
}
