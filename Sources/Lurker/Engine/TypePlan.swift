/// What the engine does with events of one type.
struct TypePlan: Sendable {
    /// The index into the set's tracked types when some history function reads the type.
    var tracked: Int32?
    /// The campaigns whose `on` names the type that no index covers, ascending.
    var always: [Int32] = []
    /// The indexed campaigns whose `on` names the type, by tested value.
    var indexes: [CandidateIndex] = []
    /// The campaigns whose `wait … unless` names the type, ascending.
    var cancels: [Int32] = []
}
