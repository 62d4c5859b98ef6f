import Foundation
import Logging
import Prometheus
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import Lurker

/// Fixtures for the observability suites: the whole daemon (pipeline, HTTP endpoint on a free port,
/// reloader) in this process against the mock cluster, and an HTTP client to read its endpoint.
enum ObservabilityFixture {
    /// A daemon running in this process, and the base URL of its HTTP endpoint.
    struct Running: Sendable {
        var daemon: Daemon
        var task: Task<(EngineStatistics, PipelineCounters), any Error>
        var base: String

        /// Stops the daemon gracefully and returns its counters.
        func stop() async throws -> (EngineStatistics, PipelineCounters) {
            daemon.stop.stop()
            return try await task.value
        }
    }

    /// One answer of the endpoint.
    struct Answer: Sendable {
        var status: Int
        var contentType: String?
        var body: String
    }

    /// A configuration for the mock cluster that listens on a free port, emits librdkafka statistics every
    /// 200 ms and polls the campaign files every 100 ms.
    static func configuration(_ broker: EmbeddedBroker, group: String, campaignsPath: String = "") -> DaemonConfiguration {
        var configuration = DaemonFixture.configuration(broker, group: group)
        configuration.metricsAddress = "127.0.0.1:0"
        configuration.kafka["statistics.interval.ms"] = "200"
        configuration.campaignsPath = campaignsPath
        configuration.campaignsPollMilliseconds = campaignsPath.isEmpty ? 0 : 100
        return configuration
    }

    /// Starts the daemon, without SIGHUP or signal handling, and waits until its endpoint listens.
    static func start(
        _ configuration: DaemonConfiguration, campaigns: CompiledCampaignSet, logger: Logger = KafkaFixture.logger,
        status: DaemonStatus = DaemonStatus()
    ) async throws -> Running {
        let daemon = Daemon(
            configuration: configuration, campaigns: campaigns, logger: logger, status: status, watchesSIGHUP: false)
        let task = Task { try await daemon.run(handlesSignals: false) }
        // Generous: a full test run may keep the cooperative pool busy for a while.
        let deadline = Date(timeIntervalSinceNow: 90)
        while daemon.status.address == nil, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let address = try #require(daemon.status.address, "the HTTP endpoint did not start")
        return Running(daemon: daemon, task: task, base: "http://\(address)")
    }

    /// GETs `path` of the endpoint at `base`.
    static func get(_ base: String, _ path: String) async throws -> Answer {
        let (data, response) = try await URLSession.shared.data(from: URL(string: base + path)!)
        let http = try #require(response as? HTTPURLResponse)
        return Answer(
            status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type"),
            body: String(decoding: data, as: UTF8.self))
    }

    /// The samples of a Prometheus text exposition: series (name and labels as written) to value.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    /// Scrapes `/metrics` until `condition` holds or `seconds` pass; returns the last scrape's text.
    static func scrape(
        _ base: String, within seconds: Double = 60, until condition: ([String: Double]) -> Bool
    ) async throws -> String {
        let deadline = Date(timeIntervalSinceNow: seconds)
        var text = ""
        repeat {
            text = try await get(base, "/metrics").body
            if condition(samples(text)) { return text }
            try await Task.sleep(for: .milliseconds(100))
        } while Date() < deadline
        return text
    }

    /// The decision id of `campaign` for `customer`'s event at `offset` of partition 0 of `events`.
    static func decisionID(_ campaign: String, _ customer: String, offset: Int64) -> String {
        FNV1a.hex(FNV1a.decisionID(
            campaign: campaign, customer: customer, trigger: EventReference(topic: "events", partition: 0, offset: offset)))
    }

    /// A response line for kcat (`key|value`).
    static func response(_ customer: String, id: String, campaign: String, outcome: String) -> String {
        #"\#(customer)|{"id": "\#(id)", "campaign": "\#(campaign)", "outcome": "\#(outcome)"}"#
    }
}

/// The building blocks of the observability part, without Kafka.
@Suite struct ObservabilityTests {
    @Test func latencyHistogramDrainsExactBucketCountsAndSum() throws {
        let registry = PrometheusCollectorRegistry()
        let metrics = DaemonMetrics(registry: registry)
        var histogram = LatencyHistogram()
        for nanoseconds: Int64 in [100_000, 400_000, 500_000, 700_000, 800_001, 3_000_000, 20_000_000_000] {
            histogram.observe(nanoseconds: nanoseconds)
        }
        histogram.observe(nanoseconds: -5)
        #expect(histogram.count == 8)
        histogram.drain(into: metrics.timer(.pipelineLatency))
        #expect(histogram.count == 0)
        let samples = ObservabilityFixture.samples(metrics.exposition())
        #expect(samples[#"lurker_pipeline_latency_seconds_bucket{le="0.0005"}"#] == 4)
        #expect(samples[#"lurker_pipeline_latency_seconds_bucket{le="0.001"}"#] == 6)
        #expect(samples[#"lurker_pipeline_latency_seconds_bucket{le="0.0025"}"#] == 6)
        #expect(samples[#"lurker_pipeline_latency_seconds_bucket{le="0.005"}"#] == 7)
        #expect(samples[#"lurker_pipeline_latency_seconds_bucket{le="10.0"}"#] == 7)
        #expect(samples[#"lurker_pipeline_latency_seconds_bucket{le="+Inf"}"#] == 8)
        #expect(samples["lurker_pipeline_latency_seconds_count"] == 8)
        #expect(samples["lurker_pipeline_latency_seconds_sum"] == 20.005500001)
    }

