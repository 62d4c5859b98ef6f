import ArgumentParser
import Lurker

/// `lurker bench`: benchmarks whose figures go into the docs; never timed assertions in tests.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine and the daemon on generated workloads.",
        subcommands: [EngineBenchCommand.self, KafkaBenchCommand.self]
    )
}
