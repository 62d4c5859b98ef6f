import ArgumentParser
import Foundation
import Lurker
import RuleDSL

/// `lurker fmt`: rewrites campaign files in the canonical layout.
struct FormatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite campaign files in the canonical layout.",
        discussion: """
            Every comment is kept where it was, and formatting twice changes nothing more. Prints the path of \
            each file it rewrites on standard output, and a summary on standard error. \
            A file with syntax errors is left as it is: its errors go to standard error and the exit status \
            is 1. With --check nothing is written: the files that would change are listed and the exit \
            status is 1 if there are any.
            """
    )

    @Flag(help: "Change nothing; list the files that are not formatted and exit 1 if there are any.")
    var check = false

    @Argument(help: "Campaign folders (their *.lurk files) or .lurk files.")
    var paths: [String] = ["campaigns"]

    func run() throws {
        let sources: [SourceFile]
        do {
            sources = try SourceFile.load(paths: paths)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        var changed: [String] = []
        var refused = 0
        for source in sources {
            let result = CampaignFormatter.format(source)
            guard let text = result.text else {
                let renderer = DiagnosticRenderer(sources: [source], usesColor: OutputStream.standardError().isTerminal)
                FileHandle.standardError.write(Data(renderer.render(result.diagnostics).utf8))
                refused += 1
                continue
            }
            guard !text.utf8.elementsEqual(source.text.utf8) else { continue }
            if !check {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: source.path), options: .atomic)
                } catch {
                    FileHandle.standardError.write(Data("error: cannot write '\(source.path)': \(error)\n".utf8))
                    throw ExitCode.failure
                }
            }
            changed.append(source.path)
            FileHandle.standardOutput.write(Data("\(source.path)\n".utf8))
        }
        let files = "\(sources.count) \(sources.count == 1 ? "file" : "files")"
        let verb = check ? "to reformat" : "reformatted"
        let left = refused == 0 ? "" : ", \(refused) left as \(refused == 1 ? "it is" : "they are") (syntax errors)"
        FileHandle.standardError.write(Data("\(changed.count) of \(files) \(verb)\(left)\n".utf8))
        if refused > 0 || (check && !changed.isEmpty) { throw ExitCode.failure }
    }
}
