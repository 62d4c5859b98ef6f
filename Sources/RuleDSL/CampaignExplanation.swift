/// What a checked campaign needs and how the engine evaluates it, for `lurker check --explain NAME`.
public struct CampaignExplanation: Sendable, Hashable {
    /// What the campaign reads of one event type's history (spec §3, §4).
    public struct History: Sendable, Hashable {
        /// The event type.
        public var type: String
        /// The longest window `count`, `seen` or `sum` reads, 366d when one of them is computed; nil when only
        /// `since` or `last` read the type.
        public var windowMilliseconds: Int64?
        /// Whether a window is computed (so counts as 366d).
        public var hasComputedWindow: Bool
        /// Which of `since` and `last` read the type's latest event (so it is kept whatever its age).
        public var latestReaders: [String]
        /// The fields `sum` and `last` read from the type's events, in the order first read.
        public var fields: [[String]]
    }

    /// The campaign explained.
    public var campaign: Campaign
    /// The `event.*` paths the condition, the channel and the attributes read, in the order first read.
    public var eventFields: [Path]
    /// The `customer.*` paths they read, in the order first read.
    public var profileFields: [Path]
    /// The history the campaign reads, per event type in the order first read.
    public var history: [History]

    /// The explanation of `campaign`.
    public init(_ campaign: Campaign) {
        self.campaign = campaign
        eventFields = []
        profileFields = []
        history = []
        if let condition = campaign.condition { collect(condition) }
        if case .offer(_, .path(let path), _) = campaign.action { collect(path) }
        let attributes: [Attribute]
        switch campaign.action {
        case .offer(_, _, let offerAttributes): attributes = offerAttributes
        case .escalate(_, let escalationAttributes): attributes = escalationAttributes
        }
        for attribute in attributes { collect(attribute.value) }
    }

    // MARK: Collecting

    private mutating func collect(_ path: Path) {
        switch path.root {
        case .event where !eventFields.contains(path): eventFields.append(path)
        case .customer where !profileFields.contains(path): profileFields.append(path)
        default: break
        }
    }

    private mutating func collect(_ expression: Expression) {
        switch expression {
        case .literal, .invalid:
            break
        case .path(let path, _):
            collect(path)
        case .list(let elements, _):
            elements.forEach { collect($0) }
        case .negate(let operand, _), .not(let operand, _), .presence(let operand, _):
            collect(operand)
        case .and(let left, let right), .or(let left, let right), .arithmetic(_, let left, let right, _),
            .comparison(_, let left, let right, _), .contains(let left, let right):
            collect(left)
            collect(right)
        case .membership(let element, let list):
            collect(element)
            list.forEach { collect($0) }
        case .history(let call, _):
            collect(call)
        }
    }

    private mutating func collect(_ call: HistoryCall) {
        let index = historyIndex(call.eventType.name)
        switch call {
        case .count(_, let window), .seen(_, let window):
            read(window, at: index)
            collect(window)
        case .sum(_, let field, let window):
            read(window, at: index)
            if !history[index].fields.contains(field) { history[index].fields.append(field) }
            collect(window)
        case .since:
            if !history[index].latestReaders.contains("since") { history[index].latestReaders.insert("since", at: 0) }
        case .last(_, let field):
            if !history[index].latestReaders.contains("last") { history[index].latestReaders.append("last") }
            if !history[index].fields.contains(field) { history[index].fields.append(field) }
        }
    }

    private mutating func historyIndex(_ type: String) -> Int {
        if let index = history.firstIndex(where: { $0.type == type }) { return index }
        history.append(
            History(type: type, windowMilliseconds: nil, hasComputedWindow: false, latestReaders: [], fields: []))
        return history.count - 1
    }

    /// Records a window as long as the history it needs kept (``HistoryCall/retention(of:)``), and whether it is
    /// computed.
    private mutating func read(_ window: Expression, at index: Int) {
        switch window {
        case .literal(.duration, _): break
        default: history[index].hasComputedWindow = true
        }
        let length = HistoryCall.retention(of: window)
        history[index].windowMilliseconds = max(history[index].windowMilliseconds ?? 0, length)
    }

    // MARK: Text

