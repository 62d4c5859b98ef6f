/// What checking a campaign set gives: the campaigns, when the set is clean, and every diagnostic.
public struct CheckResult: Sendable {
    /// Every campaign of the set in set order (files in the order given, then position); empty with errors.
    public var campaigns: [Campaign]
    /// Every error and warning, file by file in the order given, by position within a file.
    public var diagnostics: [Diagnostic]

    /// Creates a result.
    public init(campaigns: [Campaign], diagnostics: [Diagnostic]) {
        self.campaigns = campaigns
        self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { errorCount > 0 }

    /// The warnings among the diagnostics.
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// The errors among the diagnostics.
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }

    /// The one-line summary of `lurker check`: "4 campaigns in 1 file, 0 warnings" for a clean set, else
    /// "2 errors, 1 warning".
    public func summary(fileCount: Int) -> String {
        func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        if hasErrors {
            return "\(counted(errorCount, "error")), \(counted(warningCount, "warning"))"
        }
        return "\(counted(campaigns.count, "campaign")) in \(counted(fileCount, "file")), "
            + counted(warningCount, "warning")
    }
}
