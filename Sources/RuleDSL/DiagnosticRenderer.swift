/// Writes diagnostics compiler style: `path:line:col: error: message`, the source line, a caret line under the
/// range, then the notes.
///
/// ```
/// campaigns/care.lurk:13:3: error: unknown clause 'wehn' (did you mean 'when')
///   wehn event.order_value < 25
///   ^~~~
/// ```
public struct DiagnosticRenderer: Sendable {
    /// Whether to colour the output with ANSI escapes (for a terminal); default false.
    public var usesColor: Bool
    private let lines: [String: [String]]

    /// Creates a renderer that quotes the lines of `sources`.
    public init(sources: [SourceFile], usesColor: Bool = false) {
        self.usesColor = usesColor
        var lines: [String: [String]] = [:]
        for source in sources {
            var scalars = Substring(source.text).unicodeScalars
            if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
            lines[source.path] = scalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                String(String.UnicodeScalarView(line.last == "\r" ? line.dropLast() : line))
            }
        }
        self.lines = lines
    }

    /// The diagnostics one after the other, each ending with a newline.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    /// One diagnostic with its source line, caret line and notes, ending with a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        let label =
            switch diagnostic.severity {
            case .error: paint("error:", .red)
            case .warning: paint("warning:", .magenta)
            }
        var output = header(diagnostic.range, label: label, message: diagnostic.message)
        for note in diagnostic.notes {
            let noteLabel = paint("note:", .cyan)
            if let range = note.range {
                output += header(range, label: noteLabel, message: note.message)
            } else {
                output += "\(noteLabel) \(note.message)\n"
            }
        }
        return output
    }

    private func header(_ range: SourceRange, label: String, message: String) -> String {
        let location = paint("\(range.file):\(range.start.line):\(range.start.column):", .bold)
        return "\(location) \(label) \(paint(message, .bold))\n" + excerpt(range)
    }

    /// The source line of the range's start and a caret line under the range (to the end of that line).
    private func excerpt(_ range: SourceRange) -> String {
        guard let fileLines = lines[range.file], range.start.line >= 1, range.start.line <= fileLines.count + 1
        else { return "" }
        let line = range.start.line <= fileLines.count ? fileLines[range.start.line - 1] : ""
        let scalars = Array(line.unicodeScalars)
        var indent = String.UnicodeScalarView()
        for index in 0..<max(0, range.start.column - 1) {
            indent.append(index < scalars.count && scalars[index] == "\t" ? "\t" : " ")
        }
        let lastColumn =
            range.end.line == range.start.line ? range.end.column : max(scalars.count + 1, range.start.column + 1)
        let tildes = String(repeating: "~", count: max(0, lastColumn - range.start.column - 1))
        return line + "\n" + String(indent) + paint("^" + tildes, .green) + "\n"
    }

    private enum Style: String {
        case bold = "1"
        case red = "1;31"
        case magenta = "1;35"
        case cyan = "1;36"
        case green = "1;32"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        usesColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