    /// The explanation as `lurker check --explain` prints it: what the campaign needs, then the steps of its
    /// evaluation in the order the engine takes them (spec §5), each with the outcome it can give.
    public var text: String {
        var lines = ["campaign \(campaign.name) (\(location(campaign.nameRange)))"]
        if let description = campaign.description { lines.append("  " + CanonicalText.string(description)) }
        lines += ["", "needs"]
        lines += row("trigger types", campaign.triggers.map { CanonicalText.type($0.name) }.joined(separator: ", "))
        lines += row("event fields", list(eventFields.map(\.description)))
        let profile = profileFields.map { $0 == Self.customerID ? "customer.id (the customer's id)" : "\($0)" }
        lines += row("profile fields", list(profile))
        lines += row("history", history.isEmpty ? ["none"] : history.map(Self.describe))
        lines += ["", "evaluation of each \(triggerPhrase) event of a customer"]
        lines += steps().enumerated().flatMap { index, step in row("\(index + 1). \(step.0)", step.1) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static let customerID = Path(root: .customer, fields: ["id"])

    private var triggerPhrase: String {
        let types = campaign.triggers.map { CanonicalText.type($0.name) }
        return types.count <= 1 ? types.joined() : types.dropLast().joined(separator: ", ") + " or " + types.last!
    }

    private func location(_ range: SourceRange) -> String {
        "\(range.file):\(range.start.line):\(range.start.column)"
    }

    private func list(_ items: [String]) -> String {
        items.isEmpty ? "none" : items.joined(separator: ", ")
    }

    private func row(_ label: String, _ value: String) -> [String] {
        row(label, [value])
    }
    /// `label` padded to one column, the first value after it, the others under the first.
    private func row(_ label: String, _ values: [String]) -> [String] {
        let width = 16
        let padding = String(repeating: " ", count: max(1, width - label.count))
        let indent = String(repeating: " ", count: 2 + label.count + padding.count)
        return values.enumerated().map { index, value in
            index == 0 ? "  " + label + padding + value : indent + value
        }
    }

    private static func describe(_ history: History) -> String {
        var parts: [String] = []
        if let window = history.windowMilliseconds {
            parts.append(
                "events of the last \(CanonicalText.duration(window))"
                    + (history.hasComputedWindow ? " (a computed window counts as 366d)" : ""))
        }
        if !history.latestReaders.isEmpty {
            parts.append("the latest event (\(history.latestReaders.joined(separator: ", ")))")
        }
        if !history.fields.isEmpty {
            parts.append("fields " + history.fields.map(CanonicalText.field).joined(separator: ", "))
        }
        return CanonicalText.type(history.type) + ": " + parts.joined(separator: "; ")
    }

    /// The steps of spec §5 that apply to the campaign, each with what it does, on one line or more.
    private func steps() -> [(String, [String])] {
        var steps: [(String, [String])] = []
        steps.append(("active", [activeText]))
        steps.append(("when", campaign.condition.map { CanonicalText.lines($0, width: 80) } ?? ["none (always true)"]))
        if let wait = campaign.wait {
            let unless = wait.unless.map { CanonicalText.type($0.name) }
            let cancel = unless.isEmpty ? "" : ", unless \(unless.joined(separator: " or ")) comes first (cancelled)"
            let delay = CanonicalText.duration(wait.milliseconds)
            steps.append(("wait", ["\(delay), then governed at the due time" + cancel]))
        } else {
            steps.append(("wait", ["none (governed at the event)"]))
        }
        let action: String
        let attributes: [Attribute]
        switch campaign.action {
        case .offer(let name, let channel, let offerAttributes):
            action = "offer \(CanonicalText.string(name)) via \(CanonicalText.channel(channel))"
            attributes = offerAttributes
        case .escalate(let level, let escalationAttributes):
            action = "escalate \(CanonicalText.string(level))"
            attributes = escalationAttributes
        }
        let with = attributes.map { "  \($0.key): \(CanonicalText.expression($0.value))" }
        steps.append(("action", [action + (attributes.isEmpty ? "" : " with")] + with))
        steps.append(("limit", [limitText]))
        steps.append(("budget", [budgetText]))
        if case .offer = campaign.action {
            steps.append(
                ("arbitration",
                 ["priority \(campaign.priority) against the other offers of the moment on the same channel, "
                    + "ties by campaign name (outranked)"]))
        }
        let holdout = campaign.holdoutBasisPoints
        let heldOut = "\(CanonicalText.percent(hundredths: holdout)) of customers, fixed per customer (holdout)"
        steps.append(("holdout", [holdout == 0 ? "none" : heldOut]))
        steps.append(("outcome", [outcomeText]))
        return steps
    }

    private var activeText: String {
        switch (campaign.activeFrom, campaign.activeUntil) {
        case (nil, nil): return "always"
        case (let from?, nil): return "from \(TimeLiteral.format(from)), at the event's time"
        case (nil, let until?): return "until \(TimeLiteral.format(until)) (excluded), at the event's time"
        case (let from?, let until?):
            return "from \(TimeLiteral.format(from)) until \(TimeLiteral.format(until)) (excluded), at the event's time"
        }
    }

    private var limitText: String {
        switch campaign.limit {
        case .none:
            return "none"
        case .perCustomer(let count, let window):
            let period = window.map { " per \(CanonicalText.duration($0))" } ?? " ever"
            let isDefault = campaign.limit == .default ? ", the default" : ""
            return "\(count) sent or held out per customer\(period)\(isDefault) (capped)"
        }
    }

    private var budgetText: String {
        guard let budget = campaign.budget else { return "none" }
        switch budget.period {
        case .hour: return "\(budget.count) sent per UTC hour (budget_exhausted)"
        case .day: return "\(budget.count) sent per UTC day (budget_exhausted)"
        case .ever: return "\(budget.count) sent in all (budget_exhausted)"
        }
    }

    private var outcomeText: String {
        switch campaign.action {
        case .escalate:
            return "sent to the escalations topic (sent)"
        case .offer(_, .named(let channel), _):
            return "sent to offers.\(channel) (sent)"
        case .offer(_, .path(let path), _):
            return "sent to offers.<channel> when \(path) gives a usable channel (sent), else no_channel"
        }
    }
}
