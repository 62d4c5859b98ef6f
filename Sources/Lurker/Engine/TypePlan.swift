/// What the engine does with events of one type. A class, so the hot path refers to it without copying.
final class TypePlan: Sendable {
    /// The index into the set's tracked types when some history function reads the type.
    let tracked: Int32?
    /// The campaigns whose `on` names the type that no index covers, ascending.
    let always: [Int32]
    /// The indexed campaigns whose `on` names the type, by tested value.
    let indexes: [CandidateIndex]
    /// The campaigns whose `wait … unless` names the type, ascending.
    let cancels: [Int32]

    init(tracked: Int32?, always: [Int32], indexes: [CandidateIndex], cancels: [Int32]) {
        self.tracked = tracked
        self.always = always
        self.indexes = indexes
        self.cancels = cancels
    }
}
