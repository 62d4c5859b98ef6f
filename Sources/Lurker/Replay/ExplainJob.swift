import RuleDSL

/// `lurker explain`: replays the input (as `lurker replay` does) while tracing one customer, and tells, at each
/// of their moments, every campaign's verdict and why: the condition that was false and what it saw, the wait
/// that was already pending, the governance step that stopped a firing.
public struct ExplainJob {
    private let campaigns: CompiledCampaignSet
    private let customer: String
    private let input: ReplayInput
    private let directory: String?

    /// Creates the job; `campaigns` must be compiled with `explaining: true`. Relative paths of the `input` are
    /// read from `directory` when given (they are shown as given).
    public init(campaigns: CompiledCampaignSet, customer: String, input: ReplayInput, directory: String? = nil) {
        self.campaigns = campaigns
        self.customer = customer
        self.input = input
        self.directory = directory
    }

    /// Replays and returns the explanation as text; skipped lines go to `skip`.
    public func run(skip: (Replay.Problem) -> Void) throws -> String {
        var decisions = 0
        let summary = try input.run(
            Replay(campaigns: campaigns, tracing: customer),
            directory: directory,
            decide: { if $0.customer.utf8.elementsEqual(customer.utf8) { decisions += 1 } },
            skip: skip
        )
        return render(summary, decisions: decisions)
    }

    private func render(_ summary: ReplaySummary, decisions: Int) -> String {
        let eventCount = summary.trace.count { if case .event = $0.cause { true } else { false } }
        var text = "customer \(JSONWriter.string(.string(customer))): \(eventCount) events, \(decisions) decisions\n"
        if summary.trace.isEmpty {
            text += "no event of this customer in \(input.events)\n"
            return text
        }
        let width = max(summary.campaignNames.map(\.count).max() ?? 0, 8) + 2
        for step in summary.trace {
            text += "\n"
            switch step.cause {
            case .event(let type, let time, let reference):
                let line = Int(reference.offset) < summary.lines.count ? ":\(summary.lines[Int(reference.offset)])" : ""
                text += "\(Timestamp.format(time))  \(type)  (\(input.events)\(line))\n"
                if step.verdicts.isEmpty { text += "  no campaign is triggered by \(type)\n" }
            case .timers(let due):
                text += "\(Timestamp.format(due))  waits due\n"
            }
            for (campaign, verdict) in step.verdicts {
                let padding = String(repeating: " ", count: max(1, width - campaign.count))
                text += "  \(campaign)\(padding)\(describe(verdict))\n"
            }
        }
        return text
    }

    private func describe(_ verdict: TraceStep.Verdict) -> String {
        switch verdict {
        case .inactive(let from, let until):
            let window = [from.map { "from \(Timestamp.format($0))" }, until.map { "until \(Timestamp.format($0))" }]
            return "not active (" + window.compactMap { $0 }.joined(separator: " ") + ")"
        case .conditionFalse(let conjunct, let operands):
            var text = "not triggered: \(CanonicalText.expression(conjunct)) is not true"
            let seen = operands.map { "\(CanonicalText.expression($0.expression)) is \(describe($0.value))" }
            if !seen.isEmpty { text += " (" + seen.joined(separator: ", ") + ")" }
            return text
        case .waitAlreadyPending(let due):
            return "triggered, but its wait is already pending (due \(Timestamp.format(due)))"
        case .waitStarted(let due):
            return "triggered: wait started, due \(Timestamp.format(due))"
        case .cancelled:
            return "cancelled: the pending wait ends without an offer"
        case .decided(let outcome, let governance):
            return outcome.rawValue + ": " + describe(governance)
        }
    }

    private func describe(_ governance: TraceStep.Governance) -> String {
        switch governance {
        case .limit(let count, let window):
            return "limit \(count) per customer" + (window.map { " per \(CanonicalText.duration($0))" } ?? "") + " reached"
        case .budget(let count, let period):
            let per: String =
                switch period {
                case .hour: " per hour"
                case .day: " per day"
                case .ever: ""
                }
            return "budget \(count)\(per) used up"
        case .outranked(let winner, let channel):
            return "outranked on channel \(channel) by \(winner)"
        case .holdout(let basisPoints):
            return "in the control group (holdout \(CanonicalText.percent(hundredths: basisPoints)))"
        case .noChannel:
            return "no usable channel"
        case .sent(let channel):
            return channel.map { "offered on channel \($0)" } ?? "escalated"
        }
    }

    private func describe(_ value: Value) -> String {
        switch value {
        case .missing: "missing"
        case .duration(let milliseconds): CanonicalText.duration(milliseconds)
        default: JSONWriter.string(value)
        }
    }
}
