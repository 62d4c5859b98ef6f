import RuleDSL

/// Turns checked campaigns into what the engine runs: programs with folded constants, the fields they read as
/// slots, the history each type keeps, and the campaign indexes. Internal to ``CompiledCampaignSet``.
///
/// Names and strings are told apart by their UTF-8 bytes, as the language compares them (spec §4), never by
/// `String` equality, which holds for canonically equivalent texts (`café` and `cafe` + U+0301).
struct CampaignCompiler {
    private var types = Registry<[UInt8], String>()
    private var eventFields = Registry(EventScanner.reservedFields) { Array($0.utf8) }
    private var eventPathRegistry = Registry<[[UInt8]], NestedPath>()
    private var profileFields = Registry<[UInt8], String>()
    private var profilePathRegistry = Registry<[[UInt8]], NestedPath>()
    private var constantRegistry = Registry<ConstantKey, Value>()
    private(set) var tracked: [TrackedType] = []
    private var trackedIDs: [Int32: Int32] = [:]
    /// The deepest stack of any program.
    private(set) var stackDepth = 1

    /// The event types, by id.
    var typeNames: [String] { types.items }
    /// The top-level event fields read, by slot (``EventScanner/reservedFields`` first).
    var eventFieldNames: [String] { eventFields.items }
    /// The nested event paths read, by id.
    var eventPaths: [NestedPath] { eventPathRegistry.items }
    /// The top-level profile fields read, by id.
    var profileFieldNames: [String] { profileFields.items }
    /// The nested profile paths read, by id.
    var profilePaths: [NestedPath] { profilePathRegistry.items }
    /// The constants of every program, by id.
    var constants: [Value] { constantRegistry.items }

    // MARK: Names

    /// The id of an event type, registering it.
    mutating func type(_ name: String) -> Int32 {
        types.id(for: Array(name.utf8)) { name }
    }

    private mutating func constant(_ value: Value) -> Int32 {
        constantRegistry.id(for: ConstantKey(value)) { value }
    }

    /// The names of a path as bytes, to tell paths apart as the language does.
    private static func bytes(_ names: [String]) -> [[UInt8]] {
        names.map { Array($0.utf8) }
    }

    /// The one instruction that reads `path`.
    mutating func read(_ path: Path) -> Program.Instruction {
        switch path.root {
        case .event:
            let field = eventFields.id(for: Array(path.fields[0].utf8)) { path.fields[0] }
            guard path.fields.count > 1 else { return .init(opcode: .eventField, a: field) }
            let id = eventPathRegistry.id(for: Self.bytes(path.fields)) {
                NestedPath(field: field, rest: Array(path.fields.dropFirst()))
            }
            return .init(opcode: .eventPath, a: id)
        case .customer:
            if path.fields == ["id"] { return .init(opcode: .customerID) }
            let field = profileFields.id(for: Array(path.fields[0].utf8)) { path.fields[0] }
            guard path.fields.count > 1 else { return .init(opcode: .profileField, a: field) }
            let id = profilePathRegistry.id(for: Self.bytes(path.fields)) {
                NestedPath(field: field, rest: Array(path.fields.dropFirst()))
            }
            return .init(opcode: .profilePath, a: id)
        }
    }

    /// A program of the one instruction that reads `path`.
    mutating func program(reading path: Path) -> Program {
        Program(instructions: [read(path)], stackDepth: 1)
    }

    // MARK: History

    /// Registers a history read of `type` over `window` (nil: no window) and returns its tracked index.
    private mutating func track(_ type: EventTypeName, window: Expression?) -> Int32 {
        let id = self.type(type.name)
        let index: Int32
        if let existing = trackedIDs[id] {
            index = existing
        } else {
            index = Int32(tracked.count)
            trackedIDs[id] = index
            tracked.append(TrackedType(type: id, retention: 0, keepsLatest: false))
        }
        if let window {
            tracked[Int(index)].retention = max(tracked[Int(index)].retention, HistoryCall.retention(of: window))
        }
        return index
    }

