/// What `lurker replay`, `lurker replay --diff` and `lurker explain` read: the events, the profiles loaded
/// before them, and the time the clock advances to at the end.
public struct ReplayInput: Sendable {
    /// The path of the events, one JSON object per line, each with a `ts`.
    public var events: String
    /// The path of the customer profiles, one JSON object per line, or nil for none.
    public var profiles: String?
    /// Epoch milliseconds the clock advances to at the end, so waits due by then fire; nil to stop at the
    /// last event.
    public var until: Int64?

    /// Creates the input.
    public init(events: String, profiles: String?, until: Int64?) {
        self.events = events
        self.profiles = profiles
        self.until = until
    }

    /// Replays the input through `replay`, reading relative paths from `directory` when one is given.
    func run(
        _ replay: Replay,
        directory: String? = nil,
        decide: (Decision) -> Void,
        skip: (Replay.Problem) -> Void,
        progress: (Int) -> Void = { _ in }
    ) throws -> ReplaySummary {
        func reader(_ file: String) -> LineReader {
            guard let directory, !file.hasPrefix("/") else { return LineReader(path: file) }
            return LineReader(path: directory + "/" + file)
        }
        return try replay.run(
            events: reader(events), profiles: profiles.map(reader), until: until, decide: decide, skip: skip,
            progress: progress)
    }
}
