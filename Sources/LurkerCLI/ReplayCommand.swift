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

            With --diff OTHER_DIR the input is replayed through both campaign sets and only what changes is \
            printed: decisions only in the first set's run (-), only in the second's (+), changed for the same \
            campaign, customer, trigger and time (~), then the counts per campaign that differ. The exit status \
            is 0 when the decisions are identical, 1 when they differ and 2 on an error, as for diff.
            """
    )

    /// How `--diff` writes its result.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @OptionGroup var source: ReplayInputOptions

    @Option(help: "Advance the clock to this TIME at the end, so waits due by then fire (2026-12-01 or 2026-12-01T10:00:00Z).")
    var until: String?

    @Option(help: ArgumentHelp("Also replay through this folder's campaigns and print what changes.", valueName: "other-dir"))
    var diff: String?

    @Option(help: "How --diff writes what changes: text or json.")
    var format: Format?

    func validate() throws {
        if format != nil, diff == nil {
            throw ValidationError("--format applies to --diff only")
        }
    }

    func run() throws {
        if let diff {
            try runDiff(other: diff)
            return
        }
        let compiled = try CampaignLoader.load([source.campaigns], terminal: OutputStream.standardError().isTerminal)
        let job = ReplayJob(campaigns: compiled, input: source.input(until: try untilTime()))
        try job.run()
    }

    /// `--until` in epoch milliseconds.
    private func untilTime() throws -> Int64? {
        try TimeArgument.parse(until, option: "--until")
    }

    /// Replays through both sets and prints the difference. Both sets are checked (and their diagnostics
    /// written) before anything is replayed; every error exits with status 2.
    private func runDiff(other: String) throws {
        let errors = OutputStream.standardError()
        var failures: [String] = []
        func attempt<Value>(_ subject: String? = nil, _ body: () throws -> Value) -> Value? {
            do {
                return try body()
            } catch {
                failures.append((subject.map { "\($0): " } ?? "") + Self.message(error))
                return nil
            }
        }
        let first = attempt(source.campaigns) { try CampaignLoader.load([source.campaigns], terminal: errors.isTerminal) }
        let second = attempt(other) { try CampaignLoader.load([other], terminal: errors.isTerminal) }
        let until = attempt { try untilTime() }
        guard let first, let second, let until else {
            for failure in failures { errors.write("error: \(failure)\n") }
            throw ExitCode(2)
        }
        let job = ReplayDiffJob(first: first, second: second, input: source.input(until: until))
        guard let result = attempt(nil, { try job.run(skip: { errors.write("\($0)\n") }) }) else {
            for failure in failures { errors.write("error: \(failure)\n") }
            throw ExitCode(2)
        }
        let output = OutputStream.standardOutput()
        switch format ?? .text {
        case .text: output.write(result.text(first: source.campaigns, second: other))
        case .json: output.write(result.json(first: source.campaigns, second: other))
        }
        output.flush()
        if !result.isIdentical { throw ExitCode(1) }
    }

    /// An error's message without ArgumentParser's decoration.
    private static func message(_ error: any Error) -> String {
        if let validation = error as? ValidationError { return validation.message }
        return "\(error)"
    }
}
