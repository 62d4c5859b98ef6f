import RuleDSL

/// A checked campaign set compiled for the engine: immutable, swapped whole on reload.
///
/// Expressions become programs for a stack machine with constants folded; the event fields, profile fields and
/// history they read become slots and tracked types; and each event type gets a plan: the history it joins,
/// the waits it cancels, and the campaigns it triggers, found through indexes on the equality and membership
/// tests of their `when` (spec §4), so the work per event grows with the campaigns that can match it, not with
/// the size of the set.
public struct CompiledCampaignSet: Sendable {
    /// The campaigns in set order.
    let campaigns: [CompiledCampaign]
    /// The names of the event types any campaign names, by type id.
    let typeNames: [String]
    /// Event type names to type ids.
    let typeTable: BytesTable
    /// The plan of each type id.
    let plans: [TypePlan]
    /// The history each tracked type keeps.
    let tracked: [TrackedType]
    /// The top-level event fields the set reads, to their slots (``EventScanner/reservedFields`` first).
    let eventFields: BytesTable
    /// The nested event paths the set reads.
    let eventPaths: [NestedPath]
    /// The top-level profile fields the set reads, by index.
    let profileFields: [String]
    /// The nested profile paths the set reads.
    let profilePaths: [NestedPath]
    /// The constants of every program.
    let constants: ConstantPool
    /// The deepest stack of any program.
    let stackDepth: Int
    /// Per campaign, what deciding whether it triggers reads.
    let checks: [CandidateCheck]
    /// The conditions of all campaigns, one after the other (see ``CandidateCheck/conditionStart``).
    let conditionCode: [Program.Instruction]
    /// Per campaign, its conjuncts compiled one by one, when the set was compiled for explaining.
    let conjuncts: [[ConjunctPlan]]?

    /// The names of the campaigns, in set order.
    public var campaignNames: [String] { campaigns.map(\.name) }

    /// The checked campaigns, in set order.
    public var definitions: [Campaign] { campaigns.map(\.campaign) }

