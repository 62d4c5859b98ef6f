import ArgumentParser
import Foundation
import RuleDSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `lurker check`: reads a campaign set and reports every error and warning.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check campaign files and report every error and warning.",
        discussion: """
            Diagnostics go to standard error, compiler style (coloured when standard error is a terminal). \
            A clean set prints "N campaigns in M files, K warnings" on standard output and exits 0; a set \
            with errors prints the error count on standard error and exits 1. With --format json the \
            diagnostics are one JSON array on standard output instead, and nothing else is printed.
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

    func run() throws {
        let sources: [SourceFile]
        do {
            sources = try SourceFile.load(paths: paths)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        let result = CampaignChecker.check(sources, now: now)
        switch format {
        case .json:
            FileHandle.standardOutput.write(Data(DiagnosticRenderer.json(result.diagnostics).utf8))
        case .text:
            let renderer = DiagnosticRenderer(sources: sources, usesColor: isatty(2) != 0)
            FileHandle.standardError.write(Data(renderer.render(result.diagnostics).utf8))
            let summary = result.summary(fileCount: sources.count) + "\n"
            if result.hasErrors {
                FileHandle.standardError.write(Data(summary.utf8))
            } else {
                FileHandle.standardOutput.write(Data(summary.utf8))
            }
        }
        if result.hasErrors { throw ExitCode.failure }
    }
}
