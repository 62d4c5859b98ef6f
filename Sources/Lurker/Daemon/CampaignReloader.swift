import Logging
import RuleDSL
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reloads the campaigns while the daemon runs, a service of its group: when the campaign files change
/// (polled, see ``DaemonConfiguration/campaignsPollMilliseconds``) and on SIGHUP.
///
/// A reload reads, checks and compiles the whole set off the cooperative pool. A set with any error is
/// rejected whole: every diagnostic is logged, `lurker_campaigns_reloads_total{result="failure"}` counts
/// it, and the running set stays. A valid set goes to the pipeline (``CampaignSetMailbox``), which puts it
/// in force between two events and counts the success.
///
/// ServiceLifecycle handles only the signals a group is given (SIGTERM and SIGINT shut the daemon down
/// gracefully); SIGHUP's default action would end the process, so this service catches it instead.
public struct CampaignReloader: Service {
    /// How often the reloader wakes to look for a SIGHUP: 100 ms.
    static let tickMilliseconds: Int64 = 100

    /// A flag the signal handler raises.
    private final class Request: Sendable {
        private let flag = Atomic<Bool>(false)

        func raise() { flag.store(true, ordering: .releasing) }

        func take() -> Bool { flag.exchange(false, ordering: .acquiringAndReleasing) }
    }

    private let path: String
    private let pollMilliseconds: Int64
    private let mailbox: CampaignSetMailbox
    private let metrics: DaemonMetrics
    private let logger: Logger
    private let watchesSIGHUP: Bool
    private let request = Request()

    /// Creates the reloader.
    ///
    /// - Parameters:
    ///   - path: The campaign folder or file (``DaemonConfiguration/campaignsPath``).
    ///   - pollMilliseconds: How often the files are looked at; 0: never (SIGHUP only).
    ///   - mailbox: Where valid sets go; the pipeline takes them.
    ///   - watchesSIGHUP: Whether SIGHUP reloads (the daemon); default true.
    public init(
        path: String, pollMilliseconds: Int64, mailbox: CampaignSetMailbox, metrics: DaemonMetrics, logger: Logger,
        watchesSIGHUP: Bool = true
    ) {
        self.path = path
        self.pollMilliseconds = pollMilliseconds
        self.mailbox = mailbox
        self.metrics = metrics
        self.logger = logger
        self.watchesSIGHUP = watchesSIGHUP
    }

    public func run() async throws {
        let request = request
        let watcher = watchesSIGHUP ? SignalWatcher([SIGHUP]) { _ in request.raise() } : nil
        defer { watcher?.cancel() }
        do {
            try await cancelWhenGracefulShutdown {
                var known = CampaignFilesFingerprint(path)
                var lastLook = known
                var lastPoll = WallClock.monotonicMilliseconds()
                while true {
                    try await Task.sleep(for: .milliseconds(Self.tickMilliseconds))
                    if request.take() {
                        known = CampaignFilesFingerprint(path)
                        lastLook = known
                        try await reload(trigger: "signal")
                        continue
                    }
                    guard pollMilliseconds > 0, WallClock.monotonicMilliseconds() - lastPoll >= pollMilliseconds else {
                        continue
                    }
                    lastPoll = WallClock.monotonicMilliseconds()
                    let look = CampaignFilesFingerprint(path)
                    // A change is reloaded once two looks agree, so a file being written is not read half-way.
                    if look != known, look == lastLook {
                        known = look
                        try await reload(trigger: "change")
                    }
                    lastLook = look
                }
            }
        } catch is CancellationError {
            return
        }
    }

    /// Loads the set and posts it, or counts and logs the failure.
    private func reload(trigger: String) async throws {
        let path = path
        let logger = logger
        logger.info("reloading campaigns", metadata: [LogKey.path: "\(path)", LogKey.trigger: "\(trigger)"])
        if let campaigns = try await DedicatedThread.run(name: "lurker-reload", { Self.load(path, logger: logger) }) {
            mailbox.post(campaigns)
        } else {
            metrics.counter(.campaignsReloads, [(MetricName.Label.result, "failure")]).increment()
        }
    }

    /// Reads, checks and compiles the set at `path`, logging every diagnostic; nil when it has an error or
    /// cannot be read.
    static func load(_ path: String, logger: Logger) -> CompiledCampaignSet? {
        do throws(CampaignLoader.Failure) {
            return try CampaignLoader.compile([path], now: WallClock.milliseconds()) { diagnostics, sources in
                let renderer = DiagnosticRenderer(sources: sources)
                for diagnostic in diagnostics {
                    var text = renderer.render(diagnostic)
                    if text.hasSuffix("\n") { text.removeLast() }
                    logger.log(
                        level: diagnostic.severity == .error ? .error : .warning, "\(text)",
                        metadata: [LogKey.path: "\(diagnostic.range.file)"])
                }
            }
        } catch {
            let reason =
                switch error {
                case .unreadable(let cause): "\(cause)"
                case .invalid(let summary): summary
                }
            logger.error("campaign reload rejected: \(reason); the running set stays", metadata: [LogKey.path: "\(path)"])
            return nil
        }
    }
}
