import Metrics
import Prometheus

/// The metrics of one daemon, through swift-metrics into a Prometheus registry of its own (injectable, so
/// several daemons can run in one process, and never the global `MetricsSystem` alone).
///
/// The hot path makes no metric call: the pipeline counts in plain integers on its own thread and hands the
/// differences over periodically (``MetricsExporter``).
public final class DaemonMetrics: Sendable {
    /// The registry the metrics are kept in, rendered by ``exposition()``.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusHelpFactory

    /// Creates the metrics in `registry`; default a new registry.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        self.factory = PrometheusHelpFactory(registry: registry)
    }

    /// The metrics in Prometheus' text exposition format (version 0.0.4).
    public func exposition() -> String {
        registry.emitToString()
    }

    /// The counter `name` with `labels`, registered at 0 the first time.
    func counter(_ name: MetricName, _ labels: [(String, String)] = []) -> Metrics.Counter {
        Metrics.Counter(label: name.rawValue, dimensions: labels, factory: factory)
    }

    /// The gauge `name` with `labels`, registered at 0 the first time.
    func gauge(_ name: MetricName, _ labels: [(String, String)] = []) -> Metrics.Gauge {
        Metrics.Gauge(label: name.rawValue, dimensions: labels, factory: factory)
    }

    /// The histogram of durations `name`, with the buckets of ``LatencyHistogram/bounds``.
    func timer(_ name: MetricName) -> Metrics.Timer {
        Metrics.Timer(label: name.rawValue, dimensions: [], factory: factory)
    }
}
