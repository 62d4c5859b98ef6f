import Foundation
import Testing

@testable import Lurker

/// `lurker run` as a child process, killed with SIGKILL mid-stream and started again: no event loses its offer.
@Suite struct DaemonRecoveryTests {
    private static let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        .deletingLastPathComponent()
        .appendingPathComponent("lurker")

    static let events = 6000

    /// Starts `lurker run` on `broker` with the campaigns of `folder`, its HTTP endpoint on any free port (the
    /// default 9464 may be taken by another run on the machine).
    private static func startDaemon(_ broker: EmbeddedBroker, campaigns folder: String, group: String) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments =
            ["run", "--campaigns", folder, "--bootstrap-servers", broker.bootstrapServers, "--group", group,
             "--log-level", "error", "--metrics-address", "127.0.0.1:0"]
            + DaemonFixture.consumerOverrides.properties.flatMap { ["-X", "\($0.key)=\($0.value)"] }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func killedDaemonLosesNoOfferAfterRestart() async throws {
        let broker = try EmbeddedBroker(partitions: 2, createsStandardTopics: false)
        defer { broker.close() }
        for (topic, partitions) in [
            ("events", 2), ("profiles", 2), ("lurker.decisions", 4), ("offers.web", 4), ("escalations", 1),
            ("lurker.deadletter", 1),
        ] {
            try broker.createTopic(name: topic, partitions: partitions)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lurker-recovery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"campaign banner { on page.viewed offer "banner" via web limit none }"#
            .write(to: folder.appendingPathComponent("banner.lurk"), atomically: true, encoding: .utf8)
        let group = KafkaFixture.uniqueGroup()

        let (expected, offers, killedAfter, status) = try await KafkaFixture.blocking {
            // confluent-kafka produces the events over about six seconds and prints where each one landed.
            let producer = Process()
            producer.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            producer.arguments = [
                "-c",
                """
                import json, sys, time
                from confluent_kafka import Producer
                producer = Producer({"bootstrap.servers": sys.argv[1], "linger.ms": 5})
                placed = []
                start = time.time()
                for i in range(int(sys.argv[2])):
                    customer = "c-%d" % (i % 500)
                    value = json.dumps({"customer": customer, "type": "page.viewed", "channel": "web", "ts": 1795500000000 + i})
                    producer.produce("events", key=customer, value=value,
                                     on_delivery=lambda err, msg: placed.append((msg.key().decode(), msg.partition(), msg.offset())))
                    producer.poll(0)
                    time.sleep(max(0, start + i / 1000 - time.time()))
                producer.flush(30)
                for key, partition, offset in placed:
                    print(key, partition, offset)
                """,
                broker.bootstrapServers, String(Self.events),
            ]
            let placements = Pipe()
            producer.standardOutput = placements
            producer.standardError = FileHandle.nullDevice
            try producer.run()

            let reader = try KafkaConsumer(
                configuration: KafkaFixture.consumerConfiguration(broker, group: KafkaFixture.uniqueGroup()),
                topics: ["offers.web"], logger: KafkaFixture.logger)
            defer { reader.close() }
            var offers: [KafkaMessage] = []

            var daemon = try Self.startDaemon(broker, campaigns: folder.path, group: group)
            let deadline = Date(timeIntervalSinceNow: 30)
            while offers.count < 1500, Date() < deadline {
                try reader.poll(timeout: 50, into: &offers, max: 500)
            }
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
            let killedAfter = offers.count
            daemon = try Self.startDaemon(broker, campaigns: folder.path, group: group)

            let printed = placements.fileHandleForReading.readDataToEndOfFile()
            producer.waitUntilExit()
            let expected = Set(
                String(decoding: printed, as: UTF8.self).split(separator: "\n").map { line in
                    let parts = line.split(separator: " ")
                    let reference = EventReference(topic: "events", partition: Int32(parts[1])!, offset: Int64(parts[2])!)
                    return FNV1a.hex(FNV1a.decisionID(campaign: "banner", customer: String(parts[0]), trigger: reference))
                })
            func ids() -> Set<String> {
                Set(offers.compactMap { message in
                    message.value.flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }?["id"]
                        as? String
                })
            }
            let end = Date(timeIntervalSinceNow: 60)
            while !expected.isSubset(of: ids()), Date() < end {
                try reader.poll(timeout: 100, into: &offers, max: 1000)
            }
            kill(daemon.processIdentifier, SIGTERM)
            daemon.waitUntilExit()
            return (expected, ids(), killedAfter, daemon.terminationStatus)
        }
        #expect(expected.count == Self.events)
        #expect(killedAfter >= 1500 && killedAfter < Self.events, "killed after \(killedAfter) offers")
        #expect(offers == expected)
        #expect(status == 0)
    }
}