    @Test func everyMetricHasItsHelpTextAndTypeInTheExposition() {
        let metrics = DaemonMetrics()
        _ = MetricsExporter(metrics: metrics, status: DaemonStatus(), configuration: DaemonConfiguration())
        let text = metrics.exposition()
        #expect(text.contains("# HELP lurker_pipeline_events_total Event, profile and response messages consumed, by topic.\n# TYPE lurker_pipeline_events_total counter\n"))
        #expect(text.contains("# HELP lurker_campaigns_loaded Campaigns in the running set.\n# TYPE lurker_campaigns_loaded gauge\n"))
        let samples = ObservabilityFixture.samples(text)
        #expect(samples[#"lurker_pipeline_events_total{topic="events"}"#] == 0)
        #expect(samples[#"lurker_pipeline_events_total{topic="profiles"}"#] == 0)
        #expect(samples[#"lurker_pipeline_events_total{topic="responses"}"#] == 0)
        #expect(samples[#"lurker_campaigns_reloads_total{result="failure"}"#] == 0)
        #expect(samples[#"lurker_pipeline_deadletters_total{reason="response_duplicate"}"#] == 0)
        let histogramSeries = LatencyHistogram.bounds.count + 3
        #expect(samples.count == 2 + 3 + DeadLetterReason.allCases.count + ResponseRejection.allCases.count + 4 + histogramSeries)
    }

    @Test(arguments: [
        ("127.0.0.1:9464", "127.0.0.1", 9464), ("0.0.0.0:0", "0.0.0.0", 0), ("[::1]:80", "::1", 80),
        ("localhost:65535", "localhost", 65535),
    ])
    func metricsAddressSplitsIntoHostAndPort(_ address: String, _ host: String, _ port: Int) throws {
        let parsed = try #require(MetricsServer.hostAndPort(address))
        #expect(parsed.host == host)
        #expect(parsed.port == port)
    }

    @Test(arguments: ["9464", ":9464", "host:", "host:port", "host:65536", "host:-1"])
    func metricsAddressWithoutHostOrPortIsRejected(_ address: String) {
        #expect(MetricsServer.hostAndPort(address) == nil)
    }

    @Test func kafkaStatisticsGiveLagOfFetchedPartitionsAndQueueDepth() throws {
        let consumer = try #require(KafkaStatistics(json: Array(#"""
            {"name": "lurker#consumer-1", "type": "consumer", "msg_cnt": 0, "topics": {
              "events": {"topic": "events", "partitions": {
                "0": {"partition": 0, "consumer_lag": 12, "desired": true},
                "1": {"partition": 1, "consumer_lag": -1, "desired": false},
                "-1": {"partition": -1, "consumer_lag": -1}}},
              "profiles": {"topic": "profiles", "partitions": {"0": {"partition": 0, "consumer_lag": 0}}}}}
            """#.utf8)))
        #expect(consumer.role == "consumer")
        #expect(consumer.consumerLag == [
            TopicPartition(topic: "events", partition: 0): 12, TopicPartition(topic: "profiles", partition: 0): 0,
        ])
        let producer = try #require(KafkaStatistics(json: Array(#"{"type": "producer", "msg_cnt": 42, "topics": {}}"#.utf8)))
        #expect(producer == KafkaStatistics(role: "producer", queuedMessages: 42, consumerLag: [:]))
        #expect(KafkaStatistics(json: Array("[1]".utf8)) == nil)
        #expect(KafkaStatistics(json: Array("{".utf8)) == nil)
    }

    @Test func lagSeriesOfAPartitionNoLongerReportedGoesAway() {
        let metrics = DaemonMetrics()
        let gauges = KafkaStatisticsGauges(metrics: metrics)
        let events0 = TopicPartition(topic: "events", partition: 0)
        let events1 = TopicPartition(topic: "events", partition: 1)
        gauges.update(KafkaStatistics(role: "consumer", queuedMessages: 0, consumerLag: [events0: 3, events1: 4]))
        gauges.update(KafkaStatistics(role: "producer", queuedMessages: 7, consumerLag: [:]))
        var samples = ObservabilityFixture.samples(metrics.exposition())
        #expect(samples[#"lurker_kafka_consumer_lag_messages{topic="events",partition="0"}"#] == 3)
        #expect(samples[#"lurker_kafka_consumer_lag_messages{topic="events",partition="1"}"#] == 4)
        #expect(samples["lurker_kafka_producer_queue_messages"] == 7)
        gauges.update(KafkaStatistics(role: "consumer", queuedMessages: 0, consumerLag: [events1: 0]))
        samples = ObservabilityFixture.samples(metrics.exposition())
        #expect(samples[#"lurker_kafka_consumer_lag_messages{topic="events",partition="0"}"#] == nil)
        #expect(samples[#"lurker_kafka_consumer_lag_messages{topic="events",partition="1"}"#] == 0)
    }

    @Test func readinessNamesWhatIsMissingUntilEverythingIsThere() {
        let status = DaemonStatus()
        #expect(status.notReadyReason == "pipeline not running")
        status.setRunning(true)
        #expect(status.notReadyReason == "no campaigns loaded")
        status.setCampaigns([CampaignView.Campaign(name: "a", file: "a.lurk")])
        #expect(status.notReadyReason == "no partitions assigned")
        status.setAssignedPartitions(2)
        #expect(status.notReadyReason == nil)
        status.setFailure("delivery failed: Broker: Unknown topic or partition")
        status.setFailure("a later failure")
        #expect(status.notReadyReason == "failed: delivery failed: Broker: Unknown topic or partition")
    }
}