    /// The slot of tracked type `index` that keeps event field `field`, registering it: a number slot (`sum`)
    /// with `fields` and `programs` at ``TrackedType/numberFields`` and ``TrackedType/numberSlots``, a value slot
    /// (`last`) with them at the value ones. Fields are told apart by their bytes.
    private mutating func historySlot(
        _ field: [String], of index: Int32, fields: WritableKeyPath<TrackedType, [[String]]>,
        programs: WritableKeyPath<TrackedType, [Program]>
    ) -> Int32 {
        let bytes = Self.bytes(field)
        if let slot = tracked[Int(index)][keyPath: fields].firstIndex(where: { Self.bytes($0) == bytes }) {
            return Int32(slot)
        }
        tracked[Int(index)][keyPath: programs].append(program(reading: Path(root: .event, fields: field)))
        tracked[Int(index)][keyPath: fields].append(field)
        return Int32(tracked[Int(index)][keyPath: fields].count - 1)
    }

    // MARK: Expressions

    /// Compiles an expression into a program.
    mutating func compile(_ expression: Expression) -> Program {
        var builder = Builder()
        emit(expression, into: &builder)
        stackDepth = max(stackDepth, builder.program.stackDepth)
        return builder.program
    }

    /// Accumulates instructions and the stack depth they reach.
    private struct Builder {
        var program = Program()
        private var depth = 0

        mutating func append(_ opcode: Program.Opcode, a: Int32 = 0, b: Int32 = 0, popping: Int, pushing: Int) {
            program.instructions.append(.init(opcode: opcode, a: a, b: b))
            depth += pushing - popping
            program.stackDepth = max(program.stackDepth, depth)
        }

        /// Appends an instruction whose jump target is set by ``land(_:)``; returns its position.
        mutating func jump(_ opcode: Program.Opcode) -> Int {
            append(opcode, popping: 1, pushing: 0)
            return program.instructions.count - 1
        }

        /// Points the jump at `position` to the next instruction; the jump left one value when it was taken.
        mutating func land(_ position: Int) {
            program.instructions[position].a = Int32(program.instructions.count)
        }
    }

    private mutating func emit(_ expression: Expression, into builder: inout Builder) {
        if let value = Self.fold(expression), Self.isScalar(value) {
            builder.append(.constant, a: constant(value), popping: 0, pushing: 1)
            return
        }
        switch expression {
        case .literal(let value, _):
            builder.append(.constant, a: constant(value), popping: 0, pushing: 1)
        case .list(let elements, _):
            for element in elements { emit(element, into: &builder) }
            builder.append(.makeList, a: Int32(elements.count), popping: elements.count, pushing: 1)
        case .path(let path, _):
            let instruction = read(path)
            builder.append(instruction.opcode, a: instruction.a, popping: 0, pushing: 1)
        case .negate(let operand, _):
            emit(operand, into: &builder)
            builder.append(.negate, popping: 1, pushing: 1)
        case .not(let operand, _):
            emit(operand, into: &builder)
            builder.append(.not, popping: 1, pushing: 1)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            emit(lhs, into: &builder)
            let isAnd = if case .and = expression { true } else { false }
            let jump = builder.jump(isAnd ? .jumpUnlessTrue : .jumpIfTrue)
            emit(rhs, into: &builder)
            builder.append(.toBool, popping: 1, pushing: 1)
            builder.land(jump)
        case .arithmetic(let op, let lhs, let rhs, _):
            emit(lhs, into: &builder)
            emit(rhs, into: &builder)
            let opcode: Program.Opcode =
                switch op {
                case .add: .add
                case .subtract: .subtract
                case .multiply: .multiply
                case .divide: .divide
                }
            builder.append(opcode, popping: 2, pushing: 1)
        case .comparison(let op, let lhs, let rhs, _):
            emit(lhs, into: &builder)
            emit(rhs, into: &builder)
            let opcode: Program.Opcode =
                switch op {
                case .equal: .equal
                case .notEqual: .notEqual
                case .less: .less
                case .lessOrEqual: .lessOrEqual
                case .greater: .greater
                case .greaterOrEqual: .greaterOrEqual
                }
            builder.append(opcode, popping: 2, pushing: 1)
        case .membership(let element, let list):
            emit(element, into: &builder)
            for candidate in list { emit(candidate, into: &builder) }
            builder.append(.inList, a: Int32(list.count), popping: list.count + 1, pushing: 1)
        case .contains(let container, let element):
            emit(container, into: &builder)
            emit(element, into: &builder)
            builder.append(.contains, popping: 2, pushing: 1)
        case .presence(let operand, let isPresent):
            emit(operand, into: &builder)
            builder.append(isPresent ? .isPresent : .isMissing, popping: 1, pushing: 1)
        case .history(let call, _):
            emit(call, into: &builder)
        case .invalid:
            preconditionFailure("a checked campaign set holds no invalid expression")
        }
    }

