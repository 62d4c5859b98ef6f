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

    /// The names of the campaigns, in set order.
    public var campaignNames: [String] { campaigns.map(\.name) }

    /// The checked campaigns, in set order.
    public var definitions: [Campaign] { campaigns.map(\.campaign) }

    /// Compiles a checked campaign set (``CampaignChecker`` gave it without errors).
    public init(_ definitions: [Campaign]) {
        var compiler = CampaignCompiler()
        var compiled: [CompiledCampaign] = []
        var anchors: [Int: (path: Path, keys: [Value])] = [:]
        for (index, campaign) in definitions.enumerated() {
            let condition = campaign.condition.map { compiler.compile($0) }
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
            if campaign.activeFrom == nil, campaign.activeUntil == nil, let when = campaign.condition,
                let anchor = Self.anchor(of: when)
            {
                anchors[index] = anchor
            }
            compiled.append(
                CompiledCampaign(
                    index: index,
                    campaign: campaign,
                    condition: condition,
                    channel: channel,
                    attributes: with.map { ($0.key, compiler.compile($0.value)) },
                    action: action,
                    triggers: Self.unique(campaign.triggers.map { compiler.type($0.name) }),
                    unless: Self.unique((campaign.wait?.unless ?? []).map { compiler.type($0.name) }),
                    isIndexed: anchors[index] != nil
                )
            )
        }

        var plans = [TypePlan](repeating: TypePlan(), count: compiler.typeNames.count)
        for (index, tracked) in compiler.tracked.enumerated() {
            plans[Int(tracked.type)].tracked = Int32(index)
        }
        var indexes: [Int32: [String: IndexBuilder]] = [:]
        for campaign in compiled {
            for type in campaign.unless {
                plans[Int(type)].cancels.append(Int32(campaign.index))
            }
            for type in campaign.triggers {
                guard let anchor = anchors[campaign.index] else {
                    plans[Int(type)].always.append(Int32(campaign.index))
                    continue
                }
                indexes[type, default: [:]][anchor.path.description, default: IndexBuilder(source: compiler.program(reading: anchor.path))]
                    .add(Int32(campaign.index), keys: anchor.keys)
            }
        }
        for (type, builders) in indexes {
            plans[Int(type)].indexes = builders.keys.sorted().map { builders[$0]!.build() }
        }

        campaigns = compiled
        typeNames = compiler.typeNames
        typeTable = BytesTable(compiler.typeNames.enumerated().map { (Array($1.utf8), Int32($0)) })
        self.plans = plans
        tracked = compiler.tracked
        eventFields = BytesTable(compiler.eventFieldNames.enumerated().map { (Array($1.utf8), Int32($0)) })
        eventPaths = compiler.eventPaths
        profileFields = compiler.profileFieldNames
        profilePaths = compiler.profilePaths
        constants = ConstantPool(compiler.constants)
        stackDepth = compiler.stackDepth
    }

    private static func unique(_ types: [Int32]) -> [Int32] {
        var seen = Set<Int32>()
        return types.filter { seen.insert($0).inserted }
    }

    /// The test of a `when` that indexes its campaign, if it has one: a conjunct of the whole condition that is
    /// `path == literal`, `literal == path` or `path in [literals]` with strings, numbers or booleans. Event
    /// fields are preferred to profile fields, and equality to membership.
    static func anchor(of condition: Expression) -> (path: Path, keys: [Value])? {
        var conjuncts: [Expression] = []
        func flatten(_ expression: Expression) {
            if case .and(let lhs, let rhs) = expression {
                flatten(lhs)
                flatten(rhs)
            } else {
                conjuncts.append(expression)
            }
        }
        flatten(condition)
        func isKey(_ value: Value) -> Bool {
            switch value {
            case .string, .number, .bool: true
            default: false
            }
        }
        var best: (path: Path, keys: [Value], rank: Int)?
        for conjunct in conjuncts {
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
            if best == nil || rank < best!.rank { best = (found.path, found.keys, rank) }
        }
        return best.map { ($0.path, $0.keys) }
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
