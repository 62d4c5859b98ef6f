import ArgumentParser
import Logging
import Lurker

/// `lurker bench kafka`: the daemon through the embedded broker against librdkafka's raw consume rate.
struct KafkaBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka",
        abstract: "Measure the daemon end to end through the embedded broker, against librdkafka's raw consume rate.",
        discussion: """
            In one run on the embedded broker: the generated workload is produced; a plain consumer reads it \
            (the raw consume rate, the limit of this machine); the daemon's pipeline decides it end to end \
            (consume, decide, produce offers and decisions, every acknowledgement, offsets stored); then probe \
            events are produced at half the pipeline's rate for --latency-seconds, and the time from producing \
            each to its offer reaching a consumer is recorded (p50, p99, p99.9).
            """
    )

    @Option(help: "Events produced and decided.")
    var events = 200_000

    @Option(help: "Customers, each with a profile.")
    var customers = 50_000

    @Option(help: "Campaigns of the generated set.")
    var campaigns = 1_000

    @Option(help: "Partitions of the topics.")
    var partitions = 16

    @Option(help: "Seconds of probes for the latency measurement.")
    var latencySeconds = 10.0

    @Option(help: "Events per second for the latency measurement (default: half the measured end-to-end rate).")
    var latencyRate: Double?

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func validate() throws {
        guard events >= 1, customers >= 1, campaigns >= 1, partitions >= 1, latencySeconds > 0 else {
            throw ValidationError("every count must be at least 1 and --latency-seconds more than 0")
        }
    }

    func run() async throws {
        var options = KafkaBench.Options()
        options.events = events
        options.customers = customers
        options.campaigns = campaigns
        options.partitions = partitions
        options.latencySeconds = latencySeconds
        options.latencyRate = latencyRate
        var logger = Logger(label: "lurker.bench")
        logger.logLevel = .error
        let report = try await KafkaBench(options: options, logger: logger).run { line in
            OutputStream.standardError().write("bench: \(line)\n")
        }
        let output = OutputStream.standardOutput()
        output.write(json ? report.json + "\n" : report.table)
        output.flush()
    }
}
