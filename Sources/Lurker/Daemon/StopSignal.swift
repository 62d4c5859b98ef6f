import Synchronization

/// A flag another thread raises to ask a loop to stop.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Creates a lowered flag.
    public init() {}

    /// Raises the flag.
    public func stop() {
        flag.store(true, ordering: .releasing)
    }

    /// Whether the flag is raised.
    public var isSet: Bool {
        flag.load(ordering: .acquiring)
    }
}
