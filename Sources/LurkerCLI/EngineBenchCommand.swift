import ArgumentParser
import Lurker

/// `lurker bench engine`: decode + decide on one thread, no Kafka.
struct EngineBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Measure decode + decide on one thread, no Kafka, against the same run with 10 campaigns.",
        discussion: """
            Generates a seeded workload (campaigns keyed on products, pages, categories and shops; customer \
            profiles; a realistic event mix), loads the profiles, then decides every event with 10 campaigns and \
            with --campaigns campaigns. Allocations are counted when ordo-one's malloc interposer is preloaded \
            (scripts/bench does it): LD_PRELOAD=.build/release/libMallocInterposerSwift.so.
            """
    )

    private static let defaults = EngineBench.Options()

    @Option(help: "The number of campaigns.")
    var campaigns = defaults.campaigns

    @Option(help: "The number of customers, each with a profile.")
    var customers = defaults.customers

    @Option(help: "The number of events decided.")
    var events = defaults.events

    @Option(help: "The seed of the workload.")
    var seed = defaults.seed

    @OptionGroup var output: BenchOutputOptions

    func validate() throws {
        guard campaigns >= 1, customers >= 1, events >= 1 else {
            throw ValidationError("--campaigns, --customers and --events must each be at least 1")
        }
    }

    func run() throws {
        var options = EngineBench.Options()
        options.campaigns = campaigns
        options.customers = customers
        options.events = events
        options.seed = seed
        let errors = OutputStream.standardError()
        let report = try EngineBench(options: options).run { errors.write("bench: \($0)\n") }
        output.write(table: report.table, json: report.json)
    }
}
