import Logging
import RuleDSL

/// The daemon's processing loop: consume events, profiles and responses, decide, publish, store offsets once
/// every output is acknowledged. It owns the consumer, the producer and the engine, and runs on one dedicated
/// thread (never the cooperative pool): every librdkafka call here may block.
///
/// It counts in plain integers and exports the differences to the metrics and the campaign view every
/// ``exportIntervalMilliseconds`` and when it stops; it puts a reloaded campaign set in force between two
/// events.
public final class Pipeline {
    /// How often counters are exported: 500 ms.
    static let exportIntervalMilliseconds: Int64 = 500

    /// A message waiting for room in the producer's queue.
    private struct Outgoing {
        var topic: String
        var key: [UInt8]
        var value: [UInt8]
        var headers: [(String, [UInt8])]
        var token: UInt64
    }

    private let configuration: DaemonConfiguration
    private let logger: Logger
    private let consumer: KafkaConsumer
    private let producer: KafkaProducer
    private let engine: Engine
    private let inbox: PipelineInbox
    private let observer: ((Decision) -> Void)?
    private let metrics: DaemonMetrics
    private let status: DaemonStatus
    private let reloads: CampaignSetMailbox
    private let progress: PipelineProgress
    private var exporter: MetricsExporter
    private var latencies = LatencyHistogram()
    private var lastExport: Int64 = 0
    private var decisionMemory: DecisionMemory
    private var runningCampaigns: Set<String>
    private var assigned: Set<TopicPartition> = []
    private var tracker = OffsetTracker()
    private var batch: [KafkaMessage] = []
    private var batchIndex = 0
    /// What one poll brings, appended to ``batch`` after the poll: a rebalance inside the poll changes ``batch``.
    private var polled: [KafkaMessage] = []
    private var backlog: [Outgoing] = []
    private var paused: [TopicPartition] = []
    private var decisions: [Decision] = []
    /// Per assigned partition number, the wall-clock time of its latest event, or of its assignment.
    private var lastEventWallTime: [Int32: Int64] = [:]
    private var lastIdleCheck: Int64 = 0
    private var deliveryFailure: KafkaError?

    /// Counters since start, for logs, the demo and tests.
    public private(set) var counters: PipelineCounters

    /// Connects to Kafka and subscribes; partitions arrive with the group's first rebalance.
    ///
    /// - Parameters:
    ///   - observer: Called on the pipeline's thread with each decision once it is published.
    ///   - metrics: Where counters are exported; default metrics of its own.
    ///   - status: Where readiness and the campaign view are published; default a status of its own.
    ///   - reloads: Where reloaded campaign sets come from; default a mailbox nobody posts to.
    ///   - progress: Where the completed messages are counted; default a progress of its own.
    public init(
        configuration: DaemonConfiguration,
        campaigns: CompiledCampaignSet,
        logger: Logger,
        observer: ((Decision) -> Void)? = nil,
        metrics: DaemonMetrics = DaemonMetrics(),
        status: DaemonStatus = DaemonStatus(),
        reloads: CampaignSetMailbox = CampaignSetMailbox(),
        progress: PipelineProgress = PipelineProgress()
    ) throws {
        self.configuration = configuration
        self.logger = logger
        self.observer = observer
        self.metrics = metrics
        self.status = status
        self.reloads = reloads
        self.progress = progress
        self.engine = Engine(campaigns: campaigns)
        self.counters = PipelineCounters(eventTopicCount: configuration.eventTopics.count)
        self.exporter = MetricsExporter(metrics: metrics, status: status, configuration: configuration)
        self.decisionMemory = DecisionMemory(capacity: configuration.rememberedDecisions)
        self.runningCampaigns = Set(campaigns.campaignNames)
        let inbox = PipelineInbox()
        self.inbox = inbox
        let gauges = KafkaStatisticsGauges(metrics: metrics)
        var kafka = configuration.kafka
        if kafka["statistics.interval.ms"] == nil {
            kafka["statistics.interval.ms"] = DaemonConfiguration.defaultStatisticsInterval
        }
        var consumerConfiguration = kafka.merging(configuration.consumerKafka)
        consumerConfiguration["group.id"] = configuration.groupID
        self.consumer = try KafkaConsumer(
            configuration: consumerConfiguration,
            topics: configuration.inputTopics,
            logger: logger,
            rebalanceHandler: { event in inbox.rebalance(event) },
            statisticsHandler: { statistics in gauges.update(statistics) }
        )
        self.producer = try KafkaProducer(
            configuration: kafka,
            logger: logger,
            deliveryHandler: { report in inbox.deliver(report) },
            statisticsHandler: { statistics in gauges.update(statistics) }
        )
        inbox.pipeline = self
        exporter.rebase(campaigns: campaigns, statistics: engine.statistics)
    }

