/// A keyword of the campaign language: a quoted word of the grammar (spec §2).
///
/// Keywords are lower case and reserved: never a campaign name or a channel NAME. Right after a `.` any
/// word is a name, keywords included (`event.customer`), and keys in `with` may be any word.
enum Keyword: String, Sendable, Hashable, CaseIterable {
    case campaign
    case description
    case on
    case when
    case wait
    case unless
    case offer
    case via
    case with
    case escalate
    case priority
    case limit
    case none
    case per
    case customer
    case budget
    case hour
    case day
    case holdout
    case active
    case from
    case until
    case or
    case and
    case not
    case `in`
    case contains
    case `is`
    case missing
    case present
    case `true`
    case `false`
    case event

    /// The keywords that start a clause, in the order the specification lists them.
    static let clauseKeywords: [Keyword] = [
        .description, .on, .when, .wait, .offer, .escalate, .priority, .limit, .budget, .holdout, .active,
    ]

    /// Whether the keyword starts a clause of a campaign.
    var isClauseStart: Bool { Self.clauseKeywords.contains(self) }

    /// Whether the keyword is one of the two actions, `offer` and `escalate`.
    var isAction: Bool { self == .offer || self == .escalate }

    private static let byWord: [String: Keyword] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) }
    )

    /// The keyword spelled exactly `word`, if any.
    init?(word: String) {
        guard let keyword = Self.byWord[word] else { return nil }
        self = keyword
    }
}
