import Lurker
import RuleDSL

/// Random campaign sets and event streams over a small vocabulary, so that campaigns, events and customers
/// meet often: four event types, three customers, a few channels (one unusable), fields that are numbers,
/// strings, booleans, lists, objects or missing, and profiles that come, change and are forgotten.
///
/// Streams run over a few days from 2026-11-23T21:00Z, mostly forward in whole minutes (so waits, windows
/// and due times coincide often) with same-millisecond ties and steps back of at most one hour behind the
/// clock, so retention never matters.
struct EngineScenarioGenerator {
    static let types = ["cart.abandoned", "order.placed", "call.started", "page.viewed"]
    static let customers = ["c-1", "c-2", "c-\u{e9}"]
    /// Campaign names whose byte order differs from their case-insensitive order.
    static let names = ["alpha", "beta", "Gamma", "delta_2", "a", "b_", "Zed"]
    /// 2026-11-23T21:00:00Z: three hours before a UTC day boundary.
    static let base: Int64 = 1_795_467_600_000

    static let minute: Int64 = 60_000
    static let hour = NaiveTime.hour
    static let day = NaiveTime.day

    private static let range = SourceRange(file: "generated.lurk", start: .init(line: 1, column: 1), end: .init(line: 1, column: 2))

    private var random: NaiveRandom

    init(seed: UInt64) {
        random = NaiveRandom(seed: seed)
    }

    /// A whole scenario: 1-6 campaigns and a stream of 10-50 events with profile changes between them.
    static func scenario(seed: UInt64) -> EngineScenario {
        var generator = EngineScenarioGenerator(seed: seed)
        let campaigns = generator.campaigns()
        let (steps, clock) = generator.stream()
        let until = generator.random.chance(0.7)
            ? clock + generator.random.pick([0, 1, 30 * minute, hour, day, 2 * day]) : nil
        return EngineScenario(seed: seed, campaigns: campaigns, steps: steps, until: until)
    }

    // MARK: Campaigns

    private mutating func campaigns() -> [Campaign] {
        var names = Self.names
        names.shuffle(using: &random)
        return names.prefix(random.int(1...6)).map { campaign(named: $0) }
    }

    private mutating func campaign(named name: String) -> Campaign {
        var triggers = [random.pick(Self.types)]
        if random.chance(0.25) {
            let other = random.pick(Self.types)
            if other != triggers[0] { triggers.append(other) }
        }
        var wait: Wait?
        if random.chance(0.35) {
            var unless: [String] = []
            if random.chance(0.4) { unless.append(random.pick(triggers)) }
            for _ in 0..<random.int(0...2) {
                let type = random.pick(Self.types)
                if !unless.contains(type) { unless.append(type) }
            }
            let delay = random.pick([1, Self.minute, 30 * Self.minute, Self.hour, 90 * Self.minute, 3 * Self.hour, Self.day])
            wait = Wait(milliseconds: delay, unless: unless.map(typeName))
        }
        let action: Action
        if random.chance(0.75) {
            let channel = random.pick([
                ChannelSource.named("sms"), .named("email"), .named("call-center"),
                .path(Path(root: .event, fields: ["channel"])), .path(Path(root: .event, fields: ["channel"])),
                .path(Path(root: .customer, fields: ["preferred_channel"])), .path(Path(root: .event, fields: ["nested", "ch"])),
            ])
            action = .offer(name: random.pick(["reminder-5pct", "voucher"]), channel: channel, attributes: attributes())
        } else {
            action = .escalate(level: random.pick(["team-lead", "manager"]), attributes: attributes())
        }
        let limit = random.pick([
            Limit.default, .default, .none, .perCustomer(count: 1, windowMilliseconds: nil),
            .perCustomer(count: 2, windowMilliseconds: Self.hour), .perCustomer(count: 1, windowMilliseconds: 2 * Self.hour),
            .perCustomer(count: 3, windowMilliseconds: Self.day), .perCustomer(count: 2, windowMilliseconds: nil),
        ])
        let budget = random.chance(0.5)
            ? nil : Budget(count: random.int(1...3), period: random.pick([.hour, .day, .ever]))
        var activeFrom: Int64?
        var activeUntil: Int64?
        if random.chance(0.15) {
            activeFrom = Self.base + Int64(random.int(0...30)) * Self.hour
            if random.chance(0.5) { activeUntil = activeFrom! + Int64(random.int(1...30)) * Self.hour }
        } else if random.chance(0.05) {
            activeUntil = Self.base + Int64(random.int(1...40)) * Self.hour
        }
        return Campaign(
            name: name,
            nameRange: Self.range,
            triggers: triggers.map(typeName),
            condition: random.chance(0.25) ? nil : indexable(condition(depth: 2)),
            wait: wait,
            action: action,
            priority: random.pick([0, 0, 10, 10, 50, 1000]),
            limit: limit,
            budget: budget,
            holdoutBasisPoints: random.pick([0, 0, 0, 0, 7, 1000, 5000, 9999]),
            activeFrom: activeFrom,
            activeUntil: activeUntil
        )
    }

