import Lurker
import RuleDSL

/// A deliberately simple second implementation of spec §3-§7 for one partition, to test the engine against.
///
/// It keeps everything and recomputes everything: every processed event in a list (a history function scans
/// it whole), every decision made (limit and budget counts scan it whole), and the pending timers in a plain
/// array sorted at each step. It ignores retention, so only streams in which no event is more than one hour
/// behind the clock may be given to it. Customers, types, keys and channels are told apart by UTF-8 bytes.
struct NaiveEvaluator {
    /// One processed event.
    private struct Processed {
        var customer: String
        var type: String
        var time: Int64
        var fields: JSONObject
        /// Its position in processing order.
        var index: Int
        var partition: Int32
        /// Set when a null profile forgot the customer after this event.
        var isForgotten = false
    }

    /// One decision made, with what limit and budget counts need.
    private struct Made {
        var decision: NaiveDecision
        var campaign: Int
        /// Set when a null profile forgot the customer after this decision: it no longer counts for limits.
        var isForgotten = false
    }

    /// A firing awaiting governance, or the content of a started wait.
    private struct Firing {
        var campaign: Int
        var customer: String
        var triggerType: String
        var triggerTime: Int64
        var channel: String?
        var attributes: JSONObject
    }

    /// A pending wait's timer.
    private struct Timer {
        var due: Int64
        /// The order in which timers were started.
        var started: Int
        var firing: Firing
    }

    /// What an expression is evaluated against: the current (or triggering) event and the customer's profile.
    private struct Scope {
        var event: Processed
        var profile: JSONObject?
    }

    static let longestWindow: Int64 = 366 * NaiveTime.day

    /// The campaigns in set order.
    let campaigns: [Campaign]
    /// The partition clock, nil before the first event.
    private(set) var clock: Int64?
    private var processed: [Processed] = []
    private var made: [Made] = []
    private var timers: [Timer] = []
    private var profiles: [(customer: String, profile: JSONObject)] = []
    private var timersStarted = 0

    init(campaigns: [Campaign]) {
        self.campaigns = campaigns
    }

    // MARK: Input

    /// A profile from the profiles topic; nil forgets the customer: profile, history, pending waits, limits.
    mutating func setProfile(_ profile: JSONObject?, customer: String) {
        profiles.removeAll { NaiveValue.sameBytes($0.customer, customer) }
        if let profile {
            profiles.append((customer, profile))
            return
        }
        for index in processed.indices where NaiveValue.sameBytes(processed[index].customer, customer) {
            processed[index].isForgotten = true
        }
        for index in made.indices where NaiveValue.sameBytes(made[index].decision.customer, customer) {
            made[index].isForgotten = true
        }
        timers.removeAll { NaiveValue.sameBytes($0.firing.customer, customer) }
    }

    /// Decides one event of partition 0 (spec §5) and returns the decisions it causes, in order.
    mutating func process(_ event: NaiveEvent) -> [NaiveDecision] {
        let start = made.count
        // Step 1: the clock, then the timers now due.
        clock = max(clock ?? event.time, event.time)
        fireDueTimers()

        // Step 2: E joins the history; waits its type cancels are cancelled.
        let current = Processed(
            customer: event.customer,
            type: event.type,
            time: event.time,
            fields: event.fields,
            index: processed.count,
            partition: 0
        )
        processed.append(current)
        for (index, campaign) in campaigns.enumerated() {
            guard let wait = campaign.wait, wait.unless.contains(where: { NaiveValue.sameBytes($0.name, event.type) })
            else { continue }
            guard let position = pendingTimer(campaign: index, customer: event.customer) else { continue }
            let timer = timers.remove(at: position)
            record(timer.firing, outcome: "cancelled", at: event.time)
        }

        // Step 3: triggered campaigns start a wait or fire now.
        let scope = Scope(event: current, profile: profile(of: event.customer))
        var firings: [Firing] = []
        for (index, campaign) in campaigns.enumerated() {
            guard campaign.triggers.contains(where: { NaiveValue.sameBytes($0.name, event.type) }) else { continue }
            if let from = campaign.activeFrom, event.time < from { continue }
            if let until = campaign.activeUntil, event.time >= until { continue }
            if let condition = campaign.condition, !NaiveValue.isTrue(evaluate(condition, in: scope)) { continue }
            if campaign.wait != nil, pendingTimer(campaign: index, customer: event.customer) != nil { continue }
            let firing = Firing(
                campaign: index,
                customer: event.customer,
                triggerType: event.type,
                triggerTime: event.time,
                channel: channel(of: campaign, in: scope),
                attributes: attributes(of: campaign, in: scope)
            )
            if let wait = campaign.wait {
                timers.append(Timer(due: event.time + wait.milliseconds, started: timersStarted, firing: firing))
                timersStarted += 1
            } else {
                firings.append(firing)
            }
        }

        // Step 4: the event's firings are one moment.
        govern(firings, customer: event.customer, at: event.time)

        // Step 6: timers started already due.
        fireDueTimers()
        return made[start...].map(\.decision)
    }

