/// The `sent` and `holdout` decisions of one campaign for one customer that its `limit` still counts.
struct LimitRecord: Sendable {
    /// The campaign's index in the set.
    var campaign: Int32
    /// Decision times, for a limit with a window.
    var times: [Int64]
    /// Every decision counted, for a limit without a window.
    var total: Int
}
