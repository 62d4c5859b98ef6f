/// Builds the canonical ``Layout`` of a file that parsed without errors (``CampaignFormatter``).
///
/// The parse gives the structure; the text comes from the tokens, taken one by one in the order written, so each
/// token and each comment is written exactly once. A comment after a token on its line stays after that token (it
/// ends the output line); a comment on a line of its own stays on a line of its own before the next token, at
/// the indentation there. Blank lines between campaigns, clauses and comments at those two levels are kept (one
/// at most); elsewhere they go.
struct CampaignLayout {
    /// A whole-line comment and whether an empty line came before it.
    private struct LeadingComment {
        var text: String
        var followsBlankLine: Bool
    }

    private let tokens: [Token]
    private var cursor = 0
    /// The whole-line comments before each token, by token index, until they are written.
    private var leading: [[LeadingComment]]
    /// The comment after each token on its line, by token index.
    private var trailing: [String?]
    /// Whether an empty line came before each token, by token index.
    private var followsBlankLine: [Bool]

    /// A layout builder for `tokens` (ending with the end of the file) and the file's `comments`.
    init(tokens: [Token], comments: [SourceComment]) {
        self.tokens = tokens
        leading = Array(repeating: [], count: tokens.count)
        trailing = Array(repeating: nil, count: tokens.count)
        followsBlankLine = Array(repeating: false, count: tokens.count)
        var previousEndLine: Int?
        var previousToken: Int?
        var pending: [LeadingComment] = []
        var commentIndex = 0
        for (index, token) in tokens.enumerated() {
            while commentIndex < comments.count, comments[commentIndex].range.start < token.start {
                let comment = comments[commentIndex]
                commentIndex += 1
                let line = comment.range.start.line
                if let previousToken, tokens[previousToken].range.end.line == line, previousEndLine == line {
                    trailing[previousToken] = comment.text
                } else {
                    let isAfterBlank = previousEndLine.map { line - $0 >= 2 } ?? false
                    pending.append(LeadingComment(text: comment.text, followsBlankLine: isAfterBlank))
                }
                previousEndLine = line
            }
            leading[index] = pending
            pending = []
            followsBlankLine[index] = previousEndLine.map { token.start.line - $0 >= 2 } ?? false
            previousEndLine = token.range.end.line
            previousToken = index
        }
    }

    // MARK: Tokens

    /// The token kind at the cursor.
    var currentKind: TokenKind { tokens[cursor].kind }

    /// Whether the token after the cursor starts on a later line than the one at the cursor.
    var isFollowedByLineBreak: Bool { tokens[cursor + 1].start.line > tokens[cursor].range.end.line }

    /// The token at the cursor with its comments; the cursor moves past it.
    mutating func token(_ expected: TokenKind? = nil) -> Layout {
        let token = tokens[cursor]
        precondition(
            expected == nil || token.kind == expected,
            "layout expected \(String(describing: expected)), found \(token.kind)")
        var parts = takeLeading().map { Layout.comment($0.text) }
        parts.append(.text(token.text))
        if let comment = trailing[cursor] { parts.append(.lineSuffix(comment)) }
        cursor += 1
        return parts.count == 1 ? parts[0] : .concat(parts)
    }

    /// Whether the token at the cursor has comments before it or after it on its line.
    var hasComments: Bool { !leading[cursor].isEmpty || trailing[cursor] != nil }

    /// Skips the token at the cursor, which has no comments (a trailing comma that the layout rewrites).
    mutating func skipToken(_ expected: TokenKind) {
        precondition(tokens[cursor].kind == expected && !hasComments, "layout cannot skip \(tokens[cursor].kind)")
        cursor += 1
    }

    /// Moves the whole-line comments of the token after the cursor before the token at the cursor: a comment
    /// line before the second operand of `a and` goes before the `and`, which starts the operand's line.
    mutating func hoistLeadingComments() {
        leading[cursor] += leading[cursor + 1]
        leading[cursor + 1] = []
    }

    private mutating func takeLeading() -> [LeadingComment] {
        defer { leading[cursor] = [] }
        return leading[cursor]
    }

    /// The whole-line comments before the token at the cursor as lines of a block (the file, or a campaign's
    /// body), each after a line break, and one more before a comment that followed an empty line.
    private mutating func blockComments(isFirst: inout Bool, blankLineFirst: Bool = false) -> [Layout] {
        var parts: [Layout] = []
        var needsBlankLine = blankLineFirst
        for comment in takeLeading() {
            parts += separator(isFirst: &isFirst, blankLine: comment.followsBlankLine || needsBlankLine)
            parts.append(.text(comment.text))
            needsBlankLine = false
        }
        return parts
    }

    private func separator(isFirst: inout Bool, blankLine: Bool) -> [Layout] {
        defer { isFirst = false }
        if isFirst { return [] }
        return blankLine ? [.hardLine, .hardLine] : [.hardLine]
    }

    // MARK: File and campaigns

