import Foundation
import Histogram
import Logging
import RuleDSL
import Synchronization

/// `lurker bench kafka`: Lurker through Kafka, on the embedded broker, against what the machine can do.
///
/// In one run: the seeded workload is produced to `events` (and profiles to `profiles`); librdkafka's raw
/// consume rate of those messages is measured first (a consumer that reads and drops them: the physical limit
/// here); then the daemon's pipeline decides the same messages end to end (consume, decide, produce offers and
/// decisions, wait for every acknowledgement, store offsets); then the workload's events are produced again
/// at half the pipeline's rate, one in twenty replaced by a probe event, and the time from producing each probe
/// to its offer arriving at a consumer is recorded in an HdrHistogram (an upper bound of "produce to offer
/// acknowledged": the offer's acknowledgement precedes its delivery to the consumer).
public struct KafkaBench: Sendable {
    /// What to run.
    public struct Options: Sendable {
        /// Events produced and decided. Default 200,000.
        public var events = 200_000
        /// Customers, each with a profile. Default 50,000.
        public var customers = 50_000
        /// Campaigns of the generated set. Default 1,000.
        public var campaigns = 1_000
        /// Partitions of the input and output topics (the mock cluster keeps about 5 MiB per partition). Default 16.
        public var partitions = 16
        /// How long probes are produced for the latency measurement, in seconds. Default 10.
        public var latencySeconds = 10.0
        /// Events per second for the latency measurement; nil for half the pipeline's measured rate. Default nil.
        public var latencyRate: Double?
        /// The workload's seed. Default 7.
        public var seed: UInt64 = 7

        /// The defaults.
        public init() {}
    }

    /// The figures of a run.
    public struct Report: Sendable {
        /// Messages (events and profiles) read by the raw consumer per second.
        public var rawRate: Double
        /// Messages completed by the pipeline per second.
        public var lurkerRate: Double
        /// Events produced per second for the latency measurement (half ``lurkerRate`` unless set), one in twenty a
        /// probe.
        public var latencyRate: Double
        /// Probes whose offer arrived.
        public var probes: Int
        /// Produce → offer latency percentiles in microseconds: 50, 99, 99.9.
        public var latency: (p50: UInt64, p99: UInt64, p999: UInt64)
        /// Messages in the measured runs.
        public var messages: Int

        /// The pipeline's rate over the raw consume rate.
        public var ratio: Double { lurkerRate / rawRate }
    }

    private let options: Options
    private let logger: Logger

