/// A campaign as parsed, before its clauses are checked and converted into a ``Campaign``.
struct ParsedCampaign: Sendable, Hashable {
    /// The `campaign` keyword.
    var keyword: Token
    /// The name, when the header got that far (a NAME, or a keyword directly followed by `{`).
    var name: Token?
    /// Whether `campaign NAME {` parsed; a campaign with a broken header is not registered.
    var isHeaderValid = true
    /// Whether the grammar could not go on somewhere in the campaign.
    var hasSyntaxError = false
    /// The clauses in the order written, including partly parsed ones.
    var clauses: [ParsedClause] = []
}

/// An INT as written, with the `-` in front of it if there is one (then out of range).
struct SignedToken: Sendable, Hashable {
    /// A `-` written directly before the number.
    var minus: Token?
    /// The INT or PERCENT.
    var token: Token

    /// From the minus, if any, to the number.
    var range: SourceRange { (minus?.range ?? token.range).through(token.range) }

    /// The text as written, minus included.
    var text: String { (minus == nil ? "" : "-") + token.text }
}

/// A channel after `via`, before it is checked.
enum ParsedChannel: Sendable, Hashable {
    /// A NAME, STRING or (wrongly) keyword channel.
    case named(Token)
    /// A path channel such as `event.channel`.
    case path(ParsedPath)
}

/// One `key: value` of a `with` object; the value is nil when it did not parse.
struct ParsedAttribute: Sendable, Hashable {
    var key: Token
    var value: ParsedExpression?
}

/// The `limit` clause's content.
enum ParsedLimit: Sendable, Hashable {
    /// `limit none`.
    case unlimited
    /// `limit N per customer [per D]`.
    case perCustomer(count: SignedToken, window: Token?)
}

/// A clause as parsed; a part is nil when the grammar could not go on before it.
struct ParsedClause: Sendable, Hashable {
    /// The clause's content.
    enum Body: Sendable, Hashable {
        case description(Token?)
        case on([EventTypeName])
        case when(ParsedExpression?)
        case wait(duration: Token?, unless: [EventTypeName])
        case offer(name: Token?, channel: ParsedChannel?, attributes: [ParsedAttribute]?)
        case escalate(level: Token?, attributes: [ParsedAttribute]?)
        case priority(SignedToken?)
        case limit(ParsedLimit?)
        case budget(count: SignedToken?, period: Token?)
        case holdout(SignedToken?)
        case active(from: Token?, until: Token?)
    }

    /// The clause keyword.
    var keyword: Token
    /// The content.
    var body: Body
}