    /// The whole file: campaigns separated by an empty line, and the comments around them.
    mutating func file(_ campaigns: [ParsedCampaign]) -> Layout {
        var parts: [Layout] = []
        var isFirst = true
        var followsCampaign = false
        for campaign in campaigns {
            let comments = blockComments(isFirst: &isFirst, blankLineFirst: followsCampaign)
            parts += comments
            let blankLine = followsBlankLine[cursor] || (followsCampaign && comments.isEmpty)
            parts += separator(isFirst: &isFirst, blankLine: blankLine)
            parts.append(self.campaign(campaign))
            followsCampaign = true
        }
        parts += blockComments(isFirst: &isFirst, blankLineFirst: followsCampaign)
        precondition(currentKind == .endOfFile, "layout stopped before the end of the file at \(tokens[cursor].start)")
        return .concat(parts)
    }

    private mutating func campaign(_ campaign: ParsedCampaign) -> Layout {
        var parts = [token(.keyword(.campaign)), .space, token(), .space, token(.leftBrace)]
        var body: [Layout] = []
        var isFirst = true
        var isFirstLine = true
        for clause in campaign.clauses {
            body += blockComments(isFirst: &isFirstLine)
            let blankLine = followsBlankLine[cursor] && !isFirst
            body += separator(isFirst: &isFirstLine, blankLine: blankLine)
            body.append(self.clause(clause))
            isFirst = false
        }
        body += blockComments(isFirst: &isFirstLine)
        if !body.isEmpty { parts.append(.nest(2, [.hardLine] + body)) }
        parts += [.hardLine, token(.rightBrace)]
        return .concat(parts)
    }

    // MARK: Clauses

    private mutating func clause(_ clause: ParsedClause) -> Layout {
        var parts = [token()]
        switch clause.body {
        case .description:
            parts += [.space, token(.string)]
        case .on(let types):
            parts += [.space, typeList(types)]
        case .when(let expression):
            if let expression { parts += [.space, .align([self.expression(expression)])] }
        case .wait(_, let unless):
            parts += [.space, token(.duration)]
            if !unless.isEmpty { parts += [.space, token(.keyword(.unless)), .space, typeList(unless)] }
        case .offer(_, let channel, let attributes):
            parts += [.space, token(.string)]
            if let channel { parts += [.space, token(.keyword(.via)), .space, self.channel(channel)] }
            if let attributes { parts += [.space, token(.keyword(.with)), .space, object(attributes)] }
        case .escalate(_, let attributes):
            parts += [.space, token(.string)]
            if let attributes { parts += [.space, token(.keyword(.with)), .space, object(attributes)] }
        case .priority(let value), .holdout(let value):
            if let value { parts += [.space, signed(value)] }
        case .limit(.unlimited?):
            parts += [.space, token(.keyword(.none))]
        case .limit(.perCustomer(let count, let window)?):
            parts += [.space, signed(count), .space, token(.keyword(.per)), .space, token(.keyword(.customer))]
            if window != nil { parts += [.space, token(.keyword(.per)), .space, token(.duration)] }
        case .limit(nil):
            break
        case .budget(let count, let period):
            if let count { parts += [.space, signed(count)] }
            if period != nil { parts += [.space, token(.keyword(.per)), .space, token()] }
        case .active(let from, let until):
            if from != nil { parts += [.space, token(.keyword(.from)), .space, token(.time)] }
            if until != nil { parts += [.space, token(.keyword(.until)), .space, token(.time)] }
        }
        return .concat(parts)
    }

    private mutating func signed(_ value: SignedToken) -> Layout {
        value.minus == nil ? token() : .concat([token(.minus), token()])
    }

    /// Types after `on` or `unless`: `a.b, "c-d"`, broken after the commas when too long.
    private mutating func typeList(_ types: [EventTypeName]) -> Layout {
        var parts: [Layout] = []
        for (index, type) in types.enumerated() {
            if index > 0 { parts += [token(.comma), .line] }
            parts.append(self.type(type))
        }
        return .group([.align(parts)])
    }

    /// A type as written: a STRING, or words joined by dots (the tokens up to the end of its range).
    private mutating func type(_ type: EventTypeName) -> Layout {
        var parts: [Layout] = []
        repeat {
            parts.append(token())
        } while currentKind != .endOfFile && tokens[cursor].start < type.range.end
        return .concat(parts)
    }

    private mutating func channel(_ channel: ParsedChannel) -> Layout {
        switch channel {
        case .named: return token()
        case .path(let path): return self.path(path)
        }
    }

    /// A `with` object: on one line when it fits and was written so, else one key per line with a trailing
    /// comma. An object written with a line break after its `{` stays one key per line.
    private mutating func object(_ attributes: [ParsedAttribute]) -> Layout {
        let isExpanded = isFollowedByLineBreak && !attributes.isEmpty
        let open = token(.leftBrace)
        guard !attributes.isEmpty else { return .concat([open, token(.rightBrace)]) }
        var inner: [Layout] = [.line]
        for (index, attribute) in attributes.enumerated() {
            if index > 0 { inner += [token(.comma), .line] }
            inner += [token(), token(.colon), .space]
            if let value = attribute.value { inner.append(expression(value)) }
        }
        if currentKind == .comma && hasComments {
            inner.append(token(.comma))
        } else {
            inner.append(.ifBroken(","))
            if currentKind == .comma { skipToken(.comma) }
        }
        return .group([open, .nest(2, inner), .line, token(.rightBrace)], breaks: isExpanded)
    }
}
