/// Checks the parsed campaigns of a set against the rules of spec §9 and turns them into ``Campaign`` values.
///
/// One checker sees the whole set, in set order, so that a campaign name used twice is reported at the later
/// name, across files too.
struct Checker {
    /// The time `active until` is compared with, for the "already in the past" warning.
    let now: Int64
    /// The diagnostics found since the last ``takeDiagnostics()``.
    private var diagnostics: [Diagnostic] = []
    /// The first use of each registered campaign name.
    private var names: [String: SourceRange] = [:]

    init(now: Int64) {
        self.now = now
    }

    /// Returns the diagnostics found so far and forgets them.
    mutating func takeDiagnostics() -> [Diagnostic] {
        defer { diagnostics = [] }
        return diagnostics
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Checks one campaign; returns it converted when it has every part a campaign needs and no error of its own.
    mutating func check(_ parsed: ParsedCampaign) -> Campaign? {
        let diagnosticsBefore = diagnostics.count
        let name = parsed.isHeaderValid ? parsed.name : nil
        if let name {
            if name.keyword != nil {
                report(.error(.keywordAsCampaignName(name.text), at: name.range))
            } else if let first = names[name.text] {
                let otherFile = first.file == name.range.file ? nil : first.file
                report(
                    .error(
                        .duplicateCampaign(name.text, otherFile: otherFile), at: name.range,
                        notes: [Diagnostic.Note(.firstCampaignHere, at: first)]))
            } else {
                names[name.text] = name.range
            }
        }

        var builder = CampaignBuilder()
        var firstClauses: [Keyword: Token] = [:]
        var firstAction: Token?
        for clause in parsed.clauses {
            guard let keyword = clause.keyword.keyword else { continue }
            var isRepeated = false
            if keyword.isAction {
                if let firstAction {
                    report(.error(.secondAction(keyword.rawValue, first: firstAction.text), at: clause.keyword.range))
                    isRepeated = true
                } else {
                    firstAction = clause.keyword
                }
            } else if let first = firstClauses[keyword] {
                report(
                    .error(
                        .clauseTwice(keyword.rawValue), at: clause.keyword.range,
                        notes: [Diagnostic.Note(.firstClauseHere(keyword.rawValue), at: first.range)]))
                isRepeated = true
            } else {
                firstClauses[keyword] = clause.keyword
            }
            if isRepeated {
                var discarded = CampaignBuilder()
                let warningsBefore = diagnostics.count
                check(clause.body, into: &discarded)
                diagnostics = Array(diagnostics.prefix(warningsBefore)) + diagnostics.dropFirst(warningsBefore).filter {
                    $0.severity == .error
                }
            } else {
                check(clause.body, into: &builder)
            }
        }

        if let name, !parsed.hasSyntaxError {
            if firstClauses[.on] == nil { report(.error(.missingOn(name.text), at: name.range)) }
            if firstAction == nil { report(.error(.missingAction(name.text), at: name.range)) }
        }
        if let wait = builder.wait, let triggers = builder.triggers {
            let triggerNames = Set(triggers.map(\.name))
            for type in wait.unless where triggerNames.contains(type.name) {
                report(
                    .warning(
                        .unlessNamesTrigger(type.name), at: type.range, notes: [Diagnostic.Note(.unlessCancelsOwnWait)]
                    ))
            }
        }

        let hasNewErrors = diagnostics[diagnosticsBefore...].contains { $0.severity == .error }
        guard let name, !hasNewErrors, !parsed.hasSyntaxError else { return nil }
        return builder.build(name: name)
    }

    // MARK: Clauses

    private mutating func check(_ body: ParsedClause.Body, into builder: inout CampaignBuilder) {
        switch body {
        case .description(let text):
            builder.description = text?.stringValue
        case .on(let types):
            builder.triggers = types
        case .when(let expression):
            guard let expression else { return }
            let checked = check(expression)
            if !checked.hasError && checked.isConstant {
                report(.warning(.constantCondition, at: expression.range))
            }
            builder.condition = checked.expression
        case .wait(let duration, let unless):
            guard let duration, let milliseconds = checkLiteralWindow(duration) else { return }
            builder.wait = Wait(milliseconds: milliseconds, unless: unless)
        case .offer(let name, let channel, let attributes):
            let channelSource = channel.map { check($0) } ?? .path(Path(root: .event, fields: ["channel"]))
            let checkedAttributes = attributes.map { check($0) } ?? []
            if let name = name?.stringValue, let channelSource {
                builder.action = .offer(name: name, channel: channelSource, attributes: checkedAttributes)
            }
        case .escalate(let level, let attributes):
            let checkedAttributes = attributes.map { check($0) } ?? []
            if let level = level?.stringValue {
                builder.action = .escalate(level: level, attributes: checkedAttributes)
            }
        case .priority(let value):
            guard let value, let priority = value.token.integerValue else { return }
            if value.minus != nil || priority > 1000 {
                report(.error(.priorityOutOfRange(value.text), at: value.range))
            }
            builder.priority = priority
        case .limit(let limit):
            switch limit {
            case nil:
                return
            case .unlimited?:
                builder.limit = Limit.none
            case .perCustomer(let count, let window)?:
                let windowMilliseconds = window.flatMap { checkLiteralWindow($0) }
                guard let count = checkCount(count, clause: "limit") else { return }
                builder.limit = .perCustomer(count: count, windowMilliseconds: windowMilliseconds)
            }
        case .budget(let count, let period):
            guard let count, let value = checkCount(count, clause: "budget") else { return }
            let budgetPeriod: BudgetPeriod =
                switch period?.keyword {
                case .hour?: .hour
                case .day?: .day
                default: .ever
                }
            builder.budget = Budget(count: value, period: budgetPeriod)
        case .holdout(let percent):
            guard let percent, case .percent(let hundredths) = percent.token.value else { return }
            guard let hundredths else {
                report(.error(.holdoutDecimals(percent.text), at: percent.range))
                return
            }
            if percent.minus != nil || hundredths >= 10_000 {
                report(.error(.holdoutOutOfRange(percent.text), at: percent.range))
            }
            builder.holdoutBasisPoints = hundredths
        case .active(let from, let until):
            let start = from.flatMap(Self.time)
            let end = until.flatMap(Self.time)
            if let start, let end, let until, let from, end <= start {
                report(.error(.activeEndNotAfterStart(until: until.text, from: from.text), at: until.range))
            } else if let end, let until, end <= now {
                report(.warning(.activeUntilPast(until.text), at: until.range))
            }
            builder.activeFrom = start
            builder.activeUntil = end
        }
    }

    private static func time(_ token: Token) -> Int64? {
        if case .time(let milliseconds) = token.value { return milliseconds }
        return nil
    }

    /// The count of `limit` or `budget`, reporting one below 1 at the INT.
    private mutating func checkCount(_ count: SignedToken, clause: String) -> Int? {
        guard let value = count.token.integerValue else { return nil }
        if count.minus != nil || value == 0 {
            report(.error(.countBelowOne(clause: clause, value: count.text), at: count.range))
        }
        return value
    }

    /// The milliseconds of a literal window, reporting one of 0 or over 366d at the DURATION.
    mutating func checkLiteralWindow(_ token: Token) -> Int64? {
        guard !token.hasError, case .duration(let milliseconds?) = token.value else { return nil }
        if milliseconds == 0 {
            report(.error(.windowEmpty(token.text), at: token.range))
        } else if milliseconds > HistoryCall.longestWindow {
            report(.error(.windowTooLong(token.text), at: token.range))
        }
        return milliseconds
    }

    private mutating func check(_ channel: ParsedChannel) -> ChannelSource? {
        switch channel {
        case .named(let token):
            if token.keyword != nil {
                report(.error(.keywordAsChannelName(token.text), at: token.range))
                return nil
            }
            guard !token.hasError else { return nil }
            let name = token.stringValue ?? token.text
            guard ChannelSource.isUsable(name.utf8) else {
                report(.error(.channelNotUsable(name), at: token.range))
                return nil
            }
            return .named(name)
        case .path(let path):
            return checkPath(path).map(ChannelSource.path)
        }
    }

    private mutating func check(_ attributes: [ParsedAttribute]) -> [Attribute] {
        var firstKeys: [String: Token] = [:]
        var result: [Attribute] = []
        for attribute in attributes {
            if let first = firstKeys[attribute.key.text] {
                report(
                    .error(
                        .duplicateKey(attribute.key.text), at: attribute.key.range,
                        notes: [Diagnostic.Note(.firstKeyHere, at: first.range)]))
            } else {
                firstKeys[attribute.key.text] = attribute.key
            }
            if let value = attribute.value {
                result.append(Attribute(key: attribute.key.text, value: check(value).expression))
            }
        }
        return result
    }

    /// The path of a parsed path, reporting a root other than `event` or `customer` at it.
    mutating func checkPath(_ path: ParsedPath) -> Path? {
        let root: PathRoot
        switch path.root.kind {
        case .keyword(.event): root = .event
        case .keyword(.customer): root = .customer
        default:
            report(.error(.badPathRoot(path.root.text), at: path.root.range))
            return nil
        }
        guard !path.fields.isEmpty else { return nil }
        return Path(root: root, fields: path.fields.map(\.text))
    }
}
