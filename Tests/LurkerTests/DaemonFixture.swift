import Foundation
import Logging
import RuleDSL
import Testing

@testable import Lurker

/// Fixtures for running the daemon against the mock cluster and reading what it published with a foreign
/// client (Debian's python3-confluent-kafka).
enum DaemonFixture {
    /// One record read back by the foreign client.
    struct Record: Sendable, Hashable {
        var topic: String
        var partition: Int
        var offset: Int
        var key: String?
        var value: String?
        var headers: [String: String]
    }

    /// Checks and compiles a campaign set written inline; records an issue for every diagnostic.
    static func campaigns(_ text: String) -> CompiledCampaignSet {
        let result = CampaignChecker.check([SourceFile(path: "test.lurk", text: text)], now: 0)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return CompiledCampaignSet(result.campaigns)
    }

    /// A daemon configuration for the mock cluster: a short session, a short fetch wait and a quick
    /// auto-commit; `idle` is the idle rule's threshold.
    static func configuration(_ broker: EmbeddedBroker, group: String, idle: Int64 = 3_600_000) -> DaemonConfiguration {
        var configuration = DaemonConfiguration()
        configuration.groupID = group
        configuration.kafka["bootstrap.servers"] = broker.bootstrapServers
        configuration.consumerKafka = consumerOverrides
        configuration.idleMilliseconds = idle
        return configuration
    }

    /// The consumer properties that suit the mock cluster.
    static let consumerOverrides = EmbeddedBroker.consumerConfiguration.merging(
        KafkaConfiguration([
            "fetch.wait.max.ms": "10",
            "auto.commit.interval.ms": "200",
        ]))

    /// Produces `key|value` lines to `topic` with kcat, in order.
    static func kcatProduce(_ broker: EmbeddedBroker, topic: String, _ lines: [String]) throws {
        let produced = try KafkaFixture.kcat(
            ["-P", "-b", broker.bootstrapServers, "-t", topic, "-K", "|"],
            input: lines.joined(separator: "\n") + "\n"
        )
        #expect(produced.status == 0, "\(produced.errors)")
    }

    /// Reads `topics` from the beginning with confluent-kafka until `count` records arrived in all, or
    /// `seconds` passed, then a further `settle` seconds to catch anything unexpected.
    static func consume(
        _ broker: EmbeddedBroker, topics: [String], count: Int, within seconds: Double, settle: Double = 1
    ) throws -> [Record] {
        let result = try KafkaFixture.python(
            """
            import json, sys, time
            from confluent_kafka import Consumer
            servers, topics, count, seconds, settle = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
            consumer = Consumer({"bootstrap.servers": servers, "group.id": "reader-" + str(time.time()),
                                 "auto.offset.reset": "earliest", "enable.auto.commit": False,
                                 "session.timeout.ms": 6000, "fetch.wait.max.ms": 10})
            consumer.subscribe(topics)
            seen, deadline, settled = 0, time.time() + seconds, None
            while time.time() < (settled or deadline):
                message = consumer.poll(0.1)
                if message is None or message.error():
                    continue
                text = lambda b: None if b is None else b.decode("utf-8", "replace")
                print(json.dumps({"topic": message.topic(), "partition": message.partition(), "offset": message.offset(),
                                  "key": text(message.key()), "value": text(message.value()),
                                  "headers": {k: text(v) for k, v in (message.headers() or [])}}), flush=True)
                seen += 1
                if seen >= count and settled is None:
                    settled = time.time() + settle
            consumer.close()
            """,
            arguments: [broker.bootstrapServers, topics.joined(separator: ","), String(count), String(seconds), String(settle)],
            timeout: seconds + settle + 15
        )
        #expect(result.status == 0, "\(result.errors)")
        return result.output.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            return Record(
                topic: object["topic"] as? String ?? "",
                partition: object["partition"] as? Int ?? -1,
                offset: object["offset"] as? Int ?? -1,
                key: object["key"] as? String,
                value: object["value"] as? String,
                headers: object["headers"] as? [String: String] ?? [:]
            )
        }
    }

    /// Waits until `group` has committed at least `offset` on partition 0 of `topic`, as confluent-kafka sees it.
    static func waitForCommit(_ broker: EmbeddedBroker, group: String, topic: String, offset: Int, within seconds: Double) throws {
        let result = try KafkaFixture.python(
            """
            import sys, time
            from confluent_kafka import Consumer, TopicPartition
            servers, group, topic, wanted, seconds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
            consumer = Consumer({"bootstrap.servers": servers, "group.id": group})
            deadline, offset = time.time() + seconds, -1
            while time.time() < deadline:
                offset = consumer.committed([TopicPartition(topic, 0)], timeout=5)[0].offset
                if offset >= wanted:
                    break
                time.sleep(0.1)
            print(offset)
            consumer.close()
            """,
            arguments: [broker.bootstrapServers, group, topic, String(offset), String(seconds)],
            timeout: seconds + 15
        )
        #expect(result.output == "\(offset)\n", "committed offset of \(topic): \(result.output) \(result.errors)")
    }

    /// Runs the daemon in this process until `stop` is raised, publishing its readiness in `status`; returns its
    /// counters.
    static func start(
        _ configuration: DaemonConfiguration, campaigns: CompiledCampaignSet, stop: StopSignal,
        status: DaemonStatus = DaemonStatus()
    ) -> Task<(EngineStatistics, PipelineCounters), any Error> {
        Task {
            try await DaemonService(
                configuration: configuration, campaigns: campaigns, logger: KafkaFixture.logger, stop: stop,
                status: status
            ).runPipeline()
        }
    }
}
