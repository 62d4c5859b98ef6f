import RuleDSL

/// `lurker bench engine`: the engine alone (decode + decide, no Kafka) on one thread, over a generated
/// workload, with the campaign count asked for and with 10 campaigns on the same events.
public struct EngineBench: Sendable {
    /// What to run.
    public struct Options: Sendable {
        /// The number of campaigns. Default 10,000.
        public var campaigns = 10_000
        /// The number of customers, each with a profile. Default 1,000,000.
        public var customers = 1_000_000
        /// The number of events decided. Default 2,000,000.
        public var events = 2_000_000
        /// The seed of the workload. Default 7.
        public var seed: UInt64 = 7

        /// The defaults.
        public init() {}
    }

    /// The figures of one run.
    public struct Run: Sendable {
        /// The number of campaigns.
        public var campaigns: Int
        /// Events decided.
        public var events: Int
        /// Decisions made.
        public var decisions: Int
        /// Wall-clock nanoseconds deciding the events (decode included, profiles excluded).
        public var nanoseconds: Int64
        /// Heap allocations while deciding, when the malloc interposer is preloaded.
        public var allocations: Int64?
        /// Customers held at the end.
        public var customersHeld: Int
        /// Resident bytes the engine added (profiles, history, counts, waits, indexes), peak included.
        public var stateBytes: Int
        /// Milliseconds to check and compile the campaign set.
        public var compileMilliseconds: Int64

        /// Events per second.
        public var eventsPerSecond: Double { Double(events) * 1e9 / Double(max(nanoseconds, 1)) }
        /// Nanoseconds per event.
        public var nanosecondsPerEvent: Double { Double(nanoseconds) / Double(max(events, 1)) }
        /// Allocations per event, when counted.
        public var allocationsPerEvent: Double? { allocations.map { Double($0) / Double(max(events, 1)) } }
        /// Resident bytes per customer held.
        public var bytesPerCustomer: Double { Double(stateBytes) / Double(max(customersHeld, 1)) }
    }

    /// Both runs of a benchmark.
    public struct Report: Sendable {
        /// The run with the campaign count asked for.
        public var run: Run
        /// The run with 10 campaigns on the same events.
        public var baseline: Run
        /// The rate with the campaigns asked for over the rate with 10.
        public var ratio: Double { run.eventsPerSecond / baseline.eventsPerSecond }
    }

    private let options: Options

    /// Creates the benchmark.
    public init(options: Options) {
        self.options = options
    }

    /// Generates the workload, then runs it with 10 campaigns and with ``Options/campaigns``; `progress` gets
    /// a line before each step.
    public func run(progress: (String) -> Void) throws -> Report {
        progress("generating \(options.customers) profiles and \(options.events) events")
        let workload = BenchWorkload(
            campaigns: options.campaigns, customers: options.customers, events: options.events, seed: options.seed)
        progress("10 campaigns")
        let baseline = try Self.run(campaignText: BenchWorkload.campaigns(10, seed: options.seed), workload: workload)
        progress("\(options.campaigns) campaigns")
        let run = try Self.run(campaignText: workload.campaignText, workload: workload)
        return Report(run: run, baseline: baseline)
    }

    private static func run(campaignText: String, workload: BenchWorkload) throws -> Run {
        let compileStart = WallClock.monotonicMilliseconds()
        let checked = CampaignChecker.check([SourceFile(path: "bench.lurk", text: campaignText)], now: 0)
        guard !checked.hasErrors else {
            throw LurkerError(.invalidCampaigns, "the generated campaign set has errors: \(checked.diagnostics.first!.message)")
        }
        let campaigns = CompiledCampaignSet(checked.campaigns)
        let compileMilliseconds = WallClock.monotonicMilliseconds() - compileStart

        ResidentMemory.releaseFreeHeap()
        let heapBefore = ResidentMemory.bytes()
        let engine = Engine(campaigns: campaigns)
        for profile in workload.profiles {
            engine.setProfile(profile.json, customer: profile.customer)
        }
        var decisions: [Decision] = []
        decisions.reserveCapacity(64)
        var decided = 0
        let counter = AllocationCounter()
        let start = WallClock.monotonicNanoseconds()
        let allocations = counter.count {
            for (offset, event) in workload.events.enumerated() {
                decisions.removeAll(keepingCapacity: true)
                engine.process(
                    event, fallbackTime: nil, reference: EventReference(topic: "events", partition: 0, offset: Int64(offset)),
                    into: &decisions)
                decided += decisions.count
            }
        }
        let nanoseconds = WallClock.monotonicNanoseconds() - start
        let stateBytes = ResidentMemory.bytes() - heapBefore
        return Run(
            campaigns: checked.campaigns.count, events: workload.events.count, decisions: decided,
            nanoseconds: nanoseconds, allocations: allocations, customersHeld: engine.customerCount,
            stateBytes: stateBytes, compileMilliseconds: compileMilliseconds)
    }
}
