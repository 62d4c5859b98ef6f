import Synchronization

/// Collects the lines a ``StructuredLogHandler`` writes, for exact assertions.
final class LineCollector: Sendable {
    private let collected = Mutex<[String]>([])

    /// Appends one line.
    func append(_ line: String) {
        collected.withLock { $0.append(line) }
    }

    /// Every line so far.
    var lines: [String] {
        collected.withLock { $0 }
    }
}
