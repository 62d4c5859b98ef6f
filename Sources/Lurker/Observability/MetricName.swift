/// Every metric Lurker exports, with its help text: the one place metric names live (docs/metrics.md is
/// the contract they follow).
enum MetricName: String, CaseIterable, Sendable {
    case pipelineEvents = "lurker_pipeline_events_total"
    case pipelineDeadLetters = "lurker_pipeline_deadletters_total"
    case pipelineLatency = "lurker_pipeline_latency_seconds"
    case engineEvaluations = "lurker_engine_evaluations_total"
    case engineTriggers = "lurker_engine_triggers_total"
    case engineDecisions = "lurker_engine_decisions_total"
    case engineOffersSent = "lurker_engine_offers_sent_total"
    case kafkaConsumerLag = "lurker_kafka_consumer_lag_messages"
    case kafkaProducerQueue = "lurker_kafka_producer_queue_messages"
    case campaignsReloads = "lurker_campaigns_reloads_total"
    case campaignsLoaded = "lurker_campaigns_loaded"
    case stateCustomers = "lurker_state_customers"
    case stateTimersPending = "lurker_state_timers_pending"
    case responses = "lurker_responses_total"

    /// The label names metrics use; their values are bounded.
    enum Label {
        static let topic = "topic"
        static let partition = "partition"
        static let reason = "reason"
        static let campaign = "campaign"
        static let outcome = "outcome"
        static let channel = "channel"
        static let result = "result"
    }

    /// The `# HELP` text.
    var help: String {
        switch self {
        case .pipelineEvents: "Event, profile and response messages consumed, by topic."
        case .pipelineDeadLetters: "Invalid messages sent to the dead-letter topic, by reason."
        case .pipelineLatency: "Seconds from an event consumed to the last of its outputs acknowledged by the brokers."
        case .engineEvaluations: "Times a campaign's when was evaluated."
        case .engineTriggers: "Times a campaign's when held."
        case .engineDecisions: "Decisions made, by campaign and outcome."
        case .engineOffersSent: "Offers published, by campaign and channel."
        case .kafkaConsumerLag: "Messages between the consumer's position and the end of the partition."
        case .kafkaProducerQueue: "Messages in the producer's queue, waiting for the brokers."
        case .campaignsReloads: "Campaign set reloads, by result."
        case .campaignsLoaded: "Campaigns in the running set."
        case .stateCustomers: "Customers whose state is held in memory."
        case .stateTimersPending: "Pending waits not yet fired or cancelled."
        case .responses: "Responses to sent decisions reported on the responses topic, by campaign and outcome."
        }
    }
}
