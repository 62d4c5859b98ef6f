import Logging
import RuleDSL

/// The daemon's processing loop: consume events and profiles, decide, publish, store offsets once every
/// output is acknowledged. It owns the consumer, the producer and the engine, and runs on one dedicated
/// thread (never the cooperative pool): every librdkafka call here may block.
public final class Pipeline {
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
    private var tracker = OffsetTracker()
    private var batch: [KafkaMessage] = []
    private var batchIndex = 0
    private var backlog: [Outgoing] = []
    private var paused: [TopicPartition] = []
    private var decisions: [Decision] = []
    /// Per assigned partition number, the wall-clock time of its latest event, or of its assignment.
    private var lastEventWallTime: [Int32: Int64] = [:]
    private var lastIdleCheck: Int64 = 0
    private var lastSweep: Int64 = 0
    private var deliveryFailure: KafkaError?

    /// Counters since start, for logs, the demo and tests.
    public private(set) var counters = PipelineCounters()

    /// Connects to Kafka and subscribes; partitions arrive with the group's first rebalance.
    ///
    /// - Parameter observer: Called on the pipeline's thread with each decision once it is published.
    public init(
        configuration: DaemonConfiguration,
        campaigns: CompiledCampaignSet,
        logger: Logger,
        observer: ((Decision) -> Void)? = nil
    ) throws {
        self.configuration = configuration
        self.logger = logger
        self.observer = observer
        self.engine = Engine(campaigns: campaigns)
        let inbox = PipelineInbox()
        self.inbox = inbox
        var consumerConfiguration = configuration.kafka.merging(configuration.consumerKafka)
        consumerConfiguration["group.id"] = configuration.groupID
        self.consumer = try KafkaConsumer(
            configuration: consumerConfiguration,
            topics: configuration.eventTopics + [configuration.profilesTopic],
            logger: logger,
            rebalanceHandler: { event in inbox.rebalance(event) }
        )
        self.producer = try KafkaProducer(
            configuration: configuration.kafka,
            logger: logger,
            deliveryHandler: { report in inbox.deliver(report) }
        )
        inbox.pipeline = self
    }

    /// The engine's counters.
    public var statistics: EngineStatistics { engine.statistics }

    /// Runs until `stop` is set, then shuts down gracefully: stops input, finishes in-flight work, flushes
    /// the producer, stores and commits offsets and leaves the group. A fatal Kafka error or a delivery that
    /// failed for good ends it with that error and commits nothing more.
    public func run(until stop: StopSignal) throws {
        logger.info("pipeline started", metadata: ["lurker.campaigns": "\(engine.campaigns.campaigns.count)"])
        while !stop.isSet {
            try step()
        }
        try finish()
        consumer.close()
        producer.close()
        logger.info("pipeline stopped", metadata: ["lurker.events": "\(counters.events)"])
    }

    /// One turn of the loop: acknowledgements, then input, then the idle clocks.
    private func step() throws {
        try serviceProducer(timeout: 0)
        if !backlog.isEmpty {
            try drainBacklog()
            if !backlog.isEmpty {
                try consumer.poll(timeout: 0, into: &batch, max: configuration.batchSize)
                try serviceProducer(timeout: 10)
                return
            }
            try resumeInput()
        }
        if batchIndex >= batch.count {
            batch.removeAll(keepingCapacity: true)
            batchIndex = 0
            try consumer.poll(timeout: 20, into: &batch, max: configuration.batchSize)
        }
        while batchIndex < batch.count, backlog.isEmpty {
            let message = batch[batchIndex]
            batchIndex += 1
            try handle(message)
        }
        try advanceIdleClocks()
    }

    private func handle(_ message: KafkaMessage) throws {
        let partition = message.topicPartition
        tracker.begin(partition, offset: message.offset)
        if message.topic == configuration.profilesTopic {
            try handleProfile(message)
        } else {
            try handleEvent(message)
        }
    }

    private func handleEvent(_ message: KafkaMessage) throws {
        let now = WallClock.milliseconds()
        counters.events += 1
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

    private func deadLetter(_ message: KafkaMessage, reason: DeadLetterReason) throws {
        counters.deadLettered[reason, default: 0] += 1
        logger.debug(
            "dead-lettered",
            metadata: ["kafka.topic": "\(message.topic)", "kafka.partition": "\(message.partition)", "kafka.offset": "\(message.offset)", "lurker.reason": "\(reason.rawValue)"]
        )
        let headers: [(String, [UInt8])] = [
            ("lurker.reason", Array(reason.rawValue.utf8)),
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
                try send(Outgoing(topic: configuration.offerTopic(decision.channel!), key: key, value: value, headers: [], token: token()))
            case .escalate:
                counters.escalationsSent += 1
                try send(Outgoing(topic: configuration.escalationsTopic, key: key, value: value, headers: [], token: token()))
            }
        }
        counters.decisions += 1
        observer?(decision)
    }

    /// Hands a message to the producer, or queues it behind others when the producer's queue is full, in
    /// which case input pauses until the queue has room again.
    private func send(_ message: Outgoing) throws {
        if backlog.isEmpty {
            do {
                try producer.send(topic: message.topic, key: message.key, value: message.value, headers: message.headers, token: message.token)
                return
            } catch let error as KafkaError where error.isQueueFull {
                try pauseInput()
            }
        }
        backlog.append(message)
    }

    private func drainBacklog() throws {
        var sent = 0
        defer { backlog.removeFirst(sent) }
        for message in backlog {
            do {
                try producer.send(topic: message.topic, key: message.key, value: message.value, headers: message.headers, token: message.token)
                sent += 1
            } catch let error as KafkaError where error.isQueueFull {
                return
            }
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
        for (partition, offset) in tracker.drainCompleted() {
            do {
                try consumer.storeOffset(topic: partition.topic, partition: partition.partition, offset: offset)
            } catch let error as KafkaError {
                logger.warning("offset not stored: \(error.reason)", metadata: ["kafka.topic": "\(partition.topic)", "kafka.partition": "\(partition.partition)"])
            }
        }
    }

    /// Moves the clock of every event partition idle for ``DaemonConfiguration/idleMilliseconds`` (no event
    /// since then, nor since its assignment) to the wall clock, so waits fall due in a quiet hour; sweeps
    /// expired state once a minute. Nothing moves while input is paused: a paused partition is not idle.
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
        if now - lastSweep >= 60_000 {
            lastSweep = now
            engine.sweep()
        }
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
            logger.error("delivery failed: \(error.reason)", metadata: ["kafka.topic": "\(report.topic)"])
            deliveryFailure = deliveryFailure ?? error
            return
        }
        tracker.acknowledge(report.token)
    }

    /// Called on this thread by the consumer's poll, before revoked partitions go.
    fileprivate func rebalanced(_ event: RebalanceEvent) {
        switch event {
        case .assigned(let partitions):
            let now = WallClock.milliseconds()
            for partition in partitions where partition.topic != configuration.profilesTopic {
                lastEventWallTime[partition.partition] = lastEventWallTime[partition.partition] ?? now
            }
            logger.info("partitions assigned", metadata: ["kafka.partitions": "\(partitions.map(\.description).joined(separator: ","))"])
        case .revoked(let partitions):
            logger.info("partitions revoked", metadata: ["kafka.partitions": "\(partitions.map(\.description).joined(separator: ","))"])
            do {
                try finish()
            } catch {
                logger.error("could not finish revoked partitions: \(error)")
            }
            batch.removeAll { partitions.contains($0.topicPartition) }
            batchIndex = min(batchIndex, batch.count)
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
