import Logging
import Synchronization

/// `lurker demo`: the whole product on the embedded default. It starts librdkafka's mock cluster in
/// process, runs the daemon on it with a campaign set, feeds it the synthetic stream of ``DemoStream``
/// through a real producer, prints each sent offer and escalation as the daemon publishes it, and ends
/// with a table per campaign. While it runs, the daemon's HTTP endpoint serves the live campaign page, and
/// ``DemoResponder`` answers some offers on the responses topic as channels would.
public struct DemoRunner: Sendable {
    /// What the demo runs.
    public struct Options: Sendable {
        /// How long the demo runs, in seconds. Default 20.
        public var seconds: Double = 20
        /// How many synthetic customers. Default 3000.
        public var customers = 3000
        /// The seed of the stream. Default 42.
        public var seed: UInt64 = 42
        /// The partition count of `events` and `profiles`. Default 4.
        public var partitions = EmbeddedBroker.defaultPartitions
        /// Events produced per second; nil spreads the stream over the first 60% of ``seconds``.
        public var eventsPerSecond: Double?
        /// Whether each sent offer and escalation is printed. Default true.
        public var printsDecisions = true
        /// Where the HTTP endpoint listens: `127.0.0.1:9464`, or any free port when 9464 is taken.
        public var metricsAddress = "127.0.0.1:9464"
        /// The campaign folder to reload when its files change, or nil for none. Default nil.
        public var campaignsPath: String?

        /// The defaults.
        public init() {}
    }

    /// What the demo did, for the closing lines and for tests.
    public struct Report: Sendable {
        /// The engine's counters at the end.
        public var statistics: EngineStatistics
        /// The pipeline's counters at the end.
        public var counters: PipelineCounters
        /// The campaign names in set order.
        public var campaignNames: [String]
        /// Event records produced (malformed ones included).
        public var eventsProduced: Int
        /// Profile records produced.
        public var profilesProduced: Int
    }

    private let campaigns: CompiledCampaignSet
    private let options: Options
    private let logger: Logger

    /// Creates a demo of `campaigns`.
    public init(campaigns: CompiledCampaignSet, options: Options = Options(), logger: Logger) {
        self.campaigns = campaigns
        self.options = options
        self.logger = logger
    }

