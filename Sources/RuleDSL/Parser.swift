/// Builds ``ParsedCampaign`` values from the tokens of one file, following the grammar of spec §2.
///
/// Errors are recovered as §9 says: after a syntax error the parser skips to the next clause keyword or
/// `campaign` (a keyword directly followed by `:` is a `with` key and does not count) and goes on. A token
/// the lexer already reported (a stray character, or a token with a lexical error where it does not fit)
/// makes the parser skip without a second report.
struct Parser {
    private let tokens: [Token]
    private var position = 0
    private var diagnostics: [Diagnostic] = []
    /// Set by a syntax error until the parser has resynchronised.
    private var failed = false
    private var campaignHasSyntaxError = false
    /// How many `with` objects are open at the current token: skipping after an error passes their `}`.
    private var openObjects = 0
    /// How deep the expression being parsed is nested: operators of a chain, `not`, unary `-`, parentheses,
    /// lists and calls each count one level.
    private var depth = 0

    /// The deepest expression the parser follows; deeper ones are reported, so that no input exhausts the stack.
    static let maximumDepth = 64

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// The campaigns of a file's tokens (ending with ``TokenKind/endOfFile``) and the syntax errors.
    static func parse(_ tokens: [Token]) -> (campaigns: [ParsedCampaign], diagnostics: [Diagnostic]) {
        var parser = Parser(tokens: tokens)
        let campaigns = parser.parseFile()
        return (campaigns, parser.diagnostics)
    }

    // MARK: Tokens

    private var current: Token { tokens[position] }

    private func peek(_ offset: Int) -> Token { tokens[min(position + offset, tokens.count - 1)] }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isAt(_ keyword: Keyword) -> Bool { current.isKeyword(keyword) }

    /// How a found token is named in "expected X, found Y".
    static func describe(_ token: Token) -> String {
        switch token.kind {
        case .endOfFile:
            return "the end of the file"
        case .string:
            return token.text.unicodeScalars.count > 40 ? String(token.text.prefix(37)) + "...\"" : token.text
        default:
            return "'" + (token.text.unicodeScalars.count > 40 ? String(token.text.prefix(37)) + "..." : token.text)
                + "'"
        }
    }

    /// Reports that the grammar cannot go on at the current token, unless the lexer already reported it or
    /// the token follows an unterminated STRING (which swallowed what would have come before it).
    private mutating func fail(expected: String, notes: [Diagnostic.Note]? = nil) {
        fail(.expected(expected, found: Self.describe(current)), notes: notes ?? hyphenNote())
    }

    private mutating func fail(_ message: DiagnosticMessage, notes: [Diagnostic.Note] = []) {
        guard !failed else { return }
        let followsUnterminatedString = position > 0 && tokens[position - 1].isUnterminated
        if !current.hasError && !followsUnterminatedString {
            diagnostics.append(.error(message, at: current.range, notes: notes))
        }
        failed = true
        campaignHasSyntaxError = true
    }

    /// Goes one level deeper into an expression; reports and fails when that is too deep.
    private mutating func descend() -> Bool {
        depth += 1
        guard depth <= Self.maximumDepth else {
            fail(.nestedTooDeeply(limit: Self.maximumDepth))
            return false
        }
        return true
    }

    /// Explains a `-` found right between two words (`cart-abandoned`): a name cannot hold one.
    private func hyphenNote() -> [Diagnostic.Note] {
        guard current.kind == .minus, position > 0 else { return [] }
        let before = tokens[position - 1]
        let after = peek(1)
        guard before.isWord, after.isWord, before.range.end == current.start, current.range.end == after.start
        else { return [] }
        return [Diagnostic.Note(.hyphenInName(before.text + "-" + after.text))]
    }

    private mutating func expect(_ kind: TokenKind, _ expected: String) -> Token? {
        if current.kind == kind { return advance() }
        fail(expected: expected)
        return nil
    }

    /// Whether the token at `offset` starts a clause or a campaign (and is neither a `with` key nor the first
    /// part of a dotted type such as `offer.accepted`).
    private func isResynchronisationPoint(_ offset: Int = 0) -> Bool {
        let token = peek(offset)
        guard let keyword = token.keyword, keyword.isClauseStart || keyword == .campaign else { return false }
        return peek(offset + 1).kind != .colon && peek(offset + 1).kind != .dot
    }

