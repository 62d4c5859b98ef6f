import RuleDSL

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

    /// Creates a replay of a compiled campaign set.
    public init(campaigns: CompiledCampaignSet) {
        self.campaigns = campaigns
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
        let reader = JSONReader()
        let decoder = EventDecoder()
        var summary = ReplaySummary()
        if let profiles {
            try profiles.forEachLine { number, line in
                guard !Self.isBlank(line) else { return }
                let customer: Result<String, DeadLetterReason>
                let object: JSONObject
                do {
                    guard case .object(let fields) = try reader.read(line) else {
                        throw DeadLetterReason.notObject
                    }
                    object = fields
                    customer = EventDecoder.customer(in: fields)
                } catch let error as DeadLetterReason {
                    summary.skippedProfiles += 1
                    skip(Problem(file: profiles.path, line: number, reason: error.description))
                    return
                } catch {
                    summary.skippedProfiles += 1
                    skip(Problem(file: profiles.path, line: number, reason: DeadLetterReason.notJSON.description))
                    return
                }
                switch customer {
                case .success(let id):
                    engine.setProfile(object, customer: id)
                    summary.profiles += 1
                case .failure(let reason):
                    summary.skippedProfiles += 1
                    skip(Problem(file: profiles.path, line: number, reason: reason.description))
                }
            }
        }
        var decisions: [Decision] = []
        var offset: Int64 = 0
        try events.forEachLine { number, line in
            if number % 65_536 == 0 { progress(number) }
            guard !Self.isBlank(line) else { return }
            defer { offset += 1 }
            switch decoder.decode(line, fallbackTime: nil) {
            case .success(let event):
                decisions.removeAll(keepingCapacity: true)
                engine.process(event, reference: EventReference(topic: Self.topic, partition: 0, offset: offset), into: &decisions)
                summary.events += 1
                decisions.forEach(decide)
            case .failure(let reason):
                summary.skippedEvents += 1
                skip(Problem(file: events.path, line: number, reason: reason.description))
            }
        }
        if let until {
            decisions.removeAll(keepingCapacity: true)
            engine.advanceClock(of: 0, to: until, into: &decisions)
            decisions.forEach(decide)
        }
        summary.statistics = engine.statistics
        summary.campaignNames = campaigns.campaignNames
        return summary
    }

    private static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }
}
