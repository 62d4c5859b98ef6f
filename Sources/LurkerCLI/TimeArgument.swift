import ArgumentParser
import Lurker

/// Reading a TIME given on the command line (`--until`).
enum TimeArgument {
    /// The epoch milliseconds of `text`, nil for nil; a usage error naming `option` when it is not a TIME.
    static func parse(_ text: String?, option: String) throws -> Int64? {
        guard let text else { return nil }
        guard let time = CampaignLoader.parseTime(text) else {
            throw ValidationError(
                "\(option): '\(text)' is not a TIME (2026-12-01, 2026-12-01T10:00Z or 2026-12-01T10:00:00+01:00)")
        }
        return time
    }
}