    private mutating func emit(_ call: HistoryCall, into builder: inout Builder) {
        switch call {
        case .count(let type, let window), .seen(let type, let window):
            let index = track(type, window: window)
            emit(window, into: &builder)
            let isCount = if case .count = call { true } else { false }
            builder.append(isCount ? .count : .seen, a: index, popping: 1, pushing: 1)
        case .sum(let type, let field, let window):
            let index = track(type, window: window)
            let slot = historySlot(field, of: index, fields: \.numberFields, programs: \.numberSlots)
            emit(window, into: &builder)
            builder.append(.sum, a: index, b: slot, popping: 1, pushing: 1)
        case .since(let type):
            let index = track(type, window: nil)
            tracked[Int(index)].keepsLatest = true
            builder.append(.since, a: index, popping: 0, pushing: 1)
        case .last(let type, let field):
            let index = track(type, window: nil)
            tracked[Int(index)].keepsLatest = true
            let slot = historySlot(field, of: index, fields: \.valueFields, programs: \.valueSlots)
            builder.append(.last, a: index, b: slot, popping: 0, pushing: 1)
        }
    }

    /// Whether a folded value fits in one constant (lists are built at run time).
    private static func isScalar(_ value: Value) -> Bool {
        switch value {
        case .list, .object: false
        default: true
        }
    }

    /// The value of an expression that reads no path and no history, computed now with the rules of spec §4.
    static func fold(_ expression: Expression) -> Value? {
        var ignored = false
        switch expression {
        case .literal(let value, _):
            return value
        case .list(let elements, _):
            var values: [Value] = []
            for element in elements {
                guard let value = fold(element) else { return nil }
                values.append(value)
            }
            return .list(values)
        case .negate(let operand, _):
            return fold(operand)?.negated()
        case .not(let operand, _):
            return fold(operand).map { .bool(!$0.isTrue) }
        case .and(let lhs, let rhs):
            guard let left = fold(lhs), let right = fold(rhs) else { return nil }
            return .bool(left.isTrue && right.isTrue)
        case .or(let lhs, let rhs):
            guard let left = fold(lhs), let right = fold(rhs) else { return nil }
            return .bool(left.isTrue || right.isTrue)
        case .arithmetic(let op, let lhs, let rhs, _):
            guard let left = fold(lhs), let right = fold(rhs) else { return nil }
            return Value.arithmetic(op, left, right, mismatch: &ignored)
        case .comparison(let op, let lhs, let rhs, _):
            guard let left = fold(lhs), let right = fold(rhs) else { return nil }
            return .bool(Value.compare(op, left, right, mismatch: &ignored))
        case .membership(let element, let list):
            guard let value = fold(element) else { return nil }
            var candidates: [Value] = []
            for candidate in list {
                guard let folded = fold(candidate) else { return nil }
                candidates.append(folded)
            }
            return .bool(candidates.contains { Value.equals(value, $0) })
        case .contains(let container, let element):
            guard let haystack = fold(container), let needle = fold(element) else { return nil }
            return .bool(Value.contains(haystack, needle))
        case .presence(let operand, let isPresent):
            return fold(operand).map { .bool($0.isMissing != isPresent) }
        case .path, .history, .invalid:
            return nil
        }
    }
}

/// A constant as a dictionary key: by its bits and bytes, so `-0` and `0` or canonically equivalent strings
/// stay apart where `Value`'s own equality would merge them.
private enum ConstantKey: Hashable {
    case missing
    case number(UInt64)
    case bool(Bool)
    case duration(Int64)
    case string([UInt8])

    init(_ value: Value) {
        switch value {
        case .number(let number): self = .number(number.bitPattern)
        case .bool(let bool): self = .bool(bool)
        case .duration(let milliseconds): self = .duration(milliseconds)
        case .string(let string): self = .string(Array(string.utf8))
        case .missing, .list, .object: self = .missing
        }
    }
}
