/// One finding of `lurker check`: an error or a warning at a range of a campaign file.
public struct Diagnostic: Sendable, Hashable {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        /// The campaign set cannot be loaded.
        case error
        /// Worth a look; the set still loads.
        case warning
    }

    /// Extra information attached to a diagnostic, with an optional range of its own.
    public struct Note: Sendable, Hashable {
        /// The note's text, lower case.
        public var message: String
        /// Where the note points, if anywhere.
        public var range: SourceRange?

        /// Creates a note.
        public init(message: String, range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    /// Whether this is an error or a warning.
    public var severity: Severity
    /// The text, lower case, from ``DiagnosticMessage``.
    public var message: String
    /// Where the diagnostic points; `range.start` is the reported `line:column`.
    public var range: SourceRange
    /// Notes such as the first definition of a duplicate.
    public var notes: [Note]

    /// Creates a diagnostic.
    public init(severity: Severity, message: String, range: SourceRange, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
    }

    /// An error with a message of the catalog.
    static func error(_ message: DiagnosticMessage, at range: SourceRange, notes: [Note] = []) -> Diagnostic {
        Diagnostic(severity: .error, message: message.text, range: range, notes: notes)
    }

    /// A warning with a message of the catalog.
    static func warning(_ message: DiagnosticMessage, at range: SourceRange, notes: [Note] = []) -> Diagnostic {
        Diagnostic(severity: .warning, message: message.text, range: range, notes: notes)
    }

    /// The diagnostics of one file by position, those at one position in the order given.
    static func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated()
            .sorted { ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset) }
            .map(\.element)
    }
}

extension Diagnostic.Note {
    /// A note with a message of the catalog.
    init(_ message: DiagnosticMessage, at range: SourceRange? = nil) {
        self.init(message: message.text, range: range)
    }
}
