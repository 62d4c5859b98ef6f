import Logging
import ServiceLifecycle

/// `lurker run`'s pipeline: on its own thread, stopped gracefully on SIGTERM/SIGINT when it runs in a service
/// group (``Daemon`` runs it in its own).
public struct DaemonService: Sendable {
    private let configuration: DaemonConfiguration
    private let campaigns: CompiledCampaignSet
    private let logger: Logger
    private let observer: (@Sendable (Decision) -> Void)?
    private let stop: StopSignal
    private let metrics: DaemonMetrics
    private let status: DaemonStatus
    private let reloads: CampaignSetMailbox
    private let progress: PipelineProgress

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - observer: Called on the pipeline's thread with each published decision.
    ///   - stop: Raised by graceful shutdown; others (the demo) may raise it too.
    ///   - metrics: Where the pipeline exports its counters; default metrics of its own.
    ///   - status: Where it publishes readiness and the campaign view; default a status of its own.
    ///   - reloads: Where reloaded campaign sets come from; default a mailbox nobody posts to.
    ///   - progress: Where the pipeline counts the messages it has completed; default a progress of its own.
    public init(
        configuration: DaemonConfiguration,
        campaigns: CompiledCampaignSet,
        logger: Logger,
        observer: (@Sendable (Decision) -> Void)? = nil,
        stop: StopSignal = StopSignal(),
        metrics: DaemonMetrics = DaemonMetrics(),
        status: DaemonStatus = DaemonStatus(),
        reloads: CampaignSetMailbox = CampaignSetMailbox(),
        progress: PipelineProgress = PipelineProgress()
    ) {
        self.configuration = configuration
        self.campaigns = campaigns
        self.logger = logger
        self.observer = observer
        self.stop = stop
        self.metrics = metrics
        self.status = status
        self.reloads = reloads
        self.progress = progress
    }

    /// Runs the pipeline until graceful shutdown, then finishes in-flight work and commits; returns the
    /// engine's and the pipeline's counters.
    @discardableResult
    public func runPipeline() async throws -> (EngineStatistics, PipelineCounters) {
        let configuration = configuration
        let campaigns = campaigns
        let logger = logger
        let observer = observer
        let stop = stop
        let metrics = metrics
        let status = status
        let reloads = reloads
        let progress = progress
        return try await withGracefulShutdownHandler {
            try await DedicatedThread.run(name: "lurker-pipeline") {
                logger.info("starting", metadata: [LogKey.kafkaLibrdkafka: "\(KafkaVersion.string)"])
                let pipeline = try Pipeline(
                    configuration: configuration, campaigns: campaigns, logger: logger, observer: observer,
                    metrics: metrics, status: status, reloads: reloads, progress: progress)
                try pipeline.run(until: stop)
                return (pipeline.statistics, pipeline.counters)
            }
        } onGracefulShutdown: {
            stop.stop()
        }
    }
}
