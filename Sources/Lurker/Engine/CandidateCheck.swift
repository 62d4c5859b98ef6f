/// What deciding whether a candidate campaign triggers reads, packed side by side for all campaigns of a set
/// so that the hot path touches one small record per candidate instead of the whole campaign.
struct CandidateCheck: Sendable {
    /// Where the campaign's condition starts in the set's condition code; with an index, the condition without
    /// the test the index already made.
    var conditionStart: Int32
    /// The number of instructions; 0 for a campaign whose condition always holds.
    var conditionCount: Int32
    /// `active from`, `Int64.min` without one.
    var activeFrom: Int64
    /// `active until` (excluded), `Int64.max` without one.
    var activeUntil: Int64
    /// Whether a campaign index finds the campaign.
    var isIndexed: Bool

    /// Whether the campaign is active at `time`: `from` ≤ time < `until`.
    @inline(__always)
    func isActive(at time: Int64) -> Bool {
        time >= activeFrom && time < activeUntil
    }
}
