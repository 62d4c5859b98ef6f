/// A `#` comment of a campaign file, kept by the lexer for the formatter.
struct SourceComment: Sendable, Hashable {
    /// The comment from its `#` to the end of its line, without trailing whitespace.
    var text: String
    /// Where it was written.
    var range: SourceRange
}