    private func typeName(_ name: String) -> EventTypeName {
        EventTypeName(name: name, range: Self.range)
    }

    private mutating func attributes() -> [Attribute] {
        var keys = ["minutes", "tier", "wait", "tags", "n", "obj", "since"]
        keys.shuffle(using: &random)
        return keys.prefix(random.int(0...3)).map { Attribute(key: $0, value: anyValue(depth: 1)) }
    }

    // MARK: Expressions

    private func literal(_ value: Value) -> Expression { .literal(value, Self.range) }
    private func event(_ fields: String...) -> Expression { .path(Path(root: .event, fields: fields), Self.range) }
    private func customer(_ fields: String...) -> Expression { .path(Path(root: .customer, fields: fields), Self.range) }
    private func call(_ call: HistoryCall) -> Expression { .history(call, Self.range) }
    private func arithmetic(_ op: ArithmeticOperator, _ lhs: Expression, _ rhs: Expression) -> Expression {
        .arithmetic(op, lhs, rhs, operator: Self.range)
    }
    private func comparison(_ op: ComparisonOperator, _ lhs: Expression, _ rhs: Expression) -> Expression {
        .comparison(op, lhs, rhs, operator: Self.range)
    }

    private static let comparisons: [ComparisonOperator] = [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]
    private static let arithmetics: [ArithmeticOperator] = [.add, .subtract, .multiply, .divide]

    private mutating func type() -> EventTypeName { typeName(random.pick(Self.types)) }

    /// An expression meant as a condition (it may still give something else).
    /// Often puts an equality or membership test in front of `condition`, as a conjunct an index can use.
    private mutating func indexable(_ condition: Expression) -> Expression {
        guard random.chance(0.45) else { return condition }
        let key = random.pick([
            event("channel"), event("tier"), customer("tier"), event("value"), event("flag"), event("nested", "ch"),
            customer("vip"), customer("preferred_channel"),
        ])
        let values: [Value] = [
            .string("sms"), .string("Web"), .string("gold"), .string("caf\u{e9}"), .string("cafe\u{301}"), .number(30),
            .number(-0.0), .number(0), .bool(true), .bool(false), .string("30"),
        ]
        let test: Expression
        switch random.int(0...3) {
        case 0: test = comparison(.equal, key, literal(random.pick(values)))
        case 1: test = comparison(.equal, literal(random.pick(values)), key)
        default: test = .membership(key, (0..<random.int(0...3)).map { _ in literal(random.pick(values)) })
        }
        return random.chance(0.25) ? test : .and(random.chance(0.5) ? test : condition, random.chance(0.5) ? condition : test)
    }

    private mutating func condition(depth: Int) -> Expression {
        switch random.int(depth > 0 ? 0...15 : 0...12) {
        case 0: return comparison(random.pick(Self.comparisons), number(depth: depth - 1), number(depth: depth - 1))
        case 1: return comparison(random.pick(Self.comparisons), string(), stringLiteral())
        case 2: return comparison(random.pick(Self.comparisons), duration(depth: depth - 1), duration(depth: depth - 1))
        case 3: return comparison(random.pick([.equal, .notEqual, .less]), random.pick([event("flag"), customer("vip")]), literal(.bool(random.chance(0.5))))
        case 4: return .membership(scalar(depth: 0), (0..<random.int(0...3)).map { _ in scalarLiteral() })
        case 5: return .contains(random.pick([event("tags"), event("tier"), customer("tier"), event("channel"), event("nested")]), scalarLiteral())
        case 6: return .presence(anyPath(), isPresent: random.chance(0.5))
        case 7: return call(.seen(type(), window: window()))
        case 8: return comparison(random.pick([.greaterOrEqual, .equal, .less]), call(.count(type(), window: window())), literal(.number(Double(random.int(0...3)))))
        case 9: return comparison(random.pick(Self.comparisons), anyValue(depth: 0), anyValue(depth: 0))
        case 10: return random.pick([literal(.bool(true)), event("flag"), literal(.bool(false))])
        case 11: return .not(.presence(call(.since(type())), isPresent: true), Self.range)
        case 12: return comparison(random.pick([.less, .greaterOrEqual]), call(.since(type())), durationLiteral())
        case 13: return .and(condition(depth: depth - 1), condition(depth: depth - 1))
        case 14: return .or(condition(depth: depth - 1), condition(depth: depth - 1))
        default: return .not(condition(depth: depth - 1), Self.range)
        }
    }

