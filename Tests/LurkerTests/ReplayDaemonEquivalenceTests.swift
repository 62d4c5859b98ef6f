import Foundation
import Synchronization
import Testing

@testable import Lurker

/// Replay and the live daemon run the same engine (issue 4): the demo's stream, produced to the mock cluster
/// on one partition and decided by the daemon in process, gives exactly the decisions that replay prints for
/// the same records written as files, ids included.
///
/// The daemon applies profiles as they arrive, interleaved with events, where replay loads them all first; so
/// every profile record (the changes too, in order) is produced and consumed before the first event, and both
/// see the final profiles. The idle rule's threshold is a day of wall time, so the wall clock (later than the
/// simulated day) never fires a wait: as in replay without `--until`, waits still pending at the end do not fire.
@Suite struct ReplayDaemonEquivalenceTests {
    @Test func daemonDecidesTheDemoStreamAsReplayDoes() async throws {
        let input = try DemoReplayInput(customers: 300)
        defer { input.remove() }
        let campaigns = try DemoReplayInput.campaigns()
        let replayed = try input.replay(campaigns)
        let lines = replayed.lines.map { String(decoding: $0, as: UTF8.self) }
        #expect(lines.count > 300, "the demo's campaigns decide")
        #expect(lines.contains { $0.contains(#""outcome": "cancelled""#) } && lines.contains { $0.contains(#""outcome": "outranked""#) })
        let customers = lines.map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["customer"] as? String
        }

        let broker = try EmbeddedBroker(partitions: 1)
        defer { broker.close() }
        let group = KafkaFixture.uniqueGroup()
        let stop = StopSignal()
        let daemon = DaemonFixture.start(
            DaemonFixture.configuration(broker, group: group, idle: 86_400_000), campaigns: campaigns, stop: stop)
        let records = try await KafkaFixture.blocking {
            try Self.produce(input.profiles, topic: "profiles", to: broker)
            // Generous: tests that compute on the cooperative pool can hold it (and so the daemon's start) for a
            // minute on a small machine; the wait ends as soon as the commit is seen.
            try DaemonFixture.waitForCommit(broker, group: group, topic: "profiles", offset: input.profiles.count, within: 150)
            try Self.produce(input.events, topic: "events", to: broker)
            return try DaemonFixture.consume(broker, topics: ["lurker.decisions"], count: lines.count, within: 150)
        }
        stop.stop()
        let (statistics, counters) = try await daemon.value

        let published = records.sorted { $0.offset < $1.offset }
        #expect(published.count == lines.count)
        #expect(published.map(\.value) == lines)
        #expect(published.map(\.key) == customers)
        #expect(counters.profiles == input.profiles.count)
        #expect(counters.events == input.events.count)
        #expect(counters.deadLettered.values.reduce(0, +) == replayed.summary.skippedEvents)
        #expect(statistics == replayed.summary.statistics)
    }

    /// Produces `records` to `topic` in order, keyed by customer, and waits until all are delivered.
    static func produce(_ records: [DemoRecord], topic: String, to broker: EmbeddedBroker) throws {
        let failures = Atomic<Int>(0)
        let producer = try KafkaProducer(
            configuration: KafkaFixture.producerConfiguration(broker), logger: KafkaFixture.logger,
            deliveryHandler: { report in
                if report.error != nil { failures.add(1, ordering: .relaxed) }
            })
        defer { producer.close() }
        for record in records {
            try producer.send(topic: topic, key: Array(record.key.utf8), value: record.value, token: 0, waitingForRoom: 10)
        }
        try producer.flush(timeout: 10_000)
        #expect(failures.load(ordering: .relaxed) == 0)
    }
}
