import RuleDSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Running programs (spec §4): the stack machine, event and profile reads, history queries and the operators
/// on ``Operand``s. Scalars never leave the stack; lists and values taken from kept history go through
/// ``EngineCore/boxes``, and only rare mixes of them with other values fall back to ``Value``'s operators.
extension EngineCore {
    /// Runs `program` for `moment` and returns its value.
    mutating func run(_ program: Program, _ moment: Moment) -> Operand {
        program.instructions.withUnsafeBufferPointer { run($0, moment) }
    }

    /// Runs the instructions of a program (jump targets count from its first) for `moment`; returns its value.
    mutating func run(_ instructions: UnsafeBufferPointer<Program.Instruction>, _ moment: Moment) -> Operand {
        do {
            var top = -1
            var position = 0
            while position < instructions.count {
                let instruction = instructions[position]
                position += 1
                switch instruction.opcode {
                case .constant:
                    top += 1
                    stack[top] = campaigns.constants.operands[Int(instruction.a)]
                case .eventField:
                    top += 1
                    stack[top] = eventField(Int(instruction.a))
                case .eventPath:
                    top += 1
                    stack[top] = eventPath(Int(instruction.a))
                case .profileField:
                    top += 1
                    stack[top] = profileField(Int(instruction.a), moment)
                case .profilePath:
                    let path = campaigns.profilePaths[Int(instruction.a)]
                    top += 1
                    stack[top] = nested(profileField(Int(path.field), moment), path.rest)
                case .customerID:
                    top += 1
                    stack[top] = .string(moment.customer)
                case .negate:
                    stack[top] = negate(stack[top])
                case .not:
                    stack[top] = .bool(!stack[top].isTrue)
                case .toBool:
                    stack[top] = .bool(stack[top].isTrue)
                case .add, .subtract, .multiply, .divide:
                    stack[top - 1] = arithmetic(instruction.opcode, stack[top - 1], stack[top])
                    top -= 1
                case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
                    stack[top - 1] = .bool(compare(instruction.opcode, stack[top - 1], stack[top], counts: true))
                    top -= 1
                case .jumpUnlessTrue:
                    if stack[top].isTrue {
                        top -= 1
                    } else {
                        stack[top] = .bool(false)
                        position = Int(instruction.a)
                    }
                case .jumpIfTrue:
                    if stack[top].isTrue {
                        position = Int(instruction.a)
                    } else {
                        top -= 1
                    }
                case .inList:
                    let count = Int(instruction.a)
                    let element = stack[top - count]
                    var found = false
                    for offset in 0..<count where compare(.equal, element, stack[top - count + 1 + offset], counts: false) {
                        found = true
                        break
                    }
                    top -= count
                    stack[top] = .bool(found)
                case .contains:
                    stack[top - 1] = .bool(contains(stack[top - 1], stack[top]))
                    top -= 1
                case .isPresent:
                    stack[top] = .bool(!stack[top].isMissing)
                case .isMissing:
                    stack[top] = .bool(stack[top].isMissing)
                case .makeList:
                    let count = Int(instruction.a)
                    var elements: [Value] = []
                    elements.reserveCapacity(count)
                    for offset in 0..<count { elements.append(value(of: stack[top - count + 1 + offset])) }
                    top -= count - 1
                    stack[top] = box(.list(elements))
                case .count:
                    guard case .duration(let window) = stack[top] else {
                        stack[top] = .missing
                        break
                    }
                    let count = history(instruction.a, moment).map {
                        customers[$0.record].state.histories[$0.position].count(now: moment.now, window: window)
                    }
                    stack[top] = .number(Double(count ?? 0))
                case .seen:
                    guard case .duration(let window) = stack[top] else {
                        stack[top] = .bool(false)
                        break
                    }
                    let count = history(instruction.a, moment).map {
                        customers[$0.record].state.histories[$0.position].count(now: moment.now, window: window)
                    }
                    stack[top] = .bool((count ?? 0) > 0)
                case .sum:
                    guard case .duration(let window) = stack[top] else {
                        stack[top] = .missing
                        break
                    }
                    let slots = campaigns.tracked[Int(instruction.a)].numberSlots.count
                    let total = history(instruction.a, moment).map {
                        customers[$0.record].state.histories[$0.position].sum(
                            now: moment.now, window: window, slot: Int(instruction.b), slots: slots)
                    } ?? 0
                    stack[top] = total.isFinite ? .number(total) : .missing
                case .since:
                    top += 1
                    if let (at, row) = latest(instruction.a, moment) {
                        stack[top] = .duration(moment.now - customers[at.record].state.histories[at.position].time(at: row))
                    } else {
                        stack[top] = .missing
                    }
                case .last:
                    top += 1
                    if let (at, row) = latest(instruction.a, moment) {
                        let slots = campaigns.tracked[Int(instruction.a)].valueSlots.count
                        let value = customers[at.record].state.histories[at.position].value(
                            at: row, slot: Int(instruction.b), slots: slots)
                        stack[top] = operand(value)
                    } else {
                        stack[top] = .missing
                    }
                }
            }
            return stack[0]
        }
    }

