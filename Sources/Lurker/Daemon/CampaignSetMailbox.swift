import Synchronization

/// Hands a reloaded campaign set to the pipeline's thread, which puts it in force between two events. A
/// set posted before the pipeline took the previous one replaces it: the latest wins.
public final class CampaignSetMailbox: Sendable {
    private let pending = Mutex<CompiledCampaignSet?>(nil)

    /// Creates an empty mailbox.
    public init() {}

    /// Posts a checked, compiled set.
    public func post(_ campaigns: CompiledCampaignSet) {
        pending.withLock { $0 = campaigns }
    }

    /// Takes the set posted since the last call, if any.
    func take() -> CompiledCampaignSet? {
        pending.withLock { pending in
            defer { pending = nil }
            return pending
        }
    }
}
