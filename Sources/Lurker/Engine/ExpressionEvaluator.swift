import RuleDSL

/// Evaluates compiled expressions for one customer at one moment "now" (spec §4).
struct ExpressionEvaluator {
    /// The current (or triggering) event.
    let event: Event
    /// The customer's state: profile and kept history.
    let state: CustomerState
    /// The tracked index of the event's type when its last history entry is the event itself.
    let currentType: Int?
    /// Run-time operands whose types have no rule, counted for operators.
    var mismatches = 0

    var now: Int64 { event.time }

    init(event: Event, state: CustomerState, currentType: Int?) {
        self.event = event
        self.state = state
        self.currentType = currentType
    }

    /// The value of `expression`.
    mutating func evaluate(_ expression: CompiledExpression) -> Value {
        switch expression {
        case .constant(let value):
            return value
        case .list(let elements):
            return .list(elements.map { evaluate($0) })
        case .eventField(let path):
            return Self.lookup(path, in: event.fields)
        case .customerID:
            return .string(event.customer)
        case .profileField(let path):
            guard let profile = state.profile else { return .missing }
            return Self.lookup(path, in: profile)
        case .negate(let operand):
            let value = evaluate(operand)
            let result = value.negated()
            if result.isMissing, !value.isMissing { mismatches += 1 }
            return result
        case .not(let operand):
            return .bool(!evaluate(operand).isTrue)
        case .and(let lhs, let rhs):
            return .bool(evaluate(lhs).isTrue && evaluate(rhs).isTrue)
        case .or(let lhs, let rhs):
            return .bool(evaluate(lhs).isTrue || evaluate(rhs).isTrue)
        case .arithmetic(let op, let lhs, let rhs):
            var mismatch = false
            let result = Value.arithmetic(op, evaluate(lhs), evaluate(rhs), mismatch: &mismatch)
            if mismatch { mismatches += 1 }
            return result
        case .comparison(let op, let lhs, let rhs):
            var mismatch = false
            let result = Value.compare(op, evaluate(lhs), evaluate(rhs), mismatch: &mismatch)
            if mismatch { mismatches += 1 }
            return .bool(result)
        case .membership(let element, let list):
            let value = evaluate(element)
            for candidate in list where Value.equals(value, evaluate(candidate)) {
                return .bool(true)
            }
            return .bool(false)
        case .contains(let container, let element):
            return .bool(Value.contains(evaluate(container), evaluate(element)))
        case .presence(let operand, let isPresent):
            return .bool(evaluate(operand).isMissing != isPresent)
        case .count(let type, let window):
            guard case .duration(let length) = evaluate(window) else { return .missing }
            var count = 0
            state.history(of: type)?.forEachInWindow(now: now, window: length) { _ in count += 1 }
            return .number(Double(count))
        case .seen(let type, let window):
            guard case .duration(let length) = evaluate(window) else { return .bool(false) }
            var seen = false
            state.history(of: type)?.forEachInWindow(now: now, window: length) { _ in seen = true }
            return .bool(seen)
        case .sum(let type, let slot, let window):
            guard case .duration(let length) = evaluate(window) else { return .missing }
            var total = 0.0
            state.history(of: type)?.forEachInWindow(now: now, window: length) { entry in
                if case .number(let number) = entry.fields[slot] { total += number }
            }
            return total.isFinite ? .number(total) : .missing
        case .since(let type):
            guard let entry = latest(of: type) else { return .missing }
            return .duration(now - entry.time)
        case .last(let type, let slot):
            return latest(of: type)?.fields[slot] ?? .missing
        }
    }

    /// Whether `condition` holds: only the boolean `true` does.
    mutating func holds(_ condition: CompiledExpression?) -> Bool {
        guard let condition else { return true }
        return evaluate(condition).isTrue
    }

    private func latest(of type: Int) -> TypeHistory.Entry? {
        state.history(of: type)?.latest(atOrBefore: now, excludingLast: currentType == type)
    }

    /// Reads `path` inside `object`: each step into a nested object; anything else is missing.
    static func lookup(_ path: [String], in object: JSONObject) -> Value {
        var current = Value.object(object)
        for field in path {
            guard case .object(let nested) = current else { return .missing }
            current = nested[field]
        }
        return current
    }
}