    /// Creates the benchmark.
    public init(options: Options, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    /// The campaign every probe event triggers: one offer on `web`, carrying when the probe was produced.
    static let probeCampaign = """
        campaign bench_probe { on bench.probe offer "probe" via web with { sent: event.sent_us } limit none }
        """

    /// Runs the three phases; `progress` gets a line before each.
    public func run(progress: @Sendable (String) -> Void) async throws -> Report {
        progress("generating \(options.customers) profiles and \(options.events) events")
        let workload = BenchWorkload(
            campaigns: options.campaigns, customers: options.customers, events: options.events, seed: options.seed)
        let checked = CampaignChecker.check(
            [SourceFile(path: "bench.lurk", text: workload.campaignText + Self.probeCampaign)], now: 0)
        guard !checked.hasErrors else {
            throw LurkerError(.invalidCampaigns, "the generated campaign set has errors")
        }
        let campaigns = CompiledCampaignSet(checked.campaigns)

        let broker = try EmbeddedBroker(partitions: options.partitions, outputPartitions: options.partitions)
        defer { broker.close() }
        let servers = broker.bootstrapServers
        progress("producing \(workload.profiles.count) profiles and \(workload.events.count) events")
        let messages = workload.profiles.count + workload.events.count
        try await DedicatedThread.run(name: "bench-produce") {
            try Self.produce(workload, to: servers, logger: logger)
        }

        progress("raw consume")
        let rawRate = try await DedicatedThread.run(name: "bench-raw") {
            try Self.rawConsume(servers: servers, count: messages, logger: logger)
        }

        progress("lurker run")
        var configuration = DaemonConfiguration()
        configuration.kafka["bootstrap.servers"] = servers
        configuration.groupID = "bench-lurker"
        configuration.idleMilliseconds = 3_600_000
        configuration.consumerKafka = Self.consumerOverrides
        let stop = StopSignal()
        let pipelineProgress = PipelineProgress()
        let service = DaemonService(
            configuration: configuration, campaigns: campaigns, logger: logger, stop: stop, progress: pipelineProgress)
        let daemon = Task { try await service.runPipeline() }
        defer { stop.stop() }
        let lurkerRate = try await Self.measure(pipelineProgress, until: messages)

        let halfRate = options.latencyRate ?? lurkerRate / 2
        progress("latency at \(Int(halfRate.rounded())) events/s, \(Int(options.latencySeconds)) s")
        let seconds = options.latencySeconds
        let (histogram, received) = try await DedicatedThread.run(name: "bench-latency") {
            try Self.latency(workload, servers: servers, rate: halfRate, seconds: seconds, logger: logger)
        }
        stop.stop()
        _ = try await daemon.value
        return Report(
            rawRate: rawRate, lurkerRate: lurkerRate, latencyRate: halfRate, probes: received,
            latency: (
                histogram.valueAtPercentile(50), histogram.valueAtPercentile(99), histogram.valueAtPercentile(99.9)
            ),
            messages: messages)
    }

    /// Consumer properties for the mock cluster: a short session, fetches answered at once.
    static let consumerOverrides = EmbeddedBroker.consumerConfiguration.merging(
        KafkaConfiguration([
            "fetch.wait.max.ms": "1",
            "auto.commit.interval.ms": "1000",
        ]))

    private static func produce(_ workload: BenchWorkload, to servers: String, logger: Logger) throws {
        let failures = Atomic<Int>(0)
        let producer = try KafkaProducer(
            configuration: KafkaConfiguration(["bootstrap.servers": servers, "linger.ms": "20"]),
            logger: logger,
            deliveryHandler: { if $0.error != nil { failures.add(1, ordering: .relaxed) } })
        defer { producer.close() }
        func send(_ topic: String, _ key: String, _ value: [UInt8]) throws {
            try producer.send(topic: topic, key: Array(key.utf8), value: value, token: 0, waitingForRoom: 10)
        }
        for profile in workload.profiles { try send("profiles", profile.customer, profile.json) }
        for (key, event) in zip(workload.eventCustomers, workload.events) { try send("events", key, event) }
        try producer.flush(timeout: 120_000)
        let failed = failures.load(ordering: .relaxed)
        guard failed == 0 else { throw LurkerError(.kafka, "\(failed) benchmark messages were not delivered") }
    }

    /// Reads `count` messages of `events` and `profiles` and drops them; the rate from the first to the last.
    private static func rawConsume(servers: String, count: Int, logger: Logger) throws -> Double {
        let consumer = try KafkaConsumer(
            configuration: KafkaConfiguration(["bootstrap.servers": servers, "group.id": "bench-raw"])
                .merging(consumerOverrides),
            topics: ["events", "profiles"], logger: logger)
        defer { consumer.close() }
        var batch: [KafkaMessage] = []
        batch.reserveCapacity(1000)
        var read = 0
        var first: Int64?
        let deadline = WallClock.monotonicMilliseconds() + 300_000
        while read < count, WallClock.monotonicMilliseconds() < deadline {
            batch.removeAll(keepingCapacity: true)
            read += try consumer.poll(timeout: 100, into: &batch, max: 1000)
            if first == nil, read > 0 { first = WallClock.monotonicNanoseconds() }
        }
        guard read >= count, let first else { throw LurkerError(.kafka, "the raw consumer read \(read) of \(count)") }
        return Double(read) * 1e9 / Double(max(WallClock.monotonicNanoseconds() - first, 1))
    }

    /// Waits for the pipeline to complete `count` messages; the rate from the first completion to the last.
    private static func measure(_ progress: PipelineProgress, until count: Int) async throws -> Double {
        var first: Int64?
        let deadline = WallClock.monotonicMilliseconds() + 600_000
        while progress.completed < count, WallClock.monotonicMilliseconds() < deadline {
            if first == nil, progress.completed > 0 { first = WallClock.monotonicNanoseconds() }
            try await Task.sleep(for: .milliseconds(first == nil ? 5 : 1))
        }
        let completed = progress.completed
        guard completed >= count, let first else {
            throw LurkerError(.kafka, "the pipeline completed \(completed) of \(count) messages")
        }
        return Double(completed) * 1e9 / Double(max(WallClock.monotonicNanoseconds() - first, 1))
    }

    /// One in how many events of the latency measurement is a probe.
    static let probeEvery = 20

    /// Produces the workload's events again at `rate` per second for `seconds`, one in ``probeEvery`` a probe, and
    /// records, for each probe's offer that arrives, the microseconds since the probe was produced.
    private static func latency(
        _ workload: BenchWorkload, servers: String, rate: Double, seconds: Double, logger: Logger
    ) throws -> (Histogram<UInt64>, Int) {
        let reader = try KafkaConsumer(
            configuration: KafkaConfiguration([
                "bootstrap.servers": servers, "group.id": "bench-latency", "auto.offset.reset": "latest",
            ]).merging(consumerOverrides),
            topics: ["offers.web"], logger: logger)
        defer { reader.close() }
        var messages: [KafkaMessage] = []
        let joined = WallClock.monotonicMilliseconds() + 30_000
        while reader.assignment().isEmpty, WallClock.monotonicMilliseconds() < joined {
            try reader.poll(timeout: 100, into: &messages, max: 100)
        }
        let producer = try KafkaProducer(
            configuration: KafkaConfiguration(["bootstrap.servers": servers, "linger.ms": "1"]),
            logger: logger, deliveryHandler: { _ in })
        defer { producer.close() }

        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var received = 0
        func record() {
            for message in messages {
                guard let value = message.value, let sent = Self.sentMicroseconds(value) else { continue }
                histogram.record(UInt64(max(0, WallClock.monotonicNanoseconds() / 1000 - sent)))
                received += 1
            }
            messages.removeAll(keepingCapacity: true)
        }
        func send(_ key: String, _ value: [UInt8]) throws {
            try producer.send(topic: "events", key: Array(key.utf8), value: value, token: 0, waitingForRoom: 1)
        }
        // Paced without spinning: each turn sends what is due by now, then waits up to 1 ms on the reader.
        let start = WallClock.monotonicNanoseconds()
        let total = Int(rate * seconds)
        var index = 0
        var probes = 0
        while index < total {
            let due = min(total, Int(Double(WallClock.monotonicNanoseconds() - start) * rate / 1e9) + 1)
            while index < due {
                defer { index += 1 }
                guard index % probeEvery == 0 else {
                    let event = index % workload.events.count
                    try send(workload.eventCustomers[event], workload.events[event])
                    continue
                }
                let sent = WallClock.monotonicNanoseconds() / 1000
                let customer = "probe-\(probes % 1000)"
                probes += 1
                try send(
                    customer,
                    Array(#"{"customer": "\#(customer)", "type": "bench.probe", "ts": \#(WallClock.milliseconds()), "sent_us": \#(sent)}"#.utf8))
            }
            try producer.poll(timeout: 0)
            try reader.poll(timeout: 1, into: &messages, max: 1000)
            record()
        }
        let drain = WallClock.monotonicMilliseconds() + 10_000
        while received < probes, WallClock.monotonicMilliseconds() < drain {
            try reader.poll(timeout: 10, into: &messages, max: 1000)
            record()
        }
        return (histogram, received)
    }

    /// The `sent` attribute of a probe's offer.
    private static func sentMicroseconds(_ value: [UInt8]) -> Int64? {
        guard case .object(let decision)? = try? JSONReader().read(value),
            case .string("bench_probe") = decision["campaign"],
            case .object(let attributes) = decision["attributes"], case .number(let sent) = attributes["sent"]
        else { return nil }
        return Int64(sent)
    }
}
