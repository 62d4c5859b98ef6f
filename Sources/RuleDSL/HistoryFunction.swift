/// The history functions of spec §4, in the order the spec lists them: their names, how many arguments each
/// takes and what those are.
enum HistoryFunction: String, CaseIterable, Sendable {
    /// `count(T, D)`: how many T events fell in the window.
    case count
    /// `seen(T, D)`: whether a T event fell in the window.
    case seen
    /// `sum(T, F, D)`: the sum of field F over the window's T events.
    case sum
    /// `since(T)`: how long ago the latest T event was.
    case since
    /// `last(T, F)`: field F of the latest T event.
    case last

    /// How many arguments the function takes.
    var arity: Int {
        switch self {
        case .since: 1
        case .count, .seen, .last: 2
        case .sum: 3
        }
    }

    /// The arguments the function takes, for messages.
    var signature: String {
        switch self {
        case .count, .seen: "an event type and a window"
        case .sum: "an event type, a field and a window"
        case .since: "an event type"
        case .last: "an event type and a field"
        }
    }

    /// The names of every function, for messages: "count, seen, sum, since and last".
    static var names: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }
}
