import ArgumentParser
import Lurker

/// The options `lurker replay` and `lurker explain` share: the campaigns and the recorded stream they replay.
/// Each command declares `--until` itself, with help of its own.
struct ReplayInputOptions: ParsableArguments {
    @Option(help: "The folder of .lurk campaign files.")
    var campaigns: String

    @Option(help: "The events, one JSON object per line, each with a ts.")
    var events: String

    @Option(help: "Customer profiles, one JSON object per line with a customer field, loaded first.")
    var profiles: String?

    /// The files to replay, with the clock advanced to `until` at the end.
    func input(until: Int64?) -> ReplayInput {
        ReplayInput(events: events, profiles: profiles, until: until)
    }
}
