extension ReplayDiff {
    /// The difference for a reader, like a unified diff: a `---`/`+++` header naming the two sets, one line per
    /// entry (`-` only in the first run, `+` only in the second, `~` changed), a blank line, one line per
    /// campaign whose counts differ, and a closing line of totals. Identical runs give one line.
    ///
    /// ```
    /// --- campaigns
    /// +++ campaigns-next
    /// - 2026-11-24T11:00:00.000Z abandon_reminder c-17 (cart.abandoned 2026-11-24T10:00:00.000Z): sent, offer "reminder" via sms
    /// ~ 2026-11-24T10:30:00.000Z cart_rescue c-7 (call.started 2026-11-24T10:30:00.000Z): outcome sent → outranked
    ///
    /// abandon_reminder: sent 120 → 95, capped 3 → 28
    /// 1 only in the first run, 0 only in the second, 1 changed; 1234 decisions → 1233
    /// ```
    public func text(first: String, second: String) -> String {
        guard !isIdentical else { return "no differences: \(firstCount) decisions in both runs\n" }
        var text = "--- \(first)\n+++ \(second)\n"
        var onlyInFirst = 0
        var onlyInSecond = 0
        var changed = 0
        for entry in entries {
            switch entry {
            case .onlyInFirst(let decision):
                onlyInFirst += 1
                text += "- \(Self.heading(decision)): \(Self.summary(decision))\n"
            case .onlyInSecond(let decision):
                onlyInSecond += 1
                text += "+ \(Self.heading(decision)): \(Self.summary(decision))\n"
            case .changed(let change):
                changed += 1
                let parts = change.fields.map { field in
                    "\(field.rawValue) \(Self.describe(field, change.first)) → \(Self.describe(field, change.second))"
                }
                text += "~ \(Self.heading(change.first)): \(parts.joined(separator: "; "))\n"
            }
        }
        text += "\n"
        for counts in campaigns where counts.differs {
            var name = counts.campaign
            if !counts.isInSecond { name += " (only in the first set)" }
            if !counts.isInFirst { name += " (only in the second set)" }
            let outcomes = Decision.Outcome.allCases.compactMap { outcome -> String? in
                let (a, b) = (counts.first[outcome, default: 0], counts.second[outcome, default: 0])
                return a == b ? nil : "\(outcome.rawValue) \(a) → \(b)"
            }
            text += "\(name): \(outcomes.isEmpty ? "no decisions" : outcomes.joined(separator: ", "))\n"
        }
        text += "\(onlyInFirst) only in the first run, \(onlyInSecond) only in the second, \(changed) changed; "
        text += "\(firstCount) decisions → \(secondCount)\n"
        return text
    }

    /// When, which campaign, which customer, and the trigger.
    private static func heading(_ decision: Decision) -> String {
        "\(Timestamp.format(decision.time)) \(decision.campaign) \(decision.customer) "
            + "(\(decision.triggerType) \(Timestamp.format(decision.triggerTime)))"
    }

    /// The outcome and the action, with the attributes when there are any.
    private static func summary(_ decision: Decision) -> String {
        var text = "\(decision.outcome.rawValue), \(describe(.action, decision))"
        if case .offer = decision.action { text += decision.channel.map { " via \($0)" } ?? " (no channel)" }
        if !decision.attributes.members.isEmpty { text += " with \(describe(.attributes, decision))" }
        return text
    }

    /// One field of a decision as text.
    private static func describe(_ field: Field, _ decision: Decision) -> String {
        switch field {
        case .action:
            switch decision.action {
            case .offer(let offer): "offer \(JSONWriter.string(.string(offer)))"
            case .escalate(let level): "escalate \(JSONWriter.string(.string(level)))"
            }
        case .channel: decision.channel ?? "null"
        case .outcome: decision.outcome.rawValue
        case .attributes: JSONWriter.string(.object(decision.attributes))
        }
    }
}