    /// Whether the token at `offset` is `campaign` starting a campaign (not a `with` key or a dotted type).
    private func startsCampaign(_ offset: Int = 0) -> Bool {
        peek(offset).isKeyword(.campaign) && isResynchronisationPoint(offset)
    }

    /// Skips to the next clause keyword, `campaign`, or the `}` that closes the campaign: one that closes no
    /// `with` object open at the error or opened while skipping, and is not followed by another `}` before the
    /// next `campaign` (then it closes an object whose `{` is missing).
    private mutating func skipToClause() {
        var braces = openObjects
        while current.kind != .endOfFile && !isResynchronisationPoint() {
            if current.kind == .leftBrace {
                braces += 1
            } else if current.kind == .rightBrace {
                if braces == 0 && !isBraceBeforeNextCampaign(after: position) { break }
                braces = max(0, braces - 1)
            }
            advance()
        }
        openObjects = 0
        failed = false
    }

    /// Whether a `}` comes after the token at `index` before the next `campaign` or the end of the file.
    private func isBraceBeforeNextCampaign(after index: Int) -> Bool {
        var offset = index + 1 - position
        while peek(offset).kind != .endOfFile && !startsCampaign(offset) {
            if peek(offset).kind == .rightBrace { return true }
            offset += 1
        }
        return false
    }

    // MARK: File and campaigns

    private mutating func parseFile() -> [ParsedCampaign] {
        var campaigns: [ParsedCampaign] = []
        while current.kind != .endOfFile {
            if isAt(.campaign) {
                campaigns.append(parseCampaign())
            } else {
                let suggestion =
                    current.kind == .name
                    ? Suggestion.closest(to: current.text, among: [Keyword.campaign.rawValue]) : nil
                fail(expected: "'campaign'", notes: suggestion.map { [Diagnostic.Note(.didYouMean($0))] })
                advance()
                while current.kind != .endOfFile && !startsCampaign() { advance() }
                failed = false
            }
        }
        return campaigns
    }

    private mutating func parseCampaign() -> ParsedCampaign {
        campaignHasSyntaxError = false
        var campaign = ParsedCampaign(keyword: advance())
        if current.kind == .name || (current.keyword != nil && peek(1).kind == .leftBrace) {
            campaign.name = advance()
            if expect(.leftBrace, "'{'") == nil { campaign.isHeaderValid = false }
        } else {
            fail(expected: "a campaign name")
            campaign.isHeaderValid = false
        }
        var isRecovering = false
        if failed {
            skipToClause()
            isRecovering = true
        }
        clauses: while true {
            let token = current
            switch token.kind {
            case .rightBrace:
                advance()
                break clauses
            case .endOfFile:
                if !isRecovering { fail(expected: "a clause or '}'") }
                break clauses
            case .keyword(.campaign) where peek(1).kind != .colon:
                if !isRecovering { fail(expected: "a clause or '}'") }
                break clauses
            case .keyword(let keyword) where keyword.isClauseStart:
                campaign.clauses.append(parseClause(keyword))
                isRecovering = failed
            case .name:
                if !tokens[max(0, position - 1)].isUnterminated {
                    let clauses = Keyword.clauseKeywords.map(\.rawValue)
                    let suggestion = Suggestion.closest(to: token.text, among: clauses)
                    diagnostics.append(.error(.unknownClause(token.text, suggestion: suggestion), at: token.range))
                }
                campaignHasSyntaxError = true
                advance()
                isRecovering = true
            default:
                fail(expected: "a clause or '}'")
                isRecovering = true
            }
            if isRecovering { skipToClause() }
            failed = false
        }
        failed = false
        campaign.hasSyntaxError = campaignHasSyntaxError
        return campaign
    }

    // MARK: Clauses

