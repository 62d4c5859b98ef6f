/// The kind of a token of the campaign language.
enum TokenKind: Sendable, Hashable {
    /// A word that is not a keyword, or any word right after a `.`.
    case name
    /// A reserved word of the grammar.
    case keyword(Keyword)
    /// `12` or `12.5`.
    case number
    /// `90s`, `15m`: a number directly followed by letters (the unit may be unknown; see ``Token/hasError``).
    case duration
    /// `10%`.
    case percent
    /// `2026-12-01` or `2026-12-01T10:00Z`: a run that starts with four digits and `-`.
    case time
    /// `"text"`.
    case string
    case leftBrace
    case rightBrace
    case leftParen
    case rightParen
    case leftBracket
    case rightBracket
    case comma
    case dot
    case colon
    case plus
    case minus
    case star
    case slash
    case equalEqual
    case bangEqual
    case less
    case lessEqual
    case greater
    case greaterEqual
    /// Characters that start no token; the lexer has reported them.
    case invalid
    /// The end of the file; its range is the position just after the last character.
    case endOfFile
}

/// The value a literal token carries.
enum TokenValue: Sendable, Hashable {
    /// Tokens without a value.
    case none
    /// A NUMBER; `integer` is set when it was written without a fraction (saturated at `Int.max`).
    case number(Double, integer: Int?)
    /// A DURATION in milliseconds (saturated at `Int64.max`); nil when the unit is unknown or the number is not whole.
    case duration(Int64?)
    /// A PERCENT in hundredths of a percent (`0.07%` is 7, saturated); nil when it has more than two decimals.
    case percent(hundredths: Int?)
    /// A TIME in epoch milliseconds UTC; nil when it is not a valid TIME.
    case time(Int64?)
    /// A STRING's content with its escapes applied.
    case string(String)
}

/// One token of a campaign file, with the exact range it covers.
struct Token: Sendable, Hashable {
    /// What the token is.
    var kind: TokenKind
    /// The token as written.
    var text: String
    /// Where it was written.
    var range: SourceRange
    /// The literal value, if the kind has one.
    var value: TokenValue = .none
    /// Whether the lexer reported an error in the token (bad escape, unknown unit, bad time, unterminated string).
    ///
    /// Such a token still acts as its kind, but nothing more is reported about it.
    var hasError = false
    /// Whether the token is a STRING without its closing quote; it swallowed the rest of its line.
    var isUnterminated = false

    /// The keyword, if the token is one.
    var keyword: Keyword? {
        if case .keyword(let keyword) = kind { return keyword }
        return nil
    }

    /// Whether the token is a word: a NAME or a keyword.
    var isWord: Bool {
        switch kind {
        case .name, .keyword: return true
        default: return false
        }
    }

    /// Whether the token is the keyword `keyword`.
    func isKeyword(_ keyword: Keyword) -> Bool { kind == .keyword(keyword) }

    /// The content of a STRING token.
    var stringValue: String? {
        if case .string(let string) = value { return string }
        return nil
    }

    /// The value of a NUMBER written without a fraction.
    var integerValue: Int? {
        if case .number(_, let integer) = value { return integer }
        return nil
    }

    /// The start of the token.
    var start: SourceLocation { range.start }
}
