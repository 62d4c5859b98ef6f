/// What the pipeline has done since it started: plain counters kept on its own thread, exported to the
/// metrics periodically.
public struct PipelineCounters: Sendable {
    /// A campaign and a channel its offers went to.
    public struct OfferRoute: Hashable, Sendable {
        /// The campaign's name.
        public var campaign: String
        /// The channel.
        public var channel: String
    }

    /// Event messages read (valid or not).
    public var events = 0
    /// Event messages read per topic, in the order of ``DaemonConfiguration/eventTopics``.
    public var eventsPerTopic: [Int] = []
    /// Profile messages read.
    public var profiles = 0
    /// Response messages read (valid or not).
    public var responses = 0
    /// Decisions published.
    public var decisions = 0
    /// Offers sent.
    public var offersSent = 0
    /// Offers sent per campaign and channel.
    public var offersSentPerRoute: [OfferRoute: Int] = [:]
    /// Escalations sent.
    public var escalationsSent = 0
    /// Invalid messages sent to the dead-letter topic, by reason.
    public var deadLettered: [DeadLetterReason: Int] = [:]
    /// Responses sent to the dead-letter topic, by reason.
    public var responsesDeadLettered: [ResponseRejection: Int] = [:]
    /// Responses counted, per campaign name.
    public var responseTallies: [String: ResponseTally] = [:]
    /// Times input paused because the producer's queue was full.
    public var pauses = 0
    /// Wall-clock milliseconds of the first and the latest event read, nil before the first.
    public var firstEventAt: Int64?
    public var lastEventAt: Int64?

    /// Creates counters at zero for `eventTopicCount` event topics.
    public init(eventTopicCount: Int = 0) {
        eventsPerTopic = Array(repeating: 0, count: eventTopicCount)
    }

    /// Events per second between the first and the latest event read.
    public var eventsPerSecond: Double {
        guard let first = firstEventAt, let last = lastEventAt, last > first else { return 0 }
        return Double(events) * 1000 / Double(last - first)
    }
}