    private mutating func parseClause(_ keyword: Keyword) -> ParsedClause {
        let keywordToken = advance()
        let body: ParsedClause.Body
        switch keyword {
        case .description:
            body = .description(expect(.string, "a string"))
        case .on:
            body = .on(parseTypeList())
        case .when:
            body = .when(parseExpression())
        case .wait:
            let duration = expectDuration()
            var unless: [EventTypeName] = []
            if duration != nil && isAt(.unless) {
                advance()
                unless = parseTypeList()
            }
            body = .wait(duration: duration, unless: unless)
        case .offer:
            let name = expect(.string, "the offer's name (a string)")
            var channel: ParsedChannel?
            var attributes: [ParsedAttribute]?
            if name != nil && isAt(.via) {
                channel = parseChannel(via: advance())
            }
            if name != nil && !failed && isAt(.with) {
                advance()
                attributes = parseObject()
            }
            body = .offer(name: name, channel: channel, attributes: attributes)
        case .escalate:
            let level = expect(.string, "the escalation level (a string)")
            var attributes: [ParsedAttribute]?
            if level != nil && isAt(.with) {
                advance()
                attributes = parseObject()
            }
            if level != nil && !failed && isAt(.via) {
                fail(expected: "a clause or '}'", notes: [Diagnostic.Note(.escalationHasNoChannel)])
            }
            body = .escalate(level: level, attributes: attributes)
        case .priority:
            body = .priority(parseSigned(.number, "an integer"))
        case .limit:
            if isAt(.none) {
                advance()
                body = .limit(.unlimited)
            } else if let count = parseSigned(.number, "'none' or an integer") {
                var window: Token?
                if expect(.keyword(.per), "'per'") != nil, expect(.keyword(.customer), "'customer'") != nil,
                    isAt(.per)
                {
                    advance()
                    window = expectDuration()
                }
                body = .limit(.perCustomer(count: count, window: window))
            } else {
                body = .limit(nil)
            }
        case .budget:
            let count = parseSigned(.number, "an integer")
            var period: Token?
            if count != nil && isAt(.per) {
                advance()
                if isAt(.hour) || isAt(.day) {
                    period = advance()
                } else {
                    fail(expected: "'hour' or 'day'")
                }
            }
            body = .budget(count: count, period: period)
        case .holdout:
            let notes = current.kind == .number ? [Diagnostic.Note(.percentNeedsSign(current.text))] : []
            body = .holdout(parseSigned(.percent, "a percentage", notes: notes))
        case .active:
            var from: Token?
            var until: Token?
            if isAt(.from) {
                advance()
                from = expect(.time, "a time")
                if from != nil && isAt(.until) {
                    advance()
                    until = expect(.time, "a time")
                }
            } else if isAt(.until) {
                advance()
                until = expect(.time, "a time")
            } else {
                fail(expected: "'from' or 'until'")
            }
            body = .active(from: from, until: until)
        default:
            preconditionFailure("parseClause called with '\(keyword)', which starts no clause")
        }
        return ParsedClause(keyword: keywordToken, body: body)
    }

    /// An INT (a NUMBER without fraction) or a PERCENT, with a `-` directly before it kept for the range check.
    private mutating func parseSigned(_ kind: TokenKind, _ expected: String, notes: [Diagnostic.Note] = [])
        -> SignedToken?
    {
        func fits(_ token: Token) -> Bool { token.kind == kind && (kind != .number || token.integerValue != nil) }
        if current.kind == .minus && fits(peek(1)) {
            let minus = advance()
            return SignedToken(minus: minus, token: advance())
        }
        if fits(current) { return SignedToken(token: advance()) }
        fail(expected: expected, notes: notes)
        return nil
    }

    /// A DURATION; a bare number or `hour`/`day` found instead gets a note on how to write one.
    private mutating func expectDuration() -> Token? {
        if current.kind == .duration { return advance() }
        var notes: [Diagnostic.Note] = []
        if current.kind == .number, current.integerValue != nil {
            notes = [Diagnostic.Note(.durationNeedsUnit(current.text))]
        } else if isAt(.day) || isAt(.hour) {
            notes = [Diagnostic.Note(.didYouMean(isAt(.day) ? "1d" : "1h"))]
        }
        fail(expected: "a duration", notes: notes)
        return nil
    }

    private mutating func parseTypeList() -> [EventTypeName] {
        var types: [EventTypeName] = []
        while let type = parseType() {
            types.append(type)
            guard current.kind == .comma else { break }
            advance()
        }
        return types
    }

    /// A type: a STRING, a dotted name whose parts may be keywords, or a single NAME that is not a keyword.
    private mutating func parseType() -> EventTypeName? {
        if current.kind == .string {
            let token = advance()
            return EventTypeName(name: token.stringValue ?? "", range: token.range)
        }
        if current.isWord && peek(1).kind == .dot {
            let first = advance()
            var parts = [first.text]
            var last = first
            while current.kind == .dot {
                advance()
                guard let part = expect(.name, "a name after '.'") else { return nil }
                parts.append(part.text)
                last = part
            }
            return EventTypeName(name: parts.joined(separator: "."), range: first.range.through(last.range))
        }
        if current.kind == .name {
            let token = advance()
            return EventTypeName(name: token.text, range: token.range)
        }
        fail(expected: "an event type")
        return nil
    }

