import ArgumentParser
import Foundation
import Lurker
import RuleDSL

/// `lurker check`: reads a campaign set and reports every error and warning.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check campaign files and report every error and warning.",
        discussion: """
            Diagnostics go to standard error, compiler style (coloured when standard error is a terminal). \
            A clean set prints "N campaigns in M files, K warnings" on standard output and exits 0; a set \
            with errors prints the error count on standard error and exits 1. With --format json the \
            diagnostics are one JSON array on standard output instead, and nothing else is printed. \
            With --explain NAME a clean set prints what that campaign needs (trigger types, event and \
            profile fields, history per type with its longest window) and the steps of its evaluation \
            in order, instead of the summary.
            """
    )

    /// How diagnostics are written.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Argument(help: "Campaign folders (their *.lurk files, in byte order of name) or .lurk files.")
    var paths: [String] = ["campaigns"]

    @Option(help: "How to write diagnostics: text or json.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Explain what a campaign needs and how it is evaluated.", valueName: "name"))
    var explain: String?

    func validate() throws {
        if explain != nil && format == .json {
            throw ValidationError("--explain writes text; it cannot be combined with --format json")
        }
    }

    func run() throws {
        let sources: [SourceFile]
        do {
            sources = try SourceFile.load(paths: paths)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let result = CampaignChecker.check(sources, now: WallClock.milliseconds())
        switch format {
        case .json:
            FileHandle.standardOutput.write(Data(DiagnosticRenderer.json(result.diagnostics).utf8))
        case .text:
            let renderer = DiagnosticRenderer(sources: sources, usesColor: OutputStream.standardError().isTerminal)
            FileHandle.standardError.write(Data(renderer.render(result.diagnostics).utf8))
            let summary = result.summary(fileCount: sources.count) + "\n"
            if result.hasErrors {
                FileHandle.standardError.write(Data(summary.utf8))
            } else if let explain {
                try printExplanation(of: explain, in: result.campaigns)
            } else {
                FileHandle.standardOutput.write(Data(summary.utf8))
            }
        }
        if result.hasErrors { throw ExitCode.failure }
    }

    private func printExplanation(of name: String, in campaigns: [Campaign]) throws {
        guard let campaign = campaigns.first(where: { $0.name == name }) else {
            let suggestion = Suggestion.closest(to: name, among: campaigns.map(\.name))
            let hint = suggestion.map { " (did you mean '\($0)')" } ?? ""
            FileHandle.standardError.write(Data("error: no campaign named '\(name)'\(hint)\n".utf8))
            throw ExitCode.failure
        }
        FileHandle.standardOutput.write(Data(CampaignExplanation(campaign).text.utf8))
    }
}
