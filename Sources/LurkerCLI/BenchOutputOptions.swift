import ArgumentParser
import Lurker

/// How a `lurker bench` command prints its report: a table for people, or with `--json` one JSON object.
struct BenchOutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    /// Writes the report to standard output: `jsonText` and a newline with `--json`, else `table`.
    func write(table: String, json jsonText: String) {
        let output = OutputStream.standardOutput()
        output.write(json ? jsonText + "\n" : table)
        output.flush()
    }
}