    /// The channel after `via`. A keyword there is taken as a (wrong) channel name for the checker to report,
    /// except `campaign`, `with` before `{`, and a clause keyword on a later line (the next clause).
    private mutating func parseChannel(via: Token) -> ParsedChannel? {
        if current.kind == .string { return .named(advance()) }
        if current.isKeyword(.event) || current.isKeyword(.customer) || (current.isWord && peek(1).kind == .dot) {
            return parsePath().map(ParsedChannel.path)
        }
        if current.kind == .name { return .named(advance()) }
        if let keyword = current.keyword, keyword != .campaign, !(keyword == .with && peek(1).kind == .leftBrace),
            !keyword.isClauseStart || current.start.line == via.start.line
        {
            return .named(advance())
        }
        fail(expected: "a channel")
        return nil
    }

    private mutating func parseObject() -> [ParsedAttribute] {
        var attributes: [ParsedAttribute] = []
        guard expect(.leftBrace, "'{'") != nil else { return attributes }
        openObjects += 1
        while true {
            if current.kind == .rightBrace {
                advance()
                openObjects -= 1
                break
            }
            guard current.isWord else {
                fail(expected: attributes.isEmpty ? "a key or '}'" : "a key")
                break
            }
            let key = advance()
            guard expect(.colon, "':'") != nil else {
                attributes.append(ParsedAttribute(key: key, value: nil))
                break
            }
            let value = parseExpression()
            attributes.append(ParsedAttribute(key: key, value: value))
            if failed { break }
            if current.kind == .comma {
                advance()
            } else if current.kind != .rightBrace {
                fail(expected: "',' or '}'")
                break
            }
        }
        return attributes
    }

    // MARK: Expressions

    private mutating func parseExpression() -> ParsedExpression { parseOr() }

