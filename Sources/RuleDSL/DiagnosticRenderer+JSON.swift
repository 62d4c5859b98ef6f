/// The JSON form of diagnostics, for `lurker check --format json`.
extension DiagnosticRenderer {
    /// A JSON array with one object per diagnostic, one object per line.
    ///
    /// Each object has `file`, `line`, `column`, `endLine`, `endColumn` (the end is exclusive), `severity`
    /// (`error` or `warning`), `message` and `notes`: objects with `message` and, when the note points somewhere,
    /// the same five position members.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "[]\n" }
        let objects = diagnostics.map { diagnostic in
            let notes = diagnostic.notes.map { note in
                "{" + (note.range.map { position($0) + ", " } ?? "") + "\"message\": \(quote(note.message))}"
            }
            return "  {\(position(diagnostic.range)), \"severity\": \(quote(diagnostic.severity.rawValue)), "
                + "\"message\": \(quote(diagnostic.message)), \"notes\": [\(notes.joined(separator: ", "))]}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    private static func position(_ range: SourceRange) -> String {
        "\"file\": \(quote(range.file)), \"line\": \(range.start.line), \"column\": \(range.start.column), "
            + "\"endLine\": \(range.end.line), \"endColumn\": \(range.end.column)"
    }

    /// `text` as a JSON string.
    static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
