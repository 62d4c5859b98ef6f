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

    private static let defaults = KafkaBench.Options()

    @Option(help: "Events produced and decided.")
    var events = defaults.events

    @Option(help: "Customers, each with a profile.")
    var customers = defaults.customers

    @Option(help: "Campaigns of the generated set.")
    var campaigns = defaults.campaigns

    @Option(help: "Partitions of the topics.")
    var partitions = defaults.partitions

    @Option(help: "Seconds of probes for the latency measurement.")
    var latencySeconds = defaults.latencySeconds

    @Option(help: "Events per second for the latency measurement (default: half the measured end-to-end rate).")
    var latencyRate: Double?

    @Option(help: "The seed of the workload.")
    var seed = defaults.seed

    @OptionGroup var output: BenchOutputOptions

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
        options.seed = seed
        var logger = Logger(label: "lurker.bench")
        logger.logLevel = .error
        let report = try await KafkaBench(options: options, logger: logger).run { line in
            OutputStream.standardError().write("bench: \(line)\n")
        }
        output.write(table: report.table, json: report.json)
    }
}