    private mutating func parseOr() -> ParsedExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        var left = parseAnd()
        while !failed && isAt(.or) {
            guard descend() else { return .invalid(current.range) }
            let op = advance()
            left = .binary(.or, left, parseAnd(), operator: op)
        }
        return left
    }

    private mutating func parseAnd() -> ParsedExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        var left = parseNot()
        while !failed && isAt(.and) {
            guard descend() else { return .invalid(current.range) }
            let op = advance()
            left = .binary(.and, left, parseNot(), operator: op)
        }
        return left
    }

    private mutating func parseNot() -> ParsedExpression {
        if isAt(.not) {
            let entryDepth = depth
            defer { depth = entryDepth }
            guard descend() else { return .invalid(current.range) }
            let op = advance()
            return .not(parseNot(), operator: op)
        }
        return parseTest()
    }

    /// The comparison operator each comparison token stands for.
    private static let comparisons: [TokenKind: ComparisonOperator] = [
        .equalEqual: .equal, .bangEqual: .notEqual, .less: .less, .lessEqual: .lessOrEqual,
        .greater: .greater, .greaterEqual: .greaterOrEqual,
    ]

    private mutating func parseTest() -> ParsedExpression {
        let left = parseSum()
        guard !failed else { return left }
        if let comparison = Self.comparisons[current.kind] {
            let op = advance()
            return .binary(.comparison(comparison), left, parseSum(), operator: op)
        }
        switch current.keyword {
        case .in?:
            let op = advance()
            guard current.kind == .leftBracket else {
                fail(expected: "a list '['")
                return .membership(left, [], operator: op, list: op.range)
            }
            guard case .list(let elements, let range) = parseList() else { return left }
            return .membership(left, elements, operator: op, list: range)
        case .contains?:
            let op = advance()
            return .contains(left, parseSum(), operator: op)
        case .is?:
            let op = advance()
            if isAt(.missing) || isAt(.present) {
                let end = advance()
                return .presence(left, isPresent: end.isKeyword(.present), end: end)
            }
            fail(expected: "'missing' or 'present'")
            return .presence(left, isPresent: true, end: op)
        default:
            return left
        }
    }

    private mutating func parseSum() -> ParsedExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        var left = parseProduct()
        while !failed, current.kind == .plus || current.kind == .minus {
            guard descend() else { return .invalid(current.range) }
            let op = advance()
            let arithmetic: ArithmeticOperator = op.kind == .plus ? .add : .subtract
            left = .binary(.arithmetic(arithmetic), left, parseProduct(), operator: op)
        }
        return left
    }

    private mutating func parseProduct() -> ParsedExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        var left = parseUnary()
        while !failed, current.kind == .star || current.kind == .slash {
            guard descend() else { return .invalid(current.range) }
            let op = advance()
            let arithmetic: ArithmeticOperator = op.kind == .star ? .multiply : .divide
            left = .binary(.arithmetic(arithmetic), left, parseUnary(), operator: op)
        }
        return left
    }

    private mutating func parseUnary() -> ParsedExpression {
        if current.kind == .minus {
            let entryDepth = depth
            defer { depth = entryDepth }
            guard descend() else { return .invalid(current.range) }
            let op = advance()
            return .negate(parseUnary(), operator: op)
        }
        return parseAtom()
    }

    private mutating func parseAtom() -> ParsedExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        let opensNesting =
            current.kind == .leftParen || current.kind == .leftBracket
            || (current.kind == .name && peek(1).kind == .leftParen)
        if opensNesting {
            guard descend() else { return .invalid(current.range) }
        }
        switch current.kind {
        case .number, .duration, .string, .keyword(.true), .keyword(.false):
            return .literal(advance())
        case .leftParen:
            let open = advance()
            let inner = parseExpression()
            guard !failed, let close = expect(.rightParen, "')'") else {
                return .parenthesized(inner, open.range.through(inner.range))
            }
            return .parenthesized(inner, open.range.through(close.range))
        case .leftBracket:
            return parseList()
        case .keyword(.event), .keyword(.customer):
            return parsePath().map(ParsedExpression.path) ?? .invalid(current.range)
        case .name:
            switch peek(1).kind {
            case .dot: return parsePath().map(ParsedExpression.path) ?? .invalid(current.range)
            case .leftParen: return parseCall()
            default: return .name(advance())
            }
        default:
            fail(expected: "an expression")
            return .invalid(current.range)
        }
    }

    /// A path: its first word, then `.` NAME at least once.
    private mutating func parsePath() -> ParsedPath? {
        let root = advance()
        guard current.kind == .dot else {
            fail(expected: "'.' after '\(root.text)'")
            return nil
        }
        var path = ParsedPath(root: root, fields: [])
        while current.kind == .dot {
            advance()
            guard let field = expect(.name, "a field name after '.'") else { return path }
            path.fields.append(field)
        }
        return path
    }

    private mutating func parseList() -> ParsedExpression {
        let open = advance()
        var elements: [ParsedExpression] = []
        if current.kind == .rightBracket { return .list(elements, open.range.through(advance().range)) }
        while true {
            let element = parseExpression()
            elements.append(element)
            if failed { return .list(elements, open.range.through(element.range)) }
            if current.kind == .comma {
                advance()
            } else if current.kind == .rightBracket {
                return .list(elements, open.range.through(advance().range))
            } else {
                fail(expected: "',' or ']'")
                return .list(elements, open.range.through(element.range))
            }
        }
    }

    /// A call; one whose arguments do not parse up to its `)` is invalid as a whole, so that the checker does
    /// not also count its arguments.
    private mutating func parseCall() -> ParsedExpression {
        let name = advance()
        advance()
        var arguments: [CallArgument] = []
        if current.kind == .rightParen {
            return .call(name: name, arguments: arguments, end: advance().range.end)
        }
        while true {
            let argument = parseArgument()
            arguments.append(argument)
            if failed { return .invalid(name.range.through(argument.range)) }
            if current.kind == .comma {
                advance()
            } else if current.kind == .rightParen {
                return .call(name: name, arguments: arguments, end: advance().range.end)
            } else {
                fail(expected: "',' or ')'")
                return .invalid(name.range.through(argument.range))
            }
        }
    }

    /// A call argument, loosely: a STRING or dotted name directly followed by `,` or `)` is kept as written,
    /// for the checker to read as a type, a field or an expression by its position.
    private mutating func parseArgument() -> CallArgument {
        func endsArgument(_ token: Token) -> Bool { token.kind == .comma || token.kind == .rightParen }
        let first = current
        if first.kind == .string && endsArgument(peek(1)) { return .string(advance()) }
        if first.isWord {
            var offset = 1
            while peek(offset).kind == .dot && peek(offset + 1).kind == .name { offset += 2 }
            if endsArgument(peek(offset)) {
                var words: [Token] = []
                for index in stride(from: 0, to: offset, by: 2) { words.append(peek(index)) }
                for _ in 0..<offset { advance() }
                return .words(words)
            }
        }
        return .expression(parseExpression(), first: first)
    }
}