    private mutating func number(depth: Int) -> Expression {
        switch random.int(depth > 0 ? 0...9 : 0...5) {
        case 0, 1: return literal(.number(random.pick([0, 1, 2, 3, 30, 0.5, -1, 100, 1e308, -0.0])))
        case 2: return random.pick([event("value"), event("hours"), customer("lifetime_value"), event("nested", "a"), customer("window_h")])
        case 3: return call(.count(type(), window: window()))
        case 4: return call(.sum(type(), field: random.pick([["value"], ["nested", "a"], ["tier"]]), window: window()))
        case 5: return call(.last(type(), field: random.pick([["value"], ["hours"]])))
        case 6, 7: return arithmetic(random.pick(Self.arithmetics), number(depth: depth - 1), number(depth: depth - 1))
        case 8: return arithmetic(.divide, duration(depth: depth - 1), duration(depth: depth - 1))
        default: return .negate(number(depth: depth - 1), operator: Self.range)
        }
    }

    private mutating func durationLiteral() -> Expression {
        literal(.duration(random.pick([1, 1000, 30 * Self.minute, Self.hour, 2 * Self.hour, Self.day, 7 * Self.day, 0])))
    }

    private mutating func duration(depth: Int) -> Expression {
        switch random.int(depth > 0 ? 0...8 : 0...2) {
        case 0, 1: return durationLiteral()
        case 2: return call(.since(type()))
        case 3: return arithmetic(random.pick([.add, .subtract]), duration(depth: depth - 1), duration(depth: depth - 1))
        case 4: return arithmetic(.multiply, duration(depth: depth - 1), number(depth: depth - 1))
        case 5: return arithmetic(.multiply, number(depth: depth - 1), duration(depth: depth - 1))
        case 6: return arithmetic(.divide, duration(depth: depth - 1), number(depth: depth - 1))
        case 7: return arithmetic(.multiply, random.pick([event("hours"), customer("window_h")]), literal(.duration(Self.hour)))
        default: return .negate(duration(depth: depth - 1), operator: Self.range)
        }
    }

    /// A history window: mostly a literal, often computed, sometimes zero, negative, missing or not a duration.
    private mutating func window() -> Expression {
        if random.chance(0.55) {
            return literal(.duration(random.pick([Self.minute, 30 * Self.minute, Self.hour, 2 * Self.hour, Self.day, 2 * Self.day, 7 * Self.day, 366 * Self.day])))
        }
        switch random.int(0...9) {
        case 0: return call(.since(type()))
        case 1: return arithmetic(.multiply, event("hours"), literal(.duration(Self.hour)))
        case 2: return arithmetic(.multiply, customer("window_h"), literal(.duration(Self.hour)))
        case 3: return arithmetic(.subtract, literal(.duration(Self.day)), call(.since(type())))
        case 4: return .negate(literal(.duration(Self.hour)), operator: Self.range)
        case 5: return arithmetic(.multiply, literal(.number(0)), literal(.duration(Self.hour)))
        case 6: return event("value")
        case 7: return event("absent")
        case 8: return arithmetic(.add, call(.since(type())), literal(.duration(1)))
        default: return duration(depth: 1)
        }
    }

    private mutating func string() -> Expression {
        random.pick([
            event("tier"), customer("tier"), event("channel"), customer("id"), event("customer"), event("type"),
            call(.last(typeName(random.pick(Self.types)), field: ["tier"])), customer("preferred_channel"),
        ])
    }

    private mutating func stringLiteral() -> Expression {
        literal(.string(random.pick(["gold", "senator", "Gold", "caf\u{e9}", "cafe\u{301}", "sms", "", "c-1", "g", "c-\u{e9}"])))
    }

    private mutating func scalarLiteral() -> Expression {
        random.chance(0.5) ? stringLiteral() : literal(random.pick([.number(1), .number(30), .bool(true), .duration(Self.hour), .number(2.5)]))
    }

    private mutating func scalar(depth: Int) -> Expression {
        switch random.int(0...3) {
        case 0: return string()
        case 1: return number(depth: depth)
        case 2: return duration(depth: depth)
        default: return random.pick([event("flag"), customer("vip")])
        }
    }