    /// Moves the clock to `time` if later and fires the timers then due (`--until`).
    mutating func advanceClock(to time: Int64) -> [NaiveDecision] {
        let start = made.count
        clock = max(clock ?? time, time)
        fireDueTimers()
        return made[start...].map(\.decision)
    }

    // MARK: Timers (spec §6)

    private func pendingTimer(campaign: Int, customer: String) -> Int? {
        timers.firstIndex { $0.firing.campaign == campaign && NaiveValue.sameBytes($0.firing.customer, customer) }
    }

    /// Fires every timer due at or before the clock: in order of due time, then of start; the timers of the
    /// first one's customer with the same due time join its moment.
    private mutating func fireDueTimers() {
        guard let clock else { return }
        while true {
            timers.sort { ($0.due, $0.started) < ($1.due, $1.started) }
            guard let first = timers.first, first.due <= clock else { return }
            let isInMoment: (Timer) -> Bool = {
                $0.due == first.due && NaiveValue.sameBytes($0.firing.customer, first.firing.customer)
            }
            let moment = timers.filter(isInMoment).map(\.firing).sorted { $0.campaign < $1.campaign }
            timers.removeAll(where: isInMoment)
            govern(moment, customer: first.firing.customer, at: first.due)
        }
    }

    // MARK: Governance (spec §5.4)

    private mutating func govern(_ firings: [Firing], customer: String, at time: Int64) {
        var outcomes = [String?](repeating: nil, count: firings.count)

        // 1. Limits: earlier `sent` or `holdout` decisions of this campaign for this customer.
        for (position, firing) in firings.enumerated() {
            guard case .perCustomer(let count, let window) = campaigns[firing.campaign].limit else { continue }
            let earlier = made.filter { record in
                guard !record.isForgotten, record.campaign == firing.campaign,
                    NaiveValue.sameBytes(record.decision.customer, customer),
                    record.decision.outcome == "sent" || record.decision.outcome == "holdout"
                else { return false }
                guard let window else { return true }
                return record.decision.time > time - window && record.decision.time <= time
            }
            if earlier.count >= count { outcomes[position] = "capped" }
        }

        // 2. Budgets: `sent` decisions of this campaign, any customer, in the UTC period of `time`.
        for (position, firing) in firings.enumerated() where outcomes[position] == nil {
            guard let budget = campaigns[firing.campaign].budget else { continue }
            let sent = made.filter { record in
                record.campaign == firing.campaign && record.decision.outcome == "sent"
                    && Self.period(of: record.decision.time, budget.period) == Self.period(of: time, budget.period)
            }
            if sent.count >= budget.count { outcomes[position] = "budget_exhausted" }
        }

        // 3. Arbitration among the offers left with the same usable channel.
        let contenders = firings.indices.filter { position in
            guard outcomes[position] == nil, case .offer = campaigns[firings[position].campaign].action else { return false }
            return firings[position].channel != nil
        }
        var losers: [Int] = []
        for position in contenders {
            let beaten = contenders.contains { rival in
                rival != position && NaiveValue.sameBytes(firings[rival].channel!, firings[position].channel!)
                    && beats(campaigns[firings[rival].campaign], campaigns[firings[position].campaign])
            }
            if beaten { losers.append(position) }
        }
        for position in losers { outcomes[position] = "outranked" }

        // 4. Holdout, 5. channel.
        for (position, firing) in firings.enumerated() where outcomes[position] == nil {
            let campaign = campaigns[firing.campaign]
            if Self.isHeldOut(campaign: campaign.name, customer: customer, basisPoints: campaign.holdoutBasisPoints) {
                outcomes[position] = "holdout"
            } else if case .offer = campaign.action, firing.channel == nil {
                outcomes[position] = "no_channel"
            } else {
                outcomes[position] = "sent"
            }
        }

        for (position, firing) in firings.enumerated() {
            record(firing, outcome: outcomes[position]!, at: time)
        }
    }

