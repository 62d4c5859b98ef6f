/// The entry point of the campaign language: reads, checks and converts a campaign set.
public enum CampaignChecker {
    /// Checks a campaign set as one unit (spec §1, §9).
    ///
    /// - Parameters:
    ///   - sources: The files of the set in set order (``SourceFile/loadFolder(_:)`` gives byte order of name).
    ///   - now: Epoch milliseconds that `active until` is compared with for the "already in the past" warning.
    /// - Returns: Every diagnostic, and the campaigns in set order when there is no error.
    public static func check(_ sources: [SourceFile], now: Int64) -> CheckResult {
        var checker = Checker(now: now)
        var campaigns: [Campaign] = []
        var diagnostics: [Diagnostic] = []
        for source in sources {
            let (tokens, _, lexicalDiagnostics) = Lexer.tokenize(source)
            let (parsed, syntaxDiagnostics) = Parser.parse(tokens)
            for campaign in parsed {
                if let checked = checker.check(campaign) { campaigns.append(checked) }
            }
            let fileDiagnostics = lexicalDiagnostics + syntaxDiagnostics + checker.takeDiagnostics()
            diagnostics += Diagnostic.sortedByPosition(fileDiagnostics)
        }
        let hasErrors = diagnostics.contains { $0.severity == .error }
        return CheckResult(campaigns: hasErrors ? [] : campaigns, diagnostics: diagnostics)
    }
}