    private mutating func anyPath() -> Expression {
        random.pick([
            event("value"), event("tier"), event("channel"), event("tags"), event("nested"), event("nested", "a"),
            event("flag"), event("absent"), customer("tier"), customer("lifetime_value"), customer("id"),
            customer("vip"), customer("nested"), event("nested", "a", "deeper"), event("tier", "x"),
        ])
    }

    private mutating func anyValue(depth: Int) -> Expression {
        switch random.int(0...7) {
        case 0: return scalar(depth: depth)
        case 1: return anyPath()
        case 2: return .list([anyPath(), scalarLiteral(), event("absent")], Self.range)
        case 3: return number(depth: depth)
        case 4: return duration(depth: depth)
        case 5: return condition(depth: 0)
        case 6: return call(.last(type(), field: random.pick([["value"], ["tags"], ["nested"], ["tier"]])))
        default: return scalarLiteral()
        }
    }

    // MARK: Streams

    private mutating func stream() -> (steps: [EngineScenario.Step], clock: Int64) {
        var steps: [EngineScenario.Step] = []
        for customer in Self.customers where random.chance(0.5) {
            steps.append(.profile(customer: customer, profile()))
        }
        var clock = Self.base + Int64(random.int(0...3)) * Self.hour
        for _ in 0..<random.int(10...50) {
            if random.chance(0.12) {
                steps.append(.profile(customer: random.pick(Self.customers), random.chance(0.3) ? nil : profile()))
            }
            let time: Int64
            let roll = Double.random(in: 0..<1, using: &random)
            if roll < 0.15 {
                time = clock
            } else if roll < 0.27 {
                time = clock - random.pick([1, 1000, Self.minute, 10 * Self.minute, 30 * Self.minute, 59 * Self.minute, Self.hour])
            } else {
                time = clock + random.pick([1, 1000, Self.minute, 5 * Self.minute, 15 * Self.minute, 30 * Self.minute, Self.hour, Self.hour, 2 * Self.hour, 3 * Self.hour, 6 * Self.hour, 12 * Self.hour])
            }
            clock = max(clock, time)
            steps.append(.event(event(customer: random.pick(Self.customers), type: random.pick(Self.types), time: time)))
        }
        return (steps, clock)
    }

    private mutating func event(customer: String, type: String, time: Int64) -> NaiveEvent {
        var members: [JSONObject.Member] = [
            .init(key: "customer", value: .string(customer)),
            .init(key: "type", value: .string(type)),
            .init(key: "ts", value: .number(Double(time))),
        ]
        func add(_ key: String, _ candidates: [Value?]) {
            if let value = random.pick(candidates) { members.append(.init(key: key, value: value)) }
        }
        add("channel", [.string("sms"), .string("email"), .string("Web"), .string("call-center"), nil, .missing, .number(3), .string("")])
        add("value", [.number(0), .number(1), .number(2.5), .number(-3), .number(30), .number(100), .number(1e308), .string("30"), nil, .missing])
        add("tier", [.string("gold"), .string("senator"), .string("Gold"), .string("caf\u{e9}"), .string("cafe\u{301}"), .string(""), nil, .number(1)])
        add("flag", [.bool(true), .bool(false), nil, .string("true")])
        add("tags", [.list([.string("gold"), .number(1), .missing]), .list([]), .list([.string("caf\u{e9}"), .bool(true)]), nil])
        add("nested", [.object(JSONObject(members: [.init(key: "a", value: .number(2)), .init(key: "ch", value: .string("sms"))])), .object(JSONObject()), nil, .number(4)])
        add("hours", [.number(0), .number(1), .number(2), .number(0.5), .number(-1), .number(9000), nil])
        return NaiveEvent(customer: customer, type: type, time: time, fields: JSONObject(members: members))
    }

    private mutating func profile() -> JSONObject {
        var members: [JSONObject.Member] = []
        func add(_ key: String, _ candidates: [Value?]) {
            if let value = random.pick(candidates) { members.append(.init(key: key, value: value)) }
        }
        add("tier", [.string("gold"), .string("senator"), .string("cafe\u{301}"), nil])
        add("lifetime_value", [.number(0), .number(600), .number(1000.5), .string("600"), nil])
        add("preferred_channel", [.string("sms"), .string("Web"), .string("email"), .string("call-center"), nil, .missing])
        add("vip", [.bool(true), .bool(false), nil])
        add("window_h", [.number(1), .number(24), .number(0), .number(-1), nil])
        add("id", [.string("someone-else"), nil, nil, nil])
        add("nested", [.object(JSONObject(members: [.init(key: "a", value: .number(1))])), nil])
        return JSONObject(members: members)
    }
}
