import Lurker
import RuleDSL

/// A campaign set and an input stream for partition 0, run through the engine or the naive evaluator the way
/// `lurker replay` runs a file: events in order, profile changes between them, then the clock to `until`.
struct EngineScenario {
    /// One input, in order.
    enum Step {
        /// A message of the profiles topic; nil forgets the customer.
        case profile(customer: String, JSONObject?)
        /// An event.
        case event(NaiveEvent)
    }

    var seed: UInt64?
    var campaigns: [Campaign]
    var steps: [Step]
    /// The final clock advance (`--until`), if any.
    var until: Int64?

    init(seed: UInt64? = nil, campaigns: [Campaign], steps: [Step], until: Int64? = nil) {
        self.seed = seed
        self.campaigns = campaigns
        self.steps = steps
        self.until = until
    }

    /// The engine's decisions, ids included; with `tracing`, the engine explains that customer's moments.
    func runEngine(tracing customer: String? = nil) -> [Decision] {
        let engine = Engine(campaigns: CompiledCampaignSet(campaigns, explaining: customer != nil))
        if let customer { engine.trace(customer: customer) }
        var decisions: [Decision] = []
        var offset: Int64 = 0
        for step in steps {
            switch step {
            case .profile(let customer, let profile):
                var writer = JSONWriter()
                if let profile { writer.append(.object(profile)) }
                engine.setProfile(profile == nil ? nil : writer.bytes, customer: customer)
            case .event(let event):
                let reference = EventReference(topic: "events", partition: 0, offset: offset)
                let reason = engine.process(event.message, fallbackTime: nil, reference: reference, into: &decisions)
                precondition(reason == nil, "a generated event is valid: \(reason!)")
                offset += 1
            }
        }
        if let until { engine.advanceClock(of: 0, to: until, into: &decisions) }
        return decisions
    }

    /// The naive evaluator's decisions.
    func runNaive() -> [NaiveDecision] {
        var naive = NaiveEvaluator(campaigns: campaigns)
        var decisions: [NaiveDecision] = []
        for step in steps {
            switch step {
            case .profile(let customer, let profile):
                naive.setProfile(profile, customer: customer)
            case .event(let event):
                decisions += naive.process(event)
            }
        }
        if let until { decisions += naive.advanceClock(to: until) }
        return decisions
    }

    /// Where the two lists first differ, nil when they are identical.
    static func firstDifference(_ engine: [NaiveDecision], _ naive: [NaiveDecision]) -> Int? {
        for index in 0..<max(engine.count, naive.count) {
            guard index < engine.count, index < naive.count, engine[index].isIdentical(to: naive[index]) else { return index }
        }
        return nil
    }

    /// Whether the two lists hold the same decisions, whatever their order.
    static func sameDecisionsInAnyOrder(_ engine: [NaiveDecision], _ naive: [NaiveDecision]) -> Bool {
        let sortedEngine = engine.sorted { $0.description.utf8.lexicographicallyPrecedes($1.description.utf8) }
        let sortedNaive = naive.sorted { $0.description.utf8.lexicographicallyPrecedes($1.description.utf8) }
        return firstDifference(sortedEngine, sortedNaive) == nil
    }

    /// Everything needed to reproduce a run: seed, campaigns, inputs, and both decision lists.
    func report(engine: [NaiveDecision], naive: [NaiveDecision]) -> String {
        var lines: [String] = []
        if let seed { lines.append("seed: \(seed)") }
        lines.append("campaigns:")
        lines += campaigns.map(NaiveCampaignText.render)
        lines.append("inputs:")
        var offset = 0
        for step in steps {
            switch step {
            case .profile(let customer, let profile):
                lines.append("  profile \(NaiveValue.quoted(customer)) = " + (profile.map { NaiveValue.render(.object($0)) } ?? "null"))
            case .event(let event):
                lines.append("  #\(offset) \(NaiveTime.format(event.time)) \(NaiveValue.render(.object(event.fields)))")
                offset += 1
            }
        }
        if let until { lines.append("  until \(NaiveTime.format(until))") }
        let difference = Self.firstDifference(engine, naive)
        lines.append("engine decisions:")
        for (index, decision) in engine.enumerated() {
            lines.append((index == difference ? "> " : "  ") + "\(index): \(decision)")
        }
        lines.append("naive decisions:")
        for (index, decision) in naive.enumerated() {
            lines.append((index == difference ? "> " : "  ") + "\(index): \(decision)")
        }
        return lines.joined(separator: "\n")
    }
}
