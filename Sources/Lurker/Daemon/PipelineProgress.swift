import Synchronization

/// How far the pipeline has come, readable from any thread: for benchmarks and tools that wait for the
/// daemon to finish a known input.
public final class PipelineProgress: Sendable {
    private let completedMessages = Atomic<Int>(0)

    /// Creates progress at zero.
    public init() {}

    /// Consumed messages (events, profiles, responses) whose outputs are all acknowledged by the brokers.
    public var completed: Int {
        completedMessages.load(ordering: .acquiring)
    }

    func setCompleted(_ count: Int) {
        completedMessages.store(count, ordering: .releasing)
    }
}
