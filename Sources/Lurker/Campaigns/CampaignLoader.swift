import RuleDSL

/// Loads a campaign set from files for the daemon and replay: reads, checks and compiles it, and writes
/// every diagnostic to standard error as `lurker check` does.
public enum CampaignLoader {
    /// Loads the campaign set of `paths` (folders give their `*.lurk` files in byte order of name).
    ///
    /// Warnings are written and the set loads; with any error, every diagnostic is written and nothing loads.
    /// - Parameters:
    ///   - paths: Campaign folders or `.lurk` files, in set order.
    ///   - terminal: Whether standard error is a terminal, so diagnostics are coloured.
    ///   - now: Epoch milliseconds for the "`active until` already in the past" warning; default the wall clock.
    ///   - explaining: Whether to compile for traces (`lurker explain`); default false.
    /// - Throws: ``LurkerError`` with code ``LurkerError/Code/invalidCampaigns`` when the set has errors,
    ///   ``LurkerError/Code/fileUnreadable`` when a folder or file cannot be read.
    public static func load(
        _ paths: [String], terminal: Bool, now: Int64 = WallClock.milliseconds(), explaining: Bool = false
    ) throws -> CompiledCampaignSet {
        do throws(Failure) {
            return try compile(paths, now: now, explaining: explaining) { diagnostics, sources in
                let renderer = DiagnosticRenderer(sources: sources, usesColor: terminal)
                OutputStream.standardError().write(renderer.render(diagnostics))
            }
        } catch {
            switch error {
            case .unreadable(let cause):
                throw LurkerError(.fileUnreadable, "cannot load campaigns", cause: cause)
            case .invalid(let summary):
                throw LurkerError(.invalidCampaigns, "the campaign set has errors (\(summary))")
            }
        }
    }

    /// Why ``compile(_:now:explaining:report:)`` gave no set.
    enum Failure: Error {
        /// A folder or file could not be read.
        case unreadable(any Error)
        /// The set has errors; the summary counts them as `lurker check` does ("2 errors, 1 warning").
        case invalid(summary: String)
    }

    /// Reads, checks and compiles the campaign set of `paths`: the step ``load(_:terminal:now:explaining:)`` and
    /// the daemon's reloader (``CampaignReloader``) share, each reporting in its own words.
    ///
    /// - Parameters:
    ///   - now: Epoch milliseconds for the "`active until` already in the past" warning.
    ///   - explaining: Whether to compile for traces (`lurker explain`).
    ///   - report: Called with every diagnostic and the sources they point into, when there is any, before the
    ///     set is compiled or rejected.
    /// - Throws: ``Failure``.
    static func compile(
        _ paths: [String], now: Int64, explaining: Bool = false,
        report: ([Diagnostic], [SourceFile]) -> Void
    ) throws(Failure) -> CompiledCampaignSet {
        let sources: [SourceFile]
        do {
            sources = try SourceFile.load(paths: paths)
        } catch {
            throw .unreadable(error)
        }
        let result = CampaignChecker.check(sources, now: now)
        if !result.diagnostics.isEmpty {
            report(result.diagnostics, sources)
        }
        guard !result.hasErrors else {
            throw .invalid(summary: result.summary(fileCount: sources.count))
        }
        return CompiledCampaignSet(result.campaigns, explaining: explaining)
    }

    /// The moment a TIME of the campaign language names (`2026-12-01`, `2026-12-01T10:00Z`,
    /// `2026-12-01T10:00:00+01:00`), in epoch milliseconds; nil when `text` is not a TIME.
    public static func parseTime(_ text: String) -> Int64? {
        TimeLiteral.parse(text)
    }
}