    /// Whether `a` beats `b`: higher priority, then the name first by bytes.
    private func beats(_ a: Campaign, _ b: Campaign) -> Bool {
        a.priority != b.priority ? a.priority > b.priority : NaiveValue.bytesPrecede(a.name, b.name)
    }

    /// The UTC hour or day of `time`, all times one period for a budget without one.
    private static func period(of time: Int64, _ period: BudgetPeriod) -> Int64 {
        switch period {
        case .hour: return NaiveTime.floorDivide(time, NaiveTime.hour)
        case .day: return NaiveTime.floorDivide(time, NaiveTime.day)
        case .ever: return 0
        }
    }

    /// FNV-1a 64 of the campaign name, one 0x00 byte and the customer id; held out when `hash % 10000 < bp`.
    static func isHeldOut(campaign: String, customer: String, basisPoints: Int) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(campaign.utf8) + [0] + Array(customer.utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash % 10_000 < UInt64(basisPoints)
    }

    private mutating func record(_ firing: Firing, outcome: String, at time: Int64) {
        let campaign = campaigns[firing.campaign]
        let decision: NaiveDecision
        switch campaign.action {
        case .offer(let name, _, _):
            decision = NaiveDecision(
                action: "offer", actionName: name, campaign: campaign.name, customer: firing.customer,
                channel: firing.channel, outcome: outcome, time: time, triggerType: firing.triggerType,
                triggerTime: firing.triggerTime, attributes: firing.attributes
            )
        case .escalate(let level, _):
            decision = NaiveDecision(
                action: "escalate", actionName: level, campaign: campaign.name, customer: firing.customer,
                channel: nil, outcome: outcome, time: time, triggerType: firing.triggerType,
                triggerTime: firing.triggerTime, attributes: firing.attributes
            )
        }
        made.append(Made(decision: decision, campaign: firing.campaign))
    }

    // MARK: Channels and attributes

    /// The offer's channel if usable: `via` NAME or STRING is the channel, a path must give a string.
    private func channel(of campaign: Campaign, in scope: Scope) -> String? {
        guard case .offer(_, let source, _) = campaign.action else { return nil }
        let value: Value
        switch source {
        case .named(let name): value = .string(name)
        case .path(let path): value = read(path, in: scope)
        }
        guard case .string(let name) = value, Self.isUsable(name) else { return nil }
        return name
    }

    /// `[a-z0-9_-]{1,64}`.
    static func isUsable(_ channel: String) -> Bool {
        let bytes = Array(channel.utf8)
        let allowed = Array("abcdefghijklmnopqrstuvwxyz0123456789_-".utf8)
        return (1...64).contains(bytes.count) && bytes.allSatisfy { allowed.contains($0) }
    }

    /// The `with` values that are not missing, in the order written.
    private func attributes(of campaign: Campaign, in scope: Scope) -> JSONObject {
        let written: [Attribute]
        switch campaign.action {
        case .offer(_, _, let attributes), .escalate(_, let attributes): written = attributes
        }
        var object = JSONObject()
        for attribute in written {
            let value = evaluate(attribute.value, in: scope)
            if !NaiveValue.isMissing(value) { object.members.append(.init(key: attribute.key, value: value)) }
        }
        return object
    }

    private func profile(of customer: String) -> JSONObject? {
        profiles.last { NaiveValue.sameBytes($0.customer, customer) }?.profile
    }

    // MARK: Expressions (spec §4)

    private func read(_ path: Path, in scope: Scope) -> Value {
        switch path.root {
        case .event:
            return NaiveValue.read(path.fields, from: .object(scope.event.fields))
        case .customer:
            if NaiveValue.sameBytes(path.fields[0], "id") {
                return NaiveValue.read(Array(path.fields.dropFirst()), from: .string(scope.event.customer))
            }
            guard let profile = scope.profile else { return .missing }
            return NaiveValue.read(path.fields, from: .object(profile))
        }
    }

