import Logging
import ServiceLifecycle

/// `lurker run` as a service: the pipeline on its own thread, stopped gracefully on SIGTERM/SIGINT.
public struct DaemonService: Service {
    private let configuration: DaemonConfiguration
    private let campaigns: CompiledCampaignSet
    private let logger: Logger
    private let observer: (@Sendable (Decision) -> Void)?
    private let stop: StopSignal

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - observer: Called on the pipeline's thread with each published decision.
    ///   - stop: Raised by graceful shutdown; others (the demo) may raise it too.
    public init(
        configuration: DaemonConfiguration,
        campaigns: CompiledCampaignSet,
        logger: Logger,
        observer: (@Sendable (Decision) -> Void)? = nil,
        stop: StopSignal = StopSignal()
    ) {
        self.configuration = configuration
        self.campaigns = campaigns
        self.logger = logger
        self.observer = observer
        self.stop = stop
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
        return try await withGracefulShutdownHandler {
            try await DedicatedThread.run(name: "lurker-pipeline") {
                logger.info("starting", metadata: ["kafka.librdkafka": "\(KafkaVersion.string)"])
                let pipeline = try Pipeline(configuration: configuration, campaigns: campaigns, logger: logger, observer: observer)
                try pipeline.run(until: stop)
                return (pipeline.statistics, pipeline.counters)
            }
        } onGracefulShutdown: {
            stop.stop()
        }
    }

    public func run() async throws {
        try await runPipeline()
    }
}
