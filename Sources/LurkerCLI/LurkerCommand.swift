import ArgumentParser

/// The `lurker` command: argument parsing only; the work happens in the Lurker library.
@main
struct LurkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lurker",
        abstract: "Real-time lurking campaigns over Kafka.",
        subcommands: [
            DemoCommand.self, RunCommand.self, CheckCommand.self, FormatCommand.self, ReplayCommand.self, ExplainCommand.self,
            BenchCommand.self, BrokerCommand.self,
        ]
    )
}
