/// `lurker replay --diff`: the same events (and profiles, and `--until`) replayed through two campaign sets,
/// and what changes between them.
public struct ReplayDiffJob {
    private let first: CompiledCampaignSet
    private let second: CompiledCampaignSet
    private let input: ReplayInput

    /// Creates the job: `first` is the set of `--campaigns`, `second` the set of `--diff`.
    public init(first: CompiledCampaignSet, second: CompiledCampaignSet, input: ReplayInput) {
        self.first = first
        self.second = second
        self.input = input
    }

    /// Replays the input through both sets and compares the decisions. The input's skipped lines, the same for
    /// both runs, go to `skip` once.
    public func run(skip: (Replay.Problem) -> Void) throws -> ReplayDiff {
        var firstDecisions: [Decision] = []
        var secondDecisions: [Decision] = []
        _ = try input.run(Replay(campaigns: first), decide: { firstDecisions.append($0) }, skip: skip)
        _ = try input.run(Replay(campaigns: second), decide: { secondDecisions.append($0) }, skip: { _ in })
        return ReplayDiff(
            first: firstDecisions, second: secondDecisions,
            firstCampaigns: first.campaignNames, secondCampaigns: second.campaignNames)
    }
}
