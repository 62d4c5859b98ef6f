import ArgumentParser
import Lurker

/// `lurker replay`: the backtest.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Decide a recorded stream offline and print one decision per line.",
        discussion: """
            Events and profiles are JSON lines. Decisions go to standard output, a summary per campaign and \
            every skipped line to standard error. The same input gives the same output, byte for byte.
            """
    )

    @Option(help: "The folder of .lurk campaign files.")
    var campaigns: String

    @Option(help: "The events, one JSON object per line, each with a ts.")
    var events: String

    @Option(help: "Customer profiles, one JSON object per line with a customer field, loaded first.")
    var profiles: String?

    @Option(help: "Advance the clock to this TIME at the end, so waits due by then fire (2026-12-01 or 2026-12-01T10:00:00Z).")
    var until: String?

    func run() throws {
        var untilTime: Int64?
        if let until {
            guard let time = CampaignLoader.parseTime(until) else {
                throw ValidationError("--until: '\(until)' is not a TIME (2026-12-01, 2026-12-01T10:00Z or 2026-12-01T10:00:00+01:00)")
            }
            untilTime = time
        }
        let compiled = try CampaignLoader.load([campaigns], terminal: ErrorStream.isTerminal)
        let job = ReplayJob(campaigns: compiled, events: events, profiles: profiles, until: untilTime)
        try job.run()
    }
}
