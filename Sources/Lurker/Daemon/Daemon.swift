import Logging
import ServiceLifecycle
import Synchronization

/// `lurker run`: one service group of the pipeline, the HTTP endpoint (``MetricsServer``) and the campaign
/// reloader (``CampaignReloader``), shut down gracefully on SIGTERM or SIGINT, reloading on SIGHUP.
///
/// On shutdown the reloader stops first, then the pipeline finishes in-flight work and commits, and the
/// HTTP endpoint goes last, so it answers while the pipeline drains.
public struct Daemon: Sendable {
    private let configuration: DaemonConfiguration
    private let campaigns: CompiledCampaignSet
    private let logger: Logger
    private let observer: (@Sendable (Decision) -> Void)?
    private let fallsBackToAnyPort: Bool
    private let reloads = CampaignSetMailbox()
    private let reloader: CampaignReloader
    /// The daemon's metrics.
    public let metrics: DaemonMetrics
    /// Readiness, the campaign view and the address of the HTTP endpoint.
    public let status: DaemonStatus
    /// Raised to stop the daemon as a graceful shutdown would.
    public let stop: StopSignal

    /// Creates a daemon that runs the compiled `campaigns` with `configuration`.
    ///
    /// - Parameters:
    ///   - metrics: Where the metrics are kept; default a registry of its own.
    ///   - status: Where readiness and the campaign view are kept; default a status of its own.
    ///   - observer: Called on the pipeline's thread with each published decision; default none.
    ///   - stop: Raised to stop; default a signal of its own.
    ///   - watchesSIGHUP: Whether SIGHUP reloads the campaigns; default true.
    ///   - fallsBackToAnyPort: Whether the HTTP endpoint takes any free port when its port is taken;
    ///     default false.
    public init(
        configuration: DaemonConfiguration,
        campaigns: CompiledCampaignSet,
        logger: Logger,
        metrics: DaemonMetrics = DaemonMetrics(),
        status: DaemonStatus = DaemonStatus(),
        observer: (@Sendable (Decision) -> Void)? = nil,
        stop: StopSignal = StopSignal(),
        watchesSIGHUP: Bool = true,
        fallsBackToAnyPort: Bool = false
    ) {
        self.configuration = configuration
        self.campaigns = campaigns
        self.logger = logger
        self.observer = observer
        self.fallsBackToAnyPort = fallsBackToAnyPort
        self.metrics = metrics
        self.status = status
        self.stop = stop
        self.reloader = CampaignReloader(
            path: configuration.campaignsPath, pollMilliseconds: configuration.campaignsPollMilliseconds,
            mailbox: reloads, metrics: metrics, logger: logger, watchesSIGHUP: watchesSIGHUP)
    }

    /// Runs until the pipeline stops (``stop`` raised, or SIGTERM or SIGINT when `handlesSignals`) or a
    /// service fails; returns the engine's and the pipeline's counters.
    ///
    /// - Parameter handlesSignals: Whether SIGTERM and SIGINT shut the daemon down gracefully; default true.
    @discardableResult
    public func run(handlesSignals: Bool = true) async throws -> (EngineStatistics, PipelineCounters) {
        let pipeline = DaemonService(
            configuration: configuration, campaigns: campaigns, logger: logger, observer: observer, stop: stop,
            metrics: metrics, status: status, reloads: reloads)
        let run = PipelineRun(pipeline: pipeline)
        let server = MetricsServer(
            address: configuration.metricsAddress, metrics: metrics, status: status, logger: logger,
            fallsBackToAnyPort: fallsBackToAnyPort)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: server, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
                    .init(
                        service: run,
                        successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
                    .init(service: reloader, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: handlesSignals ? [.sigterm, .sigint] : [],
                logger: logger
            )
        )
        try await group.run()
        guard let counters = run.result.withLock({ $0 }) else {
            throw LurkerError(.kafka, "the pipeline stopped without a result")
        }
        return counters
    }

    /// Runs `lurker run` until SIGTERM or SIGINT.
    public static func run(configuration: DaemonConfiguration, campaigns: CompiledCampaignSet, logger: Logger) async throws {
        try await Daemon(configuration: configuration, campaigns: campaigns, logger: logger).run()
    }
}

/// The pipeline's service, keeping what it returns for ``Daemon/run(handlesSignals:)``.
private final class PipelineRun: Service {
    let pipeline: DaemonService
    let result = Mutex<(EngineStatistics, PipelineCounters)?>(nil)

    init(pipeline: DaemonService) {
        self.pipeline = pipeline
    }

    func run() async throws {
        let counters = try await pipeline.runPipeline()
        result.withLock { $0 = counters }
    }
}
