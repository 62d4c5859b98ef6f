import CKafka
import Foundation

/// librdkafka's mock Kafka cluster (`rd_kafka_mock_cluster_t`) on a private producer handle.
final class RDKafkaMockCluster: @unchecked Sendable {
    // @unchecked: the pointers are only touched under `lock`, and cleared by `close()`.

    /// The cluster's listeners, `127.0.0.1:PORT[,…]`.
    let bootstrapServers: String

    private let lock = NSLock()
    private var handle: OpaquePointer?
    private var cluster: OpaquePointer?

    /// Starts a cluster of `brokers` brokers listening on loopback ports chosen by the system.
    init(brokers: Int32) throws {
        let conf = rd_kafka_conf_new()!
        // The private handle never talks to a broker; keep it quiet.
        _ = rd_kafka_conf_set(conf, "log_level", "3", nil, 0)
        let created = RDKafka.withErrorString { buffer, size in
            (rd_kafka_new(RD_KAFKA_PRODUCER, conf, buffer, size), String(cString: buffer))
        }
        guard let handle = created.0 else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError(code: .embeddedBroker, reason: created.1)
        }
        guard let cluster = rd_kafka_mock_cluster_new(handle, brokers) else {
            rd_kafka_destroy(handle)
            throw KafkaError(code: .embeddedBroker, reason: "librdkafka could not start the mock cluster")
        }
        self.handle = handle
        self.cluster = cluster
        self.bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    deinit {
        close()
    }

    /// Creates a topic (`rd_kafka_mock_topic_create`, replication factor 1).
    func createTopic(_ name: String, partitions: Int32) throws {
        try lock.withLock {
            guard let cluster else {
                throw KafkaError(code: .closed, reason: "the embedded broker is closed")
            }
            let err = rd_kafka_mock_topic_create(cluster, name, partitions, 1)
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                throw RDKafka.error(
                    .embeddedBroker,
                    err,
                    reason: "cannot create topic '\(name)': \(String(cString: rd_kafka_err2str(err)))"
                )
            }
        }
    }

    /// Stops the listeners and frees the cluster; later calls do nothing.
    func close() {
        let (cluster, handle) = lock.withLock {
            defer {
                self.cluster = nil
                self.handle = nil
            }
            return (self.cluster, self.handle)
        }
        if let cluster {
            rd_kafka_mock_cluster_destroy(cluster)
        }
        if let handle {
            rd_kafka_destroy(handle)
        }
    }
}