    /// The engine's counters.
    public var statistics: EngineStatistics { engine.statistics }

    /// Runs until `stop` is set, then shuts down gracefully: stops input, finishes in-flight work, flushes
    /// the producer, stores and commits offsets and leaves the group. A fatal Kafka error or a delivery that
    /// failed for good ends it with that error and commits nothing more.
    public func run(until stop: StopSignal) throws {
        logger.info("pipeline started", metadata: [LogKey.campaigns: "\(engine.campaigns.campaigns.count)"])
        status.setRunning(true)
        defer { status.setRunning(false) }
        do {
            while !stop.isSet {
                try step()
            }
            try finish()
        } catch {
            status.setFailure("\(error)")
            exportMetrics()
            throw error
        }
        consumer.close()
        producer.close()
        exportMetrics()
        logger.info("pipeline stopped", metadata: [LogKey.events: "\(counters.events)"])
    }

    /// One turn of the loop: a reloaded set, acknowledgements, then input, then the idle clocks and the
    /// export of the counters.
    private func step() throws {
        if let campaigns = reloads.take() {
            replace(campaigns)
        }
        try serviceProducer(timeout: 0)
        if !backlog.isEmpty {
            try drainBacklog()
            if !backlog.isEmpty {
                try poll(timeout: 0)
                try serviceProducer(timeout: 10)
                return
            }
            try resumeInput()
        }
        if batchIndex >= batch.count {
            batch.removeAll(keepingCapacity: true)
            batchIndex = 0
            try poll(timeout: 20)
        }
        while batchIndex < batch.count, backlog.isEmpty {
            let message = batch[batchIndex]
            batchIndex += 1
            try handle(message)
        }
        try advanceIdleClocks()
        if WallClock.monotonicMilliseconds() - lastExport >= Self.exportIntervalMilliseconds {
            exportMetrics()
        }
    }

    /// Polls the consumer for up to a batch of messages and appends them to ``batch``.
    private func poll(timeout: Int32) throws {
        defer { polled.removeAll(keepingCapacity: true) }
        try consumer.poll(timeout: timeout, into: &polled, max: configuration.batchSize)
        batch.append(contentsOf: polled)
    }

    /// Exports the counters' differences since the last export.
    private func exportMetrics() {
        lastExport = WallClock.monotonicMilliseconds()
        exporter.export(
            counters: counters, campaigns: engine.campaigns, statistics: engine.statistics, latencies: &latencies,
            customers: engine.customerCount, pendingWaits: engine.pendingWaitCount)
    }

    /// Puts a reloaded campaign set in force, between two events: what the old set counted is exported first.
    private func replace(_ campaigns: CompiledCampaignSet) {
        exportMetrics()
        let change = engine.replace(campaigns: campaigns)
        runningCampaigns = Set(campaigns.campaignNames)
        exporter.rebase(campaigns: campaigns, statistics: engine.statistics)
        metrics.counter(.campaignsReloads, [(MetricName.Label.result, "success")]).increment()
        logger.notice(
            "campaigns reloaded",
            metadata: [
                LogKey.campaigns: "\(campaigns.campaignNames.count)",
                LogKey.added: "\(change.added.joined(separator: ","))",
                LogKey.removed: "\(change.removed.joined(separator: ","))",
                LogKey.modified: "\(change.modified.joined(separator: ","))",
            ])
    }

