import Metrics
import Synchronization

/// Sets the gauges that come from librdkafka's statistics: the consumer's lag per partition and the
/// producer's queue. A partition no longer reported (revoked) loses its lag series: its new owner reports it.
final class KafkaStatisticsGauges: Sendable {
    private let metrics: DaemonMetrics
    private let lagSeries = Mutex<[TopicPartition: Gauge]>([:])

    /// Creates the gauges in `metrics`.
    init(metrics: DaemonMetrics) {
        self.metrics = metrics
    }

    /// Takes one client's statistics.
    func update(_ statistics: KafkaStatistics) {
        switch statistics.role {
        case "producer":
            metrics.gauge(.kafkaProducerQueue).record(statistics.queuedMessages)
        case "consumer":
            lagSeries.withLock { series in
                for (partition, gauge) in series where statistics.consumerLag[partition] == nil {
                    gauge.destroy()
                    series[partition] = nil
                }
                for (partition, lag) in statistics.consumerLag {
                    let gauge =
                        series[partition]
                        ?? metrics.gauge(
                            .kafkaConsumerLag,
                            [(MetricName.Label.topic, partition.topic), (MetricName.Label.partition, "\(partition.partition)")])
                    series[partition] = gauge
                    gauge.record(lag)
                }
            }
        default:
            break
        }
    }
}
