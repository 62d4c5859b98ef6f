/// Decides a recorded stream offline (spec §8): one partition, in the order of the file, with the same
/// engine as the daemon; only the input and the output differ.
public struct Replay {
    /// A line of an input file that was skipped.
    public struct Problem: Sendable, CustomStringConvertible {
        /// The file's path.
        public var file: String
        /// The line number, from 1.
        public var line: Int
        /// Why it was skipped.
        public var reason: String

        public var description: String { "\(file):\(line): \(reason)" }
    }

    /// The topic replay reads its events as, so ids match a daemon fed the same lines on one partition.
    public static let topic = "events"

    private let campaigns: CompiledCampaignSet
    private let tracedCustomer: String?

    /// Creates a replay of a compiled campaign set; with `tracing`, the summary holds that customer's trace
    /// (the set must be compiled with `explaining: true`).
    public init(campaigns: CompiledCampaignSet, tracing customer: String? = nil) {
        self.campaigns = campaigns
        tracedCustomer = customer
    }

    /// Loads `profiles` (when given), decides every event of `events`, then advances the clock to `until`
    /// (when given). Each decision goes to `decide` as it is made, each skipped line to `skip`, and
    /// `progress` is called every 65,536 lines with the number of lines read.
    public func run(
        events: LineReader,
        profiles: LineReader?,
        until: Int64?,
        decide: (Decision) -> Void,
        skip: (Problem) -> Void,
        progress: (Int) -> Void = { _ in }
    ) throws -> ReplaySummary {
        let engine = Engine(campaigns: campaigns)
        if let tracedCustomer { engine.trace(customer: tracedCustomer) }
        var summary = ReplaySummary()
        if let profiles {
            try profiles.forEachLine { number, line in
                guard !Self.isBlank(line) else { return }
                if let reason = engine.setProfile(line) {
                    summary.skippedProfiles += 1
                    skip(Problem(file: profiles.path, line: number, reason: reason.description))
                } else {
                    summary.profiles += 1
                }
            }
        }
        var decisions: [Decision] = []
        var offset: Int64 = 0
        try events.forEachLine { number, line in
            if number % 65_536 == 0 { progress(number) }
            guard !Self.isBlank(line) else { return }
            defer { offset += 1 }
            decisions.removeAll(keepingCapacity: true)
            let reference = EventReference(topic: Self.topic, partition: 0, offset: offset)
            if let reason = engine.process(line, fallbackTime: nil, reference: reference, into: &decisions) {
                summary.skippedEvents += 1
                skip(Problem(file: events.path, line: number, reason: reason.description))
            } else {
                summary.events += 1
                decisions.forEach(decide)
            }
            if tracedCustomer != nil { summary.lines.append(number) }
        }
        if let until {
            decisions.removeAll(keepingCapacity: true)
            engine.advanceClock(of: 0, to: until, into: &decisions)
            decisions.forEach(decide)
        }
        summary.statistics = engine.statistics
        summary.trace = engine.trace
        summary.campaignNames = campaigns.campaignNames
        return summary
    }

    private static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }
}