    private func handle(_ message: KafkaMessage) throws {
        let partition = message.topicPartition
        if message.topic == configuration.profilesTopic {
            tracker.begin(partition, offset: message.offset)
            try handleProfile(message)
        } else if message.topic == configuration.responsesTopic {
            tracker.begin(partition, offset: message.offset)
            try handleResponse(message)
        } else {
            tracker.begin(partition, offset: message.offset, consumedAt: WallClock.monotonicNanoseconds())
            try handleEvent(message)
        }
    }

    private func handleEvent(_ message: KafkaMessage) throws {
        let now = WallClock.milliseconds()
        counters.events += 1
        if let index = configuration.eventTopics.firstIndex(of: message.topic) {
            counters.eventsPerTopic[index] += 1
        }
        counters.firstEventAt = counters.firstEventAt ?? now
        counters.lastEventAt = now
        lastEventWallTime[message.partition] = now
        guard let value = message.value else {
            return try deadLetter(message, reason: .notJSON)
        }
        decisions.removeAll(keepingCapacity: true)
        let reference = EventReference(topic: message.topic, partition: message.partition, offset: message.offset)
        if let reason = engine.process(value, fallbackTime: message.timestamp, reference: reference, into: &decisions) {
            return try deadLetter(message, reason: reason)
        }
        for decision in decisions {
            try publish(decision, for: message.topicPartition, offset: message.offset)
        }
    }

    private func handleProfile(_ message: KafkaMessage) throws {
        counters.profiles += 1
        guard let key = message.key, !key.isEmpty else {
            return try deadLetter(message, reason: .missingCustomer)
        }
        guard key.count <= EventScanner.maximumCustomerLength, let customer = String(validating: key, as: UTF8.self)
        else {
            return try deadLetter(message, reason: .invalidCustomer)
        }
        if let reason = engine.setProfile(message.value, customer: customer) {
            try deadLetter(message, reason: reason)
        }
    }

    /// Counts a response per campaign, treated or control, or dead-letters it with the reason it cannot be.
    private func handleResponse(_ message: KafkaMessage) throws {
        counters.responses += 1
        do throws(ResponseRejection) {
            try count(ChannelResponse(message.value))
        } catch {
            counters.responsesDeadLettered[error, default: 0] += 1
            try deadLetter(message, reason: error.rawValue)
        }
    }

    /// Counts a response to a running campaign's remembered decision.
    private func count(_ response: ChannelResponse) throws(ResponseRejection) {
        guard runningCampaigns.contains(response.campaign) else { throw .unknownCampaign }
        let isControl = try decisionMemory.answer(response)
        counters.responseTallies[response.campaign, default: ResponseTally()].add(response.outcome, isControl: isControl)
    }

    private func deadLetter(_ message: KafkaMessage, reason: DeadLetterReason) throws {
        counters.deadLettered[reason, default: 0] += 1
        try deadLetter(message, reason: reason.rawValue)
    }

    /// Sends a message to the dead-letter topic as it was, with `reason` and where it was read in headers.
    private func deadLetter(_ message: KafkaMessage, reason: String) throws {
        logger.debug(
            "dead-lettered",
            metadata: [LogKey.kafkaTopic: "\(message.topic)", LogKey.kafkaPartition: "\(message.partition)", LogKey.kafkaOffset: "\(message.offset)", LogKey.reason: "\(reason)"]
        )
        let headers: [(String, [UInt8])] = [
            ("lurker.reason", Array(reason.utf8)),
            ("lurker.topic", Array(message.topic.utf8)),
            ("lurker.partition", Array(String(message.partition).utf8)),
            ("lurker.offset", Array(String(message.offset).utf8)),
        ]
        let token = tracker.expect(message.topicPartition, offset: message.offset)
        try send(Outgoing(topic: configuration.deadLetterTopic, key: message.key ?? [], value: message.value ?? [], headers: headers, token: token))
    }

