import Synchronization

/// What the HTTP endpoint shows of a running daemon: readiness, the live campaign view and the address it
/// listens on. The pipeline's thread publishes into it; HTTP handlers only read it, never the engine.
public final class DaemonStatus: Sendable {
    private struct State {
        var isRunning = false
        var assignedPartitions = 0
        var failure: String?
        var address: String?
        var view: CampaignView
    }

    private let state: Mutex<State>
    private let clock: @Sendable () -> Int64

    /// Creates the status of a daemon that has not started.
    ///
    /// - Parameter clock: Milliseconds on a monotonic clock, for the windows of the campaign view; default
    ///   the machine's monotonic clock.
    public init(clock: @escaping @Sendable () -> Int64 = { WallClock.monotonicMilliseconds() }) {
        self.clock = clock
        state = Mutex(State(view: CampaignView(start: clock())))
    }

    /// Why the daemon cannot take traffic, nil when it can: it can once the pipeline runs with campaigns
    /// loaded and partitions of the event topics assigned, and until the pipeline fails (a fatal Kafka
    /// error, a delivery that failed for good).
    public var notReadyReason: String? {
        state.withLock { state in
            if let failure = state.failure { return "failed: \(failure)" }
            if !state.isRunning { return "pipeline not running" }
            if state.view.campaigns.isEmpty { return "no campaigns loaded" }
            if state.assignedPartitions == 0 { return "no partitions assigned" }
            return nil
        }
    }

    /// The address the HTTP endpoint listens on, `HOST:PORT` with the port it bound, once it listens.
    public var address: String? {
        state.withLock { $0.address }
    }

    /// The JSON of `/campaigns`.
    func campaignsJSON() -> [UInt8] {
        let now = clock()
        let view = state.withLock { $0.view }
        return view.json(at: now)
    }

    /// Records the address the HTTP endpoint bound.
    func setAddress(_ address: String?) {
        state.withLock { $0.address = address }
    }

    /// Records whether the pipeline runs.
    func setRunning(_ isRunning: Bool) {
        state.withLock { $0.isRunning = isRunning }
    }

    /// Records the number of event-topic partitions assigned.
    func setAssignedPartitions(_ count: Int) {
        state.withLock { $0.assignedPartitions = count }
    }

    /// Records that the pipeline failed for good (a fatal Kafka error, a delivery that failed); the first
    /// reason stays.
    func setFailure(_ reason: String) {
        state.withLock { $0.failure = $0.failure ?? reason }
    }

    /// Puts a new running set in the view.
    func setCampaigns(_ campaigns: [CampaignView.Campaign]) {
        state.withLock { $0.view.setCampaigns(campaigns) }
    }

    /// Adds the differences of the campaigns' counters since the last call.
    func add(_ differences: [String: CampaignTally]) {
        let now = clock()
        state.withLock { $0.view.add(differences, at: now) }
    }
}
