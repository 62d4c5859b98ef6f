import Logging
import ServiceLifecycle

/// Runs `lurker run`: the pipeline as a service, shut down gracefully on SIGTERM or SIGINT.
public enum Daemon {
    /// Loads nothing itself: runs the compiled `campaigns` with `configuration` until a signal arrives.
    public static func run(configuration: DaemonConfiguration, campaigns: CompiledCampaignSet, logger: Logger) async throws {
        let service = DaemonService(configuration: configuration, campaigns: campaigns, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: service, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }
}
