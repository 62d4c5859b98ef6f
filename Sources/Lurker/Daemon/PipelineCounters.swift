/// What the pipeline has done since it started.
public struct PipelineCounters: Sendable {
    /// Event messages read (valid or not).
    public var events = 0
    /// Profile messages read.
    public var profiles = 0
    /// Decisions published.
    public var decisions = 0
    /// Offers sent.
    public var offersSent = 0
    /// Escalations sent.
    public var escalationsSent = 0
    /// Invalid messages sent to the dead-letter topic, by reason.
    public var deadLettered: [DeadLetterReason: Int] = [:]
    /// Times input paused because the producer's queue was full.
    public var pauses = 0
    /// Wall-clock milliseconds of the first and the latest event read, nil before the first.
    public var firstEventAt: Int64?
    public var lastEventAt: Int64?

    /// Events per second between the first and the latest event read.
    public var eventsPerSecond: Double {
        guard let first = firstEventAt, let last = lastEventAt, last > first else { return 0 }
        return Double(events) * 1000 / Double(last - first)
    }
}