    /// Publishes a decision: always to the decisions topic, a sent offer to its channel's topic, a sent
    /// escalation to the escalations topic. `partition` and `offset` name the input it belongs to, if any.
    private func publish(_ decision: Decision, for partition: TopicPartition?, offset: Int64) throws {
        let value = decision.jsonBytes
        let key = Array(decision.customer.utf8)
        func token() -> UInt64 {
            guard let partition else { return tracker.untracked() }
            return tracker.expect(partition, offset: offset)
        }
        try send(Outgoing(topic: configuration.decisionsTopic, key: key, value: value, headers: [], token: token()))
        if decision.outcome == .sent {
            switch decision.action {
            case .offer:
                counters.offersSent += 1
                counters.offersSentPerRoute[.init(campaign: decision.campaign, channel: decision.channel!), default: 0] += 1
                try send(Outgoing(topic: configuration.offerTopic(decision.channel!), key: key, value: value, headers: [], token: token()))
            case .escalate:
                counters.escalationsSent += 1
                try send(Outgoing(topic: configuration.escalationsTopic, key: key, value: value, headers: [], token: token()))
            }
        }
        counters.decisions += 1
        if !configuration.responsesTopic.isEmpty {
            decisionMemory.remember(decision)
        }
        observer?(decision)
    }

    /// Hands a message to the producer, or queues it behind others when the producer's queue is full, in
    /// which case input pauses until the queue has room again.
    private func send(_ message: Outgoing) throws {
        if backlog.isEmpty {
            if try trySend(message) { return }
            try pauseInput()
        }
        backlog.append(message)
    }

    private func drainBacklog() throws {
        var sent = 0
        defer { backlog.removeFirst(sent) }
        for message in backlog {
            guard try trySend(message) else { return }
            sent += 1
        }
    }

    /// Hands a message to the producer; false when the producer's queue is full.
    private func trySend(_ message: Outgoing) throws -> Bool {
        do {
            try producer.send(topic: message.topic, key: message.key, value: message.value, headers: message.headers, token: message.token)
            return true
        } catch let error as KafkaError where error.isQueueFull {
            return false
        }
    }

    private func pauseInput() throws {
        guard paused.isEmpty else { return }
        paused = consumer.assignment()
        counters.pauses += 1
        logger.notice("producer queue full: input paused")
        if !paused.isEmpty { try consumer.pause(paused) }
    }

    private func resumeInput() throws {
        guard !paused.isEmpty else { return }
        let current = Set(consumer.assignment())
        let partitions = paused.filter { current.contains($0) }
        paused = []
        if !partitions.isEmpty { try consumer.resume(partitions) }
        logger.notice("producer queue has room: input resumed")
    }

    /// Serves delivery reports and stores the offsets whose outputs are all acknowledged.
    private func serviceProducer(timeout: Int32) throws {
        try producer.poll(timeout: timeout)
        if let failure = deliveryFailure { throw failure }
        for (partition, offset) in tracker.drainCompleted(at: WallClock.monotonicNanoseconds(), into: &latencies) {
            do {
                try consumer.storeOffset(topic: partition.topic, partition: partition.partition, offset: offset)
            } catch let error as KafkaError {
                logger.warning("offset not stored: \(error.reason)", metadata: [LogKey.kafkaTopic: "\(partition.topic)", LogKey.kafkaPartition: "\(partition.partition)"])
            }
        }
        progress.setCompleted(tracker.completed)
    }

    /// How many customers each idle check sweeps.
    static let sweepSlice = 16_384

