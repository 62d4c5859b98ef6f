import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches SIGINT and SIGTERM (or other signals) while it lives, with their default action suspended, and
/// calls a handler for each one that arrives.
public final class SignalWatcher: @unchecked Sendable {
    // @unchecked: the sources are created once in init; DispatchSource is thread-safe.
    private let sources: [any DispatchSourceSignal]

    /// Starts watching `signals`; `handler` runs on a global queue with the signal number.
    public init(_ signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (Int32) -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    /// Stops watching; the signals stay ignored until the process ends.
    public func cancel() {
        for source in sources { source.cancel() }
    }

    deinit { cancel() }
}
