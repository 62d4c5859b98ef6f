import Metrics

/// Hands the pipeline's plain counters to the metrics and to the campaign view, on the pipeline's thread:
/// the differences since the last export, so the hot path itself makes no metric call.
///
/// Campaign counters are followed by name, so a reload that reorders, adds or removes campaigns neither
/// loses nor repeats a count (see ``rebase(campaigns:statistics:)``).
struct MetricsExporter {
    private let metrics: DaemonMetrics
    private let status: DaemonStatus
    private let configuration: DaemonConfiguration
    /// The topics read (``DaemonConfiguration/inputTopics``).
    private let topics: [String]
    private let latency: Metrics.Timer
    private var exported: PipelineCounters
    /// The engine's counters of each running campaign when last exported (responses apart).
    private var exportedCampaigns: [String: CampaignTally] = [:]
    /// The counters already made, so an export makes no registry lookup for a series it has seen.
    private var counters: [SeriesKey: Metrics.Counter] = [:]

    /// Creates the exporter and registers at zero the series known from the start: every topic read, every
    /// dead-letter reason, and both reload results.
    init(metrics: DaemonMetrics, status: DaemonStatus, configuration: DaemonConfiguration) {
        self.metrics = metrics
        self.status = status
        self.configuration = configuration
        topics = configuration.inputTopics
        latency = metrics.timer(.pipelineLatency)
        exported = PipelineCounters(eventTopicCount: configuration.eventTopics.count)
        for topic in topics {
            _ = metrics.counter(.pipelineEvents, [(MetricName.Label.topic, topic)])
        }
        for reason in DeadLetterReason.allCases.map(\.rawValue) + ResponseRejection.allCases.map(\.rawValue) {
            _ = metrics.counter(.pipelineDeadLetters, [(MetricName.Label.reason, reason)])
        }
        for result in ["success", "failure"] {
            _ = metrics.counter(.campaignsReloads, [(MetricName.Label.result, result)])
        }
        for gauge in [MetricName.kafkaProducerQueue, .campaignsLoaded, .stateCustomers, .stateTimersPending] {
            _ = metrics.gauge(gauge)
        }
    }

    /// Takes a running set: shows it in the view and takes the engine's counters as they are now as the point
    /// the next differences start from. A campaign's series appear with their first count (registering every
    /// series of 10,000 campaigns at zero would cost more than the whole run).
    mutating func rebase(campaigns: CompiledCampaignSet, statistics: EngineStatistics) {
        exportedCampaigns = [:]
        for (name, campaign) in zip(campaigns.campaignNames, statistics.campaigns) {
            exportedCampaigns[name] = CampaignTally(campaign)
        }
        metrics.gauge(.campaignsLoaded).record(campaigns.campaignNames.count)
        status.setCampaigns(
            campaigns.definitions.map { CampaignView.Campaign(name: $0.name, file: $0.nameRange.file) })
    }

    /// Exports what changed since the last call.
    ///
    /// - Parameters:
    ///   - latencies: Drained into the latency histogram.
    ///   - pendingWaits: The pending waits.
    mutating func export(
        counters: PipelineCounters, campaigns: CompiledCampaignSet, statistics: EngineStatistics,
        latencies: inout LatencyHistogram, customers: Int, pendingWaits: Int
    ) {
        var read = counters.eventsPerTopic + [counters.profiles]
        var readBefore = exported.eventsPerTopic + [exported.profiles]
        if !configuration.responsesTopic.isEmpty {
            read.append(counters.responses)
            readBefore.append(exported.responses)
        }
        for (topic, (now, before)) in zip(topics, zip(read, readBefore)) {
            add(now - before, .pipelineEvents, [(MetricName.Label.topic, topic)])
        }
        for (reason, count) in counters.deadLettered {
            add(count - exported.deadLettered[reason, default: 0], .pipelineDeadLetters, [(MetricName.Label.reason, reason.rawValue)])
        }
        for (reason, count) in counters.responsesDeadLettered {
            add(
                count - exported.responsesDeadLettered[reason, default: 0], .pipelineDeadLetters,
                [(MetricName.Label.reason, reason.rawValue)])
        }
        for (route, count) in counters.offersSentPerRoute {
            add(
                count - exported.offersSentPerRoute[route, default: 0], .engineOffersSent,
                [(MetricName.Label.campaign, route.campaign), (MetricName.Label.channel, route.channel)])
        }

        var differences: [String: CampaignTally] = [:]
        for (name, campaign) in zip(campaigns.campaignNames, statistics.campaigns) {
            let current = CampaignTally(campaign)
            let difference = current - (exportedCampaigns[name] ?? CampaignTally())
            exportedCampaigns[name] = current
            let label = (MetricName.Label.campaign, name)
            add(difference.evaluated, .engineEvaluations, [label])
            add(difference.triggered, .engineTriggers, [label])
            for outcome in Decision.Outcome.allCases {
                add(difference[outcome], .engineDecisions, [label, (MetricName.Label.outcome, outcome.rawValue)])
            }
            differences[name] = difference
        }
        for (name, tally) in counters.responseTallies {
            let difference = tally - exported.responseTallies[name, default: ResponseTally()]
            let label = (MetricName.Label.campaign, name)
            add(difference.treatedAccepted, .responses, [label, (MetricName.Label.outcome, ResponseOutcome.accepted.rawValue)])
            add(difference.treatedDeclined, .responses, [label, (MetricName.Label.outcome, ResponseOutcome.declined.rawValue)])
            differences[name, default: CampaignTally()].responses = difference
        }
        status.add(differences)

        latencies.drain(into: latency)
        metrics.gauge(.stateCustomers).record(customers)
        metrics.gauge(.stateTimersPending).record(pendingWaits)
        exported = counters
    }

    /// Adds `amount` to a counter when it is positive.
    private mutating func add(_ amount: Int, _ name: MetricName, _ labels: [(String, String)]) {
        guard amount > 0 else { return }
        let key = SeriesKey(name: name, labels: labels.map { [$0.0, $0.1] })
        if let counter = counters[key] {
            counter.increment(by: amount)
        } else {
            let counter = metrics.counter(name, labels)
            counters[key] = counter
            counter.increment(by: amount)
        }
    }

    /// A counter series: its metric and labels.
    private struct SeriesKey: Hashable {
        var name: MetricName
        var labels: [[String]]
    }
}