    /// Compiles a checked campaign set (``CampaignChecker`` gave it without errors); `explaining` also compiles
    /// each conjunct of each condition on its own, for traces (``Engine/trace(customer:)``).
    public init(_ definitions: [Campaign], explaining: Bool = false) {
        var compiler = CampaignCompiler()
        var compiled: [CompiledCampaign] = []
        var anchors: [Int: (path: Path, keys: [Value])] = [:]
        var checks: [CandidateCheck] = []
        var conditionCode: [Program.Instruction] = []
        var conjuncts: [[ConjunctPlan]] = []
        // Per campaign, the type ids of its `wait … unless` types.
        var unless: [[Int32]] = []
        for (index, campaign) in definitions.enumerated() {
            if explaining {
                conjuncts.append(Self.conjuncts(of: campaign.condition).map { conjunct in
                    ConjunctPlan(
                        expression: conjunct, program: compiler.compile(conjunct),
                        operands: Self.operands(of: conjunct).map { ($0, compiler.compile($0)) })
                })
            }
            let channel: CompiledCampaign.ChannelPlan
            let action: Decision.Action
            let with: [Attribute]
            switch campaign.action {
            case .offer(let name, let source, let attributes):
                action = .offer(name)
                with = attributes
                switch source {
                case .named(let name): channel = Channel.isUsable(name) ? .fixed(name) : .none
                case .path(let path): channel = .computed(compiler.program(reading: path))
                }
            case .escalate(let level, let attributes):
                action = .escalate(level)
                with = attributes
                channel = .none
            }
            var condition = campaign.condition
            if campaign.activeFrom == nil, campaign.activeUntil == nil, let when = campaign.condition,
                let anchor = Self.anchor(of: when)
            {
                anchors[index] = (anchor.path, anchor.keys)
                condition = anchor.residual
            }
            let program = condition.map { compiler.compile($0) } ?? Program()
            checks.append(
                CandidateCheck(
                    conditionStart: Int32(conditionCode.count), conditionCount: Int32(program.instructions.count),
                    activeFrom: campaign.activeFrom ?? .min, activeUntil: campaign.activeUntil ?? .max,
                    isIndexed: anchors[index] != nil))
            conditionCode += program.instructions
            compiled.append(
                CompiledCampaign(
                    index: index,
                    campaign: campaign,
                    channel: channel,
                    attributes: with.map { ($0.key, compiler.compile($0.value)) },
                    action: action,
                    triggers: Self.unique(campaign.triggers.map { compiler.type($0.name) })
                )
            )
            unless.append(Self.unique((campaign.wait?.unless ?? []).map { compiler.type($0.name) }))
        }

        var tracked = [Int32?](repeating: nil, count: compiler.typeNames.count)
        var always = [[Int32]](repeating: [], count: compiler.typeNames.count)
        var cancels = [[Int32]](repeating: [], count: compiler.typeNames.count)
        var indexed = [[CandidateIndex]](repeating: [], count: compiler.typeNames.count)
        for (index, type) in compiler.tracked.enumerated() {
            tracked[Int(type.type)] = Int32(index)
        }
        var indexes: [Int32: [String: IndexBuilder]] = [:]
        for campaign in compiled {
            for type in unless[campaign.index] {
                cancels[Int(type)].append(Int32(campaign.index))
            }
            for type in campaign.triggers {
                guard let anchor = anchors[campaign.index] else {
                    always[Int(type)].append(Int32(campaign.index))
                    continue
                }
                indexes[type, default: [:]][anchor.path.description, default: IndexBuilder(source: compiler.program(reading: anchor.path))]
                    .add(Int32(campaign.index), keys: anchor.keys)
            }
        }
        for (type, builders) in indexes {
            indexed[Int(type)] = builders.keys.sorted().map { builders[$0]!.build() }
        }

        campaigns = compiled
        typeNames = compiler.typeNames
        typeTable = BytesTable(compiler.typeNames.enumerated().map { (Array($1.utf8), Int32($0)) })
        plans = compiler.typeNames.indices.map {
            TypePlan(tracked: tracked[$0], always: always[$0], indexes: indexed[$0], cancels: cancels[$0])
        }
        self.tracked = compiler.tracked
        eventFields = BytesTable(compiler.eventFieldNames.enumerated().map { (Array($1.utf8), Int32($0)) })
        eventPaths = compiler.eventPaths
        profileFields = compiler.profileFieldNames
        profilePaths = compiler.profilePaths
        constants = ConstantPool(compiler.constants)
        stackDepth = compiler.stackDepth
        self.checks = checks
        self.conditionCode = conditionCode
        self.conjuncts = explaining ? conjuncts : nil
    }

    /// The evaluations of `campaign` its counter leaves out: for an indexed campaign, which counts by event type,
    /// the events of its `on` types (`typeEvents`, by type id); 0 for a campaign counted one by one.
    func indexedEvaluations(of campaign: CompiledCampaign, typeEvents: [Int]) -> Int {
        guard checks[campaign.index].isIndexed else { return 0 }
        return campaign.triggers.reduce(0) { $0 + typeEvents[Int($1)] }
    }

    /// The conjuncts of a condition: the operands of its top-level `and`s, left to right.
    static func conjuncts(of condition: Expression?) -> [Expression] {
        guard let condition else { return [] }
        if case .and(let lhs, let rhs) = condition { return conjuncts(of: lhs) + conjuncts(of: rhs) }
        return [condition]
    }

    /// The operands of a test worth showing in a trace: those that are not literals.
    private static func operands(of test: Expression) -> [Expression] {
        let operands: [Expression]
        switch test {
        case .comparison(_, let lhs, let rhs, _), .contains(let lhs, let rhs): operands = [lhs, rhs]
        case .membership(let element, _), .presence(let element, _), .not(let element, _): operands = [element]
        default: operands = []
        }
        return operands.filter { if case .literal = $0 { false } else { true } }
    }

