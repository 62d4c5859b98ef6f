/// How a Kafka benchmark report is printed: a table for people, one JSON object for scripts.
extension KafkaBench.Report {
    /// The rates, their ratio and the latency percentiles.
    public var table: String {
        """
        messages (events + profiles)        \(messages)
        raw consume (librdkafka), msg/s     \(Int(rawRate.rounded()))
        lurker run end to end, msg/s        \(Int(lurkerRate.rounded()))
        ratio lurker / raw                  \(FixedPoint.text(ratio, decimals: 2))
        events for the latency, /s         \(Int(latencyRate.rounded())) (1 in \(KafkaBench.probeEvery) a probe)
        probe offers received               \(probes)
        produce → offer p50, ms             \(FixedPoint.text(Double(latency.p50) / 1000, decimals: 2))
        produce → offer p99, ms             \(FixedPoint.text(Double(latency.p99) / 1000, decimals: 2))
        produce → offer p99.9, ms           \(FixedPoint.text(Double(latency.p999) / 1000, decimals: 2))

        """
    }

    /// One JSON object with the same figures (latencies in milliseconds).
    public var json: String {
        #"{"messages": \#(messages), "raw_per_second": \#(Int(rawRate.rounded())), "#
            + #""lurker_per_second": \#(Int(lurkerRate.rounded())), "ratio": \#(FixedPoint.text(ratio, decimals: 3)), "#
            + #""latency_events_per_second": \#(Int(latencyRate.rounded())), "probes": \#(probes), "#
            + #""p50_ms": \#(FixedPoint.text(Double(latency.p50) / 1000, decimals: 3)), "p99_ms": \#(FixedPoint.text(Double(latency.p99) / 1000, decimals: 3)), "#
            + #""p999_ms": \#(FixedPoint.text(Double(latency.p999) / 1000, decimals: 3))}"#
    }

}
