/// What formatting one file gives: its canonical text, or the syntax errors that keep it from being formatted.
public struct FormatResult: Sendable, Hashable {
    /// The canonical text; nil when the file has syntax errors.
    public var text: String?
    /// The lexical and syntax errors of the file, by position; empty when it was formatted.
    public var diagnostics: [Diagnostic]

    /// Creates a result.
    public init(text: String?, diagnostics: [Diagnostic]) {
        self.text = text
        self.diagnostics = diagnostics
    }
}