    /// Runs the demo for ``Options/seconds`` (or until SIGINT/SIGTERM), printing to standard output.
    public func run() async throws -> Report {
        let broker = try EmbeddedBroker(partitions: options.partitions)
        defer { broker.close() }
        let stream = DemoStream(customers: options.customers, seed: options.seed)
        let printer = Mutex(OutputStream.standardOutput())
        let print: @Sendable (String) -> Void = { line in
            printer.withLock { output in
                output.write(line)
                output.flush()
            }
        }
        print(
            """
            lurker demo: Kafka mock cluster (librdkafka \(KafkaVersion.string)) on \(broker.bootstrapServers)
              \(campaigns.campaigns.count) campaigns, \(stream.customers) customers, \(stream.eventCount) events \
            of one simulated day, \(Int(options.seconds)) s; offers and escalations as the daemon publishes them:

            """
        )

        var configuration = DaemonConfiguration()
        configuration.kafka["bootstrap.servers"] = broker.bootstrapServers
        configuration.consumerKafka = EmbeddedBroker.consumerConfiguration.merging(
            KafkaConfiguration(["fetch.wait.max.ms": "10"]))
        configuration.idleMilliseconds = 2_000
        configuration.metricsAddress = options.metricsAddress
        configuration.campaignsPath = options.campaignsPath ?? ""
        configuration.campaignsPollMilliseconds = options.campaignsPath == nil ? 0 : 1_000
        let topics = configuration
        let stop = StopSignal()
        let printsDecisions = options.printsDecisions
        let responder = DemoResponder()
        let daemon = Daemon(
            configuration: configuration,
            campaigns: campaigns,
            logger: logger,
            observer: { decision in
                responder.observe(decision)
                guard printsDecisions, decision.outcome == .sent else { return }
                print(Self.line(decision, configuration: topics))
            },
            stop: stop,
            watchesSIGHUP: false,
            fallsBackToAnyPort: true
        )
        let seconds = options.seconds
        let rate = options.eventsPerSecond ?? Double(max(stream.eventCount, 1)) / (seconds * 0.6)
        let signals = SignalWatcher { _ in stop.stop() }
        defer { signals.cancel() }

        async let pipeline = daemon.run(handlesSignals: false)
        let started = WallClock.monotonicMilliseconds()
        while daemon.status.address == nil, !stop.isSet, WallClock.monotonicMilliseconds() - started < 5_000 {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if let address = daemon.status.address {
            let reloads = options.campaignsPath.map { " (edit \($0)/*.lurk: it reloads)" } ?? ""
            print("  live campaign view: http://\(address)/\(reloads)\n  metrics: http://\(address)/metrics\n\n")
        }
        async let produced = DedicatedThread.run(name: "lurker-demo-producer") {
            try Self.produce(stream, to: broker, rate: rate, responder: responder, until: stop, logger: logger)
        }
        let deadline = started + Int64(seconds * 1000)
        while !stop.isSet, WallClock.monotonicMilliseconds() < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        stop.stop()
        let (statistics, counters) = try await pipeline
        let (events, profiles) = try await produced
        let report = Report(
            statistics: statistics, counters: counters, campaignNames: campaigns.campaignNames,
            eventsProduced: events, profilesProduced: profiles)
        print("\n" + Self.summary(report))
        return report
    }

    /// Produces the stream's records paced at `rate` events per second (profiles at once), and the
    /// responder's responses as they come, until the stream ends or `stop` is raised; returns the events and
    /// profiles produced.
    private static func produce(
        _ stream: DemoStream, to broker: EmbeddedBroker, rate: Double, responder: DemoResponder,
        until stop: StopSignal, logger: Logger
    ) throws -> (events: Int, profiles: Int) {
        let failures = Atomic<Int>(0)
        let producer = try KafkaProducer(
            configuration: KafkaConfiguration(["bootstrap.servers": broker.bootstrapServers]),
            logger: logger,
            deliveryHandler: { report in
                if report.error != nil { failures.add(1, ordering: .relaxed) }
            }
        )
        defer { producer.close() }
        var stream = stream
        var events = 0
        var profiles = 0
        let started = WallClock.monotonicMilliseconds()
        func send(_ topic: String, _ key: [UInt8], _ value: [UInt8]) throws {
            try producer.send(topic: topic, key: key, value: value, token: 0, waitingForRoom: 10)
        }
        while !stop.isSet, let record = stream.next() {
            for response in responder.take() {
                try send(Self.responsesTopic, response.key, response.value)
            }
            let topic: String
            switch record.kind {
            case .event:
                let due = started + Int64(Double(events) * 1000 / rate)
                while !stop.isSet, WallClock.monotonicMilliseconds() < due {
                    try producer.poll(timeout: Int32(clamping: min(due - WallClock.monotonicMilliseconds(), 50)))
                }
                topic = EmbeddedBroker.partitionedTopics[0]
                events += 1
            case .profile:
                topic = EmbeddedBroker.partitionedTopics[1]
                profiles += 1
            }
            try send(topic, Array(record.key.utf8), record.value)
        }
        while !stop.isSet {
            for response in responder.take() {
                try send(Self.responsesTopic, response.key, response.value)
            }
            try producer.poll(timeout: 50)
        }
        try producer.flush(timeout: 10_000)
        let failed = failures.load(ordering: .relaxed)
        if failed > 0 { logger.error("the demo producer could not deliver \(failed) records") }
        return (events, profiles)
    }

    /// The topic the responder answers on: the daemon's default.
    private static let responsesTopic = DaemonConfiguration().responsesTopic

    /// One printed line for a sent offer or escalation: simulated time, topic, customer, what, campaign.
    static func line(_ decision: Decision, configuration: DaemonConfiguration) -> String {
        let time = Timestamp.format(decision.time)
        let clock = time.dropFirst(11).prefix(8)
        let (topic, what): (String, String)
        switch decision.action {
        case .offer(let offer): (topic, what) = (configuration.offerTopic(decision.channel ?? ""), offer)
        case .escalate(let level): (topic, what) = (configuration.escalationsTopic, level)
        }
        func padded(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(1, width - text.count))
        }
        return "  \(clock)  \(padded(topic, 19))\(padded(decision.customer, 8))\(padded(what, 24))\(decision.campaign)\n"
    }

    /// The closing table and totals.
    static func summary(_ report: Report) -> String {
        var table = CampaignTable()
        for (name, counters) in zip(report.campaignNames, report.statistics.campaigns) {
            table.add(name, counters)
        }
        let counters = report.counters
        let deadLettered = counters.deadLettered.values.reduce(0, +)
        let responses = counters.responseTallies.values.reduce(0) {
            $0 + $1.treatedAccepted + $1.treatedDeclined + $1.controlAccepted + $1.controlDeclined
        }
        return table.render()
            + "\n\(report.eventsProduced) events and \(report.profilesProduced) profiles produced; "
            + "\(counters.events) events consumed at \(Int(counters.eventsPerSecond.rounded())) events/s, "
            + "\(deadLettered) dead-lettered; \(counters.decisions) decisions, \(counters.offersSent) offers and "
            + "\(counters.escalationsSent) escalations sent; \(responses) responses counted.\n"
    }
}