    // MARK: Reading

    /// The value of the top-level event field in `slot`.
    @inline(__always)
    private mutating func eventField(_ slot: Int) -> Operand {
        let field = scanner.slots[slot]
        switch field.kind {
        case .absent: return .missing
        case .string: return .string(scanner.string(in: slot))
        case .number: return .number(field.number)
        case .bool: return .bool(field.number == 1)
        case .array, .object: return .json(scanner.bytes(of: field))
        }
    }

    /// The value of nested event path `path` for the current event, read once (see ``eventPathValues``).
    private mutating func eventPath(_ path: Int) -> Operand {
        if let value = eventPathValues[path] { return value }
        let nestedPath = campaigns.eventPaths[path]
        let value = nested(eventField(Int(nestedPath.field)), nestedPath.rest)
        eventPathValues[path] = value
        eventPathsRead.append(Int32(path))
        return value
    }

    private func profileField(_ field: Int, _ moment: Moment) -> Operand {
        guard let profile = moment.profile else { return .missing }
        return Profile.value(of: profileKeyIDs[field], in: profile)
    }

    /// The value at `path` inside an object value; anything else is missing.
    private mutating func nested(_ root: Operand, _ path: [String]) -> Operand {
        guard case .json(let text) = root, text.first == UInt8(ascii: "{"),
            case .object(let object) = try? JSONReader().read(text)
        else { return .missing }
        var current = Value.object(object)
        for name in path {
            guard case .object(let inner) = current else { return .missing }
            current = inner[name]
        }
        return operand(current)
    }

    /// Where the kept history of a tracked type for the moment's customer is, read in place.
    private func history(_ tracked: Int32, _ moment: Moment) -> (record: Int32, position: Int)? {
        guard let record = moment.record, let position = customers[record].state.history(of: tracked)
        else { return nil }
        return (record, position)
    }

    /// The latest earlier event of a tracked type (spec §4 `since`, `last`): time ≤ now, the current event
    /// excluded, ties to the one processed last.
    private func latest(_ tracked: Int32, _ moment: Moment) -> ((record: Int32, position: Int), Int)? {
        guard let at = history(tracked, moment),
            let row = customers[at.record].state.histories[at.position].latest(
                atOrBefore: moment.now, excludingLast: moment.currentTracked == tracked)
        else { return nil }
        return (at, row)
    }

    // MARK: Values

    /// Forgets the values the last event's programs made (``boxes``, ``eventPathValues``), before the programs of
    /// the next event run.
    mutating func forgetEventValues() {
        boxes.removeAll(keepingCapacity: true)
        for path in eventPathsRead { eventPathValues[Int(path)] = nil }
        eventPathsRead.removeAll(keepingCapacity: true)
    }

    /// Keeps `value` for the rest of the event and refers to it.
    private mutating func box(_ value: Value) -> Operand {
        boxes.append(value)
        return .boxed(Int32(boxes.count - 1))
    }

    /// An operand for a value: scalars as they are, strings, lists and objects boxed.
    mutating func operand(_ value: Value) -> Operand {
        switch value {
        case .missing: .missing
        case .number(let number): .number(number)
        case .bool(let bool): .bool(bool)
        case .duration(let milliseconds): .duration(milliseconds)
        case .string, .list, .object: box(value)
        }
    }

