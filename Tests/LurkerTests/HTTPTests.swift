import Foundation
import ServiceLifecycle
import Testing

@testable import Lurker

/// The HTTP endpoint's answers and readiness transitions, against the mock cluster.
@Suite struct HTTPTests {
    /// Another member of the group holds the one partition of `events` (cooperative-sticky keeps it there):
    /// the daemon runs with profiles and responses assigned (it reads a profile) but is not ready; once that member leaves, the
    /// daemon gets the partition and is ready.
    @Test func readinessWaitsForEventPartitionsThenTurnsReady() async throws {
        let broker = try EmbeddedBroker(partitions: 1)
        defer { broker.close() }
        let group = KafkaFixture.uniqueGroup()
        let holder = try KafkaConsumer(
            configuration: KafkaFixture.consumerConfiguration(broker, group: group), topics: ["events"],
            logger: KafkaFixture.logger)
        try await KafkaFixture.blocking { try KafkaFixture.waitForAssignment(holder, within: 60) }
        let leaving = StopSignal()
        let holding = Task {
            try await KafkaFixture.blocking {
                var messages: [KafkaMessage] = []
                while !leaving.isSet { try holder.poll(timeout: 50, into: &messages, max: 10) }
                holder.close()
            }
        }
        let running = try await ObservabilityFixture.start(
            ObservabilityFixture.configuration(broker, group: group),
            campaigns: DaemonFixture.campaigns(DaemonServiceTests.campaigns))
        // A profile consumed shows the daemon has its partitions assigned.
        try await KafkaFixture.blocking { try DaemonFixture.kcatProduce(broker, topic: "profiles", [#"c1|{"tier": "gold"}"#]) }
        _ = try await ObservabilityFixture.scrape(running.base) { $0[#"lurker_pipeline_events_total{topic="profiles"}"#] == 1 }
        let notReady = try await ObservabilityFixture.get(running.base, "/readyz")
        let health = try await ObservabilityFixture.get(running.base, "/healthz")
        let missing = try await ObservabilityFixture.get(running.base, "/nothing")
        let metrics = try await ObservabilityFixture.get(running.base, "/metrics")
        leaving.stop()
        try await holding.value
        var ready = try await ObservabilityFixture.get(running.base, "/readyz")
        let deadline = Date(timeIntervalSinceNow: 60)
        while ready.status != 200, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            ready = try await ObservabilityFixture.get(running.base, "/readyz")
        }
        _ = try await running.stop()

        #expect(ObservabilityFixture.samples(metrics.body)[#"lurker_pipeline_events_total{topic="profiles"}"#] == 1)
        #expect(notReady.status == 503)
        #expect(notReady.body == "not ready: no partitions assigned\n")
        #expect(notReady.contentType == "text/plain; charset=utf-8")
        #expect(health.status == 200)
        #expect(health.body == "ok\n")
        #expect(missing.status == 404)
        #expect(metrics.status == 200)
        #expect(metrics.contentType == "text/plain; version=0.0.4; charset=utf-8")
        #expect(ObservabilityFixture.samples(metrics.body)["lurker_campaigns_loaded"] == 4)
        #expect(ready.status == 200)
        #expect(ready.body == "ready\n")
        #expect(running.daemon.status.address == nil)
    }

    /// Runs a lone HTTP endpoint until `stop` is raised (it raises `stop` when it fails); returns its status
    /// once it listens or stops, and its task.
    static func serve(
        _ address: String, fallsBack: Bool = false, until stop: StopSignal
    ) async -> (DaemonStatus, Task<Void, any Error>) {
        let status = DaemonStatus()
        let server = MetricsServer(
            address: address, metrics: DaemonMetrics(), status: status, logger: KafkaFixture.logger,
            fallsBackToAnyPort: fallsBack)
        let task = Task {
            defer { stop.stop() }
            let group = ServiceGroup(services: [server], logger: KafkaFixture.logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                tasks.addTask {
                    while !stop.isSet { try await Task.sleep(for: .milliseconds(20)) }
                    await group.triggerGracefulShutdown()
                }
                try await tasks.next()
                stop.stop()
                try await tasks.waitForAll()
            }
        }
        let deadline = Date(timeIntervalSinceNow: 90)
        while status.address == nil, !stop.isSet, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return (status, task)
    }

    @Test func aTakenPortFailsTheEndpointUnlessItMayFallBack() async throws {
        let stop = StopSignal()
        let (first, firstTask) = await Self.serve("127.0.0.1:0", until: stop)
        let address = try #require(first.address)
        let failed = StopSignal()
        let (_, failing) = await Self.serve(address, until: failed)
        await #expect(throws: (any Error).self) { try await failing.value }
        let (fallingBack, fallingBackTask) = await Self.serve(address, fallsBack: true, until: stop)
        let other = try #require(fallingBack.address)
        let health = try await ObservabilityFixture.get("http://\(other)", "/healthz")
        stop.stop()
        try await firstTask.value
        try await fallingBackTask.value
        #expect(other != address)
        #expect(other.hasPrefix("127.0.0.1:"))
        #expect(health.status == 200)
    }
}
