import Foundation

/// Runs blocking work on a thread of its own, off the cooperative pool, and awaits its result.
enum DedicatedThread {
    /// Runs `body` on a new thread named `name` and returns what it returns, or throws what it throws.
    static func run<Result: Sendable>(name: String, _ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try body())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = name
            thread.start()
        }
    }
}