    /// Moves the clock of every event partition idle for ``DaemonConfiguration/idleMilliseconds`` (no event
    /// since then, nor since its assignment) to the wall clock, so waits fall due in a quiet hour; sweeps a
    /// slice of the customers for expired state each time (a million customers in about 15 s, a millisecond or
    /// two at a time). Nothing moves while input is paused: a paused partition is not idle.
    private func advanceIdleClocks() throws {
        let now = WallClock.milliseconds()
        guard paused.isEmpty, now - lastIdleCheck >= 250 else { return }
        lastIdleCheck = now
        let idle = lastEventWallTime.filter { now - $0.value >= configuration.idleMilliseconds }.keys
        for partition in idle.sorted() {
            decisions.removeAll(keepingCapacity: true)
            engine.advanceClock(of: partition, to: now, into: &decisions)
            for decision in decisions {
                try publish(decision, for: nil, offset: 0)
            }
        }
        engine.sweep(limit: Self.sweepSlice)
    }

    /// Finishes what was consumed: sends what waits, awaits every acknowledgement, stores and commits.
    private func finish() throws {
        while !backlog.isEmpty {
            try drainBacklog()
            try serviceProducer(timeout: 50)
        }
        try producer.flush(timeout: 30_000)
        try serviceProducer(timeout: 0)
        try consumer.commit()
    }

    /// Called on this thread by the producer's poll.
    fileprivate func delivered(_ report: DeliveryReport) {
        if let error = report.error {
            logger.error("delivery failed: \(error.reason)", metadata: [LogKey.kafkaTopic: "\(report.topic)"])
            deliveryFailure = deliveryFailure ?? error
            status.setFailure("delivery failed: \(error.reason)")
            return
        }
        tracker.acknowledge(report.token, at: WallClock.monotonicNanoseconds(), into: &latencies)
    }

    /// Called on this thread by the consumer's poll, before revoked partitions go.
    fileprivate func rebalanced(_ event: RebalanceEvent) {
        switch event {
        case .assigned(let partitions):
            assigned.formUnion(partitions)
            status.setAssignedPartitions(assigned.count { configuration.eventTopics.contains($0.topic) })
            let now = WallClock.milliseconds()
            for partition in partitions where configuration.eventTopics.contains(partition.topic) {
                lastEventWallTime[partition.partition] = lastEventWallTime[partition.partition] ?? now
            }
            logger.info("partitions assigned", metadata: [LogKey.kafkaPartitions: "\(partitions.map(\.description).joined(separator: ","))"])
        case .revoked(let partitions):
            assigned.subtract(partitions)
            status.setAssignedPartitions(assigned.count { configuration.eventTopics.contains($0.topic) })
            logger.info("partitions revoked", metadata: [LogKey.kafkaPartitions: "\(partitions.map(\.description).joined(separator: ","))"])
            do {
                try finish()
            } catch {
                logger.error("could not finish revoked partitions: \(error)")
            }
            // The messages still to handle, less those of the revoked partitions: their next owner reads them.
            batch = batch[batchIndex...].filter { !partitions.contains($0.topicPartition) }
            batchIndex = 0
            tracker.remove(partitions)
            let kept = Set(consumer.assignment().filter { !partitions.contains($0) }.map(\.partition))
            for partition in Set(partitions.map(\.partition)) where !kept.contains(partition) {
                engine.removePartition(partition)
                lastEventWallTime[partition] = nil
            }
        }
    }
}

/// Carries librdkafka's callbacks, which must be `Sendable`, to the pipeline. They run on the pipeline's
/// own thread, inside its calls to poll, so the pipeline is only ever touched from that thread.
private final class PipelineInbox: @unchecked Sendable {
    weak var pipeline: Pipeline?

    func deliver(_ report: DeliveryReport) {
        pipeline?.delivered(report)
    }

    func rebalance(_ event: RebalanceEvent) {
        pipeline?.rebalanced(event)
    }
}