    /// The value of an operand, for attributes, kept history and the rare operations on lists.
    func value(of operand: Operand) -> Value {
        switch operand {
        case .missing: return .missing
        case .number(let number): return .number(number)
        case .bool(let bool): return .bool(bool)
        case .duration(let milliseconds): return .duration(milliseconds)
        case .string(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
        case .json(let text): return (try? JSONReader().read(text)) ?? .missing
        case .boxed(let index): return boxes[Int(index)]
        }
    }

    // MARK: Operators

    private mutating func negate(_ operand: Operand) -> Operand {
        switch operand {
        case .number(let number): return .number(-number)
        case .duration(let milliseconds):
            let (result, overflow) = Int64(0).subtractingReportingOverflow(milliseconds)
            return overflow ? .missing : .duration(result)
        case .missing: return .missing
        default:
            mismatches += 1
            return .missing
        }
    }

    private mutating func arithmetic(_ opcode: Program.Opcode, _ lhs: Operand, _ rhs: Operand) -> Operand {
        let op: ArithmeticOperator =
            switch opcode {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            default: .divide
            }
        if case .number(let a) = lhs, case .number(let b) = rhs {
            let result: Double
            switch op {
            case .add: result = a + b
            case .subtract: result = a - b
            case .multiply: result = a * b
            case .divide:
                if b == 0 { return .missing }
                result = a / b
            }
            return result.isFinite ? .number(result) : .missing
        }
        var mismatch = false
        let result = Value.arithmetic(op, scalar(lhs), scalar(rhs), mismatch: &mismatch)
        if mismatch { mismatches += 1 }
        return operand(result)
    }

    /// A scalar operand as a value without copying strings, lists or objects (arithmetic has no rule for
    /// them, so any non-scalar stands for all of them).
    private func scalar(_ operand: Operand) -> Value {
        switch operand {
        case .missing: .missing
        case .number(let number): .number(number)
        case .bool(let bool): .bool(bool)
        case .duration(let milliseconds): .duration(milliseconds)
        case .string, .json, .boxed: .list([])
        }
    }

    /// A comparison (spec §4); `counts` adds a mismatch of present operands to the counter.
    mutating func compare(_ opcode: Program.Opcode, _ lhs: Operand, _ rhs: Operand, counts: Bool) -> Bool {
        let less: Bool
        let equal: Bool
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            less = a < b
            equal = a == b
        case (.duration(let a), .duration(let b)):
            less = a < b
            equal = a == b
        case (.string(let a), .string(let b)):
            let common = min(a.count, b.count)
            let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
            less = order < 0 || (order == 0 && a.count < b.count)
            equal = order == 0 && a.count == b.count
        case (.bool(let a), .bool(let b)):
            switch opcode {
            case .equal: return a == b
            case .notEqual: return a != b
            default:
                if counts { mismatches += 1 }
                return false
            }
        case (.missing, _), (_, .missing):
            return false
        case (.boxed, _), (_, .boxed), (.json, _), (_, .json):
            var mismatch = false
            let result = Value.compare(Self.comparison(opcode), value(of: lhs), value(of: rhs), mismatch: &mismatch)
            if mismatch, counts { mismatches += 1 }
            return result
        default:
            if counts { mismatches += 1 }
            return false
        }
        return Value.ordered(Self.comparison(opcode), less, equal)
    }

    private static func comparison(_ opcode: Program.Opcode) -> ComparisonOperator {
        switch opcode {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        default: .greaterOrEqual
        }
    }

    /// `a contains b` (spec §4): a string containing a string by bytes, or a list with an element equal to `b`.
    private mutating func contains(_ container: Operand, _ element: Operand) -> Bool {
        switch (container, element) {
        case (.string(let haystack), .string(let needle)):
            guard needle.count > 0 else { return true }
            guard needle.count <= haystack.count else { return false }
            let first = needle[0]
            for start in 0...(haystack.count - needle.count)
            where haystack[start] == first && memcmp(haystack.baseAddress! + start, needle.baseAddress!, needle.count) == 0 {
                return true
            }
            return false
        case (.json, _), (.boxed, _), (.string, .boxed):
            return Value.contains(value(of: container), value(of: element))
        default:
            return false
        }
    }
}