    private static func unique(_ types: [Int32]) -> [Int32] {
        var seen = Set<Int32>()
        return types.filter { seen.insert($0).inserted }
    }

    /// The test of a `when` that indexes its campaign, if it has one: a conjunct of the whole condition that is
    /// `path == literal`, `literal == path` or `path in [literals]` with strings, numbers or booleans. Event
    /// fields are preferred to profile fields, and equality to membership. `residual` is the condition without
    /// that conjunct (nil when it was the whole condition): what is left to evaluate once the index found the
    /// campaign, as `a and b` holds exactly when both hold.
    static func anchor(of condition: Expression) -> (path: Path, keys: [Value], residual: Expression?)? {
        let conjuncts = conjuncts(of: condition)
        func isKey(_ value: Value) -> Bool {
            switch value {
            case .string, .number, .bool: true
            default: false
            }
        }
        var best: (path: Path, keys: [Value], rank: Int, conjunct: Int)?
        for (position, conjunct) in conjuncts.enumerated() {
            var found: (path: Path, keys: [Value], isEquality: Bool)?
            switch conjunct {
            case .comparison(.equal, .path(let path, _), .literal(let value, _), _) where isKey(value),
                .comparison(.equal, .literal(let value, _), .path(let path, _), _) where isKey(value):
                found = (path, [value], true)
            case .membership(.path(let path, _), let list):
                var keys: [Value] = []
                for element in list {
                    guard case .literal(let value, _) = element, isKey(value) else { break }
                    keys.append(value)
                }
                if keys.count == list.count { found = (path, keys, false) }
            default:
                break
            }
            guard let found else { continue }
            let rank = (found.path.root == .event ? 0 : 2) + (found.isEquality ? 0 : 1)
            if best == nil || rank < best!.rank { best = (found.path, found.keys, rank, position) }
        }
        guard let best else { return nil }
        var residual: Expression?
        for (position, conjunct) in conjuncts.enumerated() where position != best.conjunct {
            residual = residual.map { .and($0, conjunct) } ?? conjunct
        }
        return (best.path, best.keys, residual)
    }
}

/// Collects the campaigns of one event type keyed on one path, then builds their ``CandidateIndex``.
private struct IndexBuilder {
    var source: Program
    var strings: [[UInt8]: [Int32]] = [:]
    var numbers: [Double: [Int32]] = [:]
    var booleans: [Bool: [Int32]] = [:]

    init(source: Program) {
        self.source = source
    }

    mutating func add(_ campaign: Int32, keys: [Value]) {
        for key in keys {
            switch key {
            case .string(let string) where strings[Array(string.utf8)]?.last != campaign:
                strings[Array(string.utf8), default: []].append(campaign)
            case .number(let number) where numbers[number == 0 ? 0 : number]?.last != campaign:
                numbers[number == 0 ? 0 : number, default: []].append(campaign)
            case .bool(let bool) where booleans[bool]?.last != campaign:
                booleans[bool, default: []].append(campaign)
            default: break
            }
        }
    }

    func build() -> CandidateIndex {
        var campaigns: [[Int32]] = []
        func list(_ members: [Int32]) -> Int32 {
            campaigns.append(members)
            return Int32(campaigns.count - 1)
        }
        let stringEntries = strings.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { ($0, list(strings[$0]!)) }
        let numberEntries = numbers.keys.sorted().map { ($0, list(numbers[$0]!)) }
        let booleanEntries = booleans.keys.sorted { !$0 && $1 }.map { ($0, list(booleans[$0]!)) }
        return CandidateIndex(
            source: source, strings: BytesTable(stringEntries), numbers: numberEntries, booleans: booleanEntries,
            campaigns: campaigns)
    }
}