    private func evaluate(_ expression: Expression, in scope: Scope) -> Value {
        switch expression {
        case .literal(let value, _):
            return value
        case .list(let elements, _):
            return .list(elements.map { evaluate($0, in: scope) })
        case .path(let path, _):
            return read(path, in: scope)
        case .negate(let operand, _):
            return NaiveValue.negate(evaluate(operand, in: scope))
        case .not(let operand, _):
            return .bool(!NaiveValue.isTrue(evaluate(operand, in: scope)))
        case .and(let lhs, let rhs):
            let left = NaiveValue.isTrue(evaluate(lhs, in: scope))
            let right = NaiveValue.isTrue(evaluate(rhs, in: scope))
            return .bool(left && right)
        case .or(let lhs, let rhs):
            let left = NaiveValue.isTrue(evaluate(lhs, in: scope))
            let right = NaiveValue.isTrue(evaluate(rhs, in: scope))
            return .bool(left || right)
        case .arithmetic(let op, let lhs, let rhs, _):
            return NaiveValue.arithmetic(op, evaluate(lhs, in: scope), evaluate(rhs, in: scope))
        case .comparison(let op, let lhs, let rhs, _):
            return .bool(NaiveValue.compare(op, evaluate(lhs, in: scope), evaluate(rhs, in: scope)))
        case .membership(let element, let list):
            let value = evaluate(element, in: scope)
            return .bool(list.contains { NaiveValue.compare(.equal, value, evaluate($0, in: scope)) })
        case .contains(let container, let element):
            return .bool(NaiveValue.contains(evaluate(container, in: scope), evaluate(element, in: scope)))
        case .presence(let operand, let isPresent):
            return .bool(NaiveValue.isMissing(evaluate(operand, in: scope)) != isPresent)
        case .history(let call, _):
            return history(call, in: scope)
        case .invalid:
            preconditionFailure("generated campaigns hold no invalid expression")
        }
    }

    /// The events of the customer of type `type` processed up to and including the current one, in order.
    private func events(of type: EventTypeName, in scope: Scope) -> [Processed] {
        processed.filter {
            !$0.isForgotten && $0.index <= scope.event.index && NaiveValue.sameBytes($0.customer, scope.event.customer)
                && NaiveValue.sameBytes($0.type, type.name)
        }
    }

    /// The events of (now − D, now], the current one included; nil when D is not a duration.
    private func window(_ type: EventTypeName, _ window: Expression, in scope: Scope) -> [Processed]? {
        guard case .duration(let length) = evaluate(window, in: scope) else { return nil }
        guard length > 0 else { return [] }
        let now = scope.event.time
        let clamped = min(length, Self.longestWindow)
        return events(of: type, in: scope).filter { $0.time > now - clamped && $0.time <= now }
    }

    /// The latest earlier event of `type` with time at or before now, ties to the one processed last.
    private func latest(_ type: EventTypeName, in scope: Scope) -> Processed? {
        var best: Processed?
        for event in events(of: type, in: scope) where event.index < scope.event.index && event.time <= scope.event.time {
            if best == nil || event.time > best!.time || (event.time == best!.time && event.index > best!.index) {
                best = event
            }
        }
        return best
    }

    private func history(_ call: HistoryCall, in scope: Scope) -> Value {
        switch call {
        case .count(let type, let length):
            guard let events = window(type, length, in: scope) else { return .missing }
            return .number(Double(events.count))
        case .seen(let type, let length):
            guard let events = window(type, length, in: scope) else { return .bool(false) }
            return .bool(!events.isEmpty)
        case .sum(let type, let field, let length):
            guard let events = window(type, length, in: scope) else { return .missing }
            var total = 0.0
            for event in events {
                if case .number(let number) = NaiveValue.read(field, from: .object(event.fields)) { total += number }
            }
            return total.isFinite ? .number(total) : .missing
        case .since(let type):
            guard let event = latest(type, in: scope) else { return .missing }
            return .duration(scope.event.time - event.time)
        case .last(let type, let field):
            guard let event = latest(type, in: scope) else { return .missing }
            return NaiveValue.read(field, from: .object(event.fields))
        }
    }
}
