/// Rewrites campaign files in one canonical layout (`lurker fmt`).
///
/// The layout: two spaces of indentation, one clause per line in the order written, one space around binary
/// operators and after commas and colons, none inside brackets; parentheses, numbers, strings and names exactly as
/// written. Campaigns are separated by an empty line; empty lines between clauses and comments are kept, one at
/// most. A `with` object stays on one line when it fits in ``width`` columns and was written on one line, else it
/// has one key per line and a trailing comma. A condition too long for one line breaks before each `and` (or `or`)
/// of its outermost chain, the operands aligned after `when`. Every comment stays where it was: after its token,
/// or on a line of its own. Line feeds end the lines; a byte order mark is dropped. Formatting twice gives the
/// same text as formatting once.
public enum CampaignFormatter {
    /// The column a line is kept within where it can break: 100.
    public static let width = 100

    /// The canonical text of `source`, or its syntax errors when it has any (then it is not formatted).
    public static func format(_ source: SourceFile) -> FormatResult {
        let (tokens, comments, lexicalDiagnostics) = Lexer.tokenize(source)
        let (campaigns, syntaxDiagnostics) = Parser.parse(tokens)
        let errors = (lexicalDiagnostics + syntaxDiagnostics).filter { $0.severity == .error }
        guard errors.isEmpty else {
            return FormatResult(text: nil, diagnostics: Diagnostic.sortedByPosition(errors))
        }
        var layout = CampaignLayout(tokens: tokens, comments: comments)
        let document = layout.file(campaigns)
        return FormatResult(text: LayoutPrinter.print(document, width: width), diagnostics: [])
    }
}
