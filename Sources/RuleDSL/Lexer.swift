/// Splits a campaign file into tokens (spec §2 and §9), reporting lexical errors as it goes.
///
/// Columns count Unicode scalars; a tab is one column and a carriage return is whitespace. A byte order mark
/// at the start of the file is skipped and takes no column. A token with a lexical error that still has a
/// usable kind (a bad escape, an unknown unit, a bad TIME, an unterminated STRING) keeps its kind and is
/// marked ``Token/hasError``; characters that start no token become one ``TokenKind/invalid`` token per run.
struct Lexer {
    private let file: String
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var location = SourceLocation(line: 1, column: 1)
    private var tokens: [Token] = []
    private var comments: [SourceComment] = []
    private var diagnostics: [Diagnostic] = []
    private var followsTrivia = true

    private init(_ source: SourceFile) {
        file = source.path
        scalars = Array(source.text.unicodeScalars)
    }

    /// The tokens of `source`, ending with one ``TokenKind/endOfFile`` token, its comments, and the lexical
    /// errors.
    static func tokenize(_ source: SourceFile)
        -> (tokens: [Token], comments: [SourceComment], diagnostics: [Diagnostic])
    {
        var lexer = Lexer(source)
        lexer.run()
        return (lexer.tokens, lexer.comments, lexer.diagnostics)
    }

    /// The units of a DURATION and their length in milliseconds.
    static let units: [String: Int64] = [
        "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000,
    ]

    // MARK: Reading characters

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            location = SourceLocation(line: location.line + 1, column: 1)
        } else {
            location.column += 1
        }
        index += 1
    }

    /// Whether `scalar` can start a word: an ASCII letter or `_`.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// Whether `scalar` can continue a word: an ASCII letter, digit or `_`.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool { isLetter(scalar) || isDigit(scalar) }

    /// Whether `scalar` can start no token and so joins a run of unexpected characters.
    private static func isStray(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\r", "\n", "#", "\"", "{", "}", "(", ")", "[", "]", ",", ".", ":", "+", "-", "*", "/", "<", ">",
            "!", "=":
            return false
        default:
            return !isWordCharacter(scalar)
        }
    }

    private func range(from start: SourceLocation) -> SourceRange {
        SourceRange(file: file, start: start, end: location)
    }

    private func text(from startIndex: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[startIndex..<index])
        return String(view)
    }

    // MARK: Tokens

    private mutating func run() {
        if peek() == "\u{FEFF}" { index = 1 }
        while true {
            skipTrivia()
            guard let scalar = peek() else {
                tokens.append(Token(kind: .endOfFile, text: "", range: range(from: location)))
                return
            }
            let start = location
            let startIndex = index
            if Self.isLetter(scalar) {
                lexWord(start: start, startIndex: startIndex)
            } else if Self.isDigit(scalar) {
                lexNumber(start: start, startIndex: startIndex)
            } else if scalar == "\"" {
                lexString(start: start, startIndex: startIndex)
            } else if let kind = lexOperator(scalar) {
                tokens.append(Token(kind: kind, text: text(from: startIndex), range: range(from: start)))
            } else if scalar == "'", let length = singleQuotedLength() {
                for _ in 0..<length { advance() }
                let quoted = text(from: startIndex)
                let content = String(quoted.unicodeScalars.dropFirst().dropLast())
                diagnostics.append(
                    .error(
                        .unexpectedCharacter("'"), at: range(from: start),
                        notes: [Diagnostic.Note(.stringInDoubleQuotes(content))]))
                tokens.append(Token(kind: .invalid, text: quoted, range: range(from: start), hasError: true))
            } else {
                advance()
                if scalar != "!" && scalar != "=" {
                    while let next = peek(), Self.isStray(next) { advance() }
                }
                let characters = text(from: startIndex)
                diagnostics.append(.error(.unexpectedCharacter(characters), at: range(from: start)))
                tokens.append(Token(kind: .invalid, text: characters, range: range(from: start), hasError: true))
            }
            followsTrivia = false
        }
    }

    /// The length of text in single quotes starting at the current `'`, closed on the same line; nil when the
    /// line has no second `'`. Such text is reported once, as a string written in the wrong quotes.
    private func singleQuotedLength() -> Int? {
        var offset = 1
        while let scalar = peek(offset), scalar != "\n", scalar != "\r" {
            if scalar == "'" { return offset + 1 }
            offset += 1
        }
        return nil
    }

    private mutating func skipTrivia() {
        while let scalar = peek() {
            switch scalar {
            case " ", "\t", "\r", "\n":
                advance()
            case "#":
                let start = location
                let startIndex = index
                while let next = peek(), next != "\n" { advance() }
                var text = Substring(self.text(from: startIndex))
                while let last = text.unicodeScalars.last, last == " " || last == "\t" || last == "\r" {
                    text = Substring(text.unicodeScalars.dropLast())
                }
                comments.append(SourceComment(text: String(text), range: range(from: start)))
            default:
                return
            }
            followsTrivia = true
        }
    }

    private mutating func lexWord(start: SourceLocation, startIndex: Int) {
        while let scalar = peek(), Self.isWordCharacter(scalar) { advance() }
        let word = text(from: startIndex)
        let afterDot = !followsTrivia && tokens.last?.kind == .dot
        let kind: TokenKind = afterDot ? .name : Keyword(word: word).map { .keyword($0) } ?? .name
        tokens.append(Token(kind: kind, text: word, range: range(from: start)))
    }

    private mutating func lexNumber(start: SourceLocation, startIndex: Int) {
        if (0..<4).allSatisfy({ peek($0).map(Self.isDigit) ?? false }) && peek(4) == "-" {
            lexTime(start: start, startIndex: startIndex)
            return
        }
        while let scalar = peek(), Self.isDigit(scalar) { advance() }
        let integerText = text(from: startIndex)
        var fraction = ""
        if peek() == ".", let next = peek(1), Self.isDigit(next) {
            advance()
            let fractionStart = index
            while let scalar = peek(), Self.isDigit(scalar) { advance() }
            fraction = text(from: fractionStart)
        }
        let numberText = text(from: startIndex)
        if let scalar = peek(), Self.isLetter(scalar) {
            let unitStart = index
            while let next = peek(), Self.isWordCharacter(next) { advance() }
            let unit = text(from: unitStart)
            var token = Token(kind: .duration, text: text(from: startIndex), range: range(from: start))
            if let factor = Self.units[unit], fraction.isEmpty {
                let count = Int64(integerText) ?? .max
                let (product, overflow) = count.multipliedReportingOverflow(by: factor)
                token.value = .duration(overflow ? .max : product)
            } else {
                token.value = .duration(nil)
                token.hasError = true
                let message: DiagnosticMessage =
                    Self.units[unit] == nil
                    ? .unknownUnit(token: token.text, unit: unit) : .durationNotWhole(token.text)
                diagnostics.append(.error(message, at: token.range))
            }
            tokens.append(token)
        } else if peek() == "%" {
            advance()
            var token = Token(kind: .percent, text: text(from: startIndex), range: range(from: start))
            if fraction.count <= 2 {
                let whole = Int(integerText).map { $0.multipliedReportingOverflow(by: 100) }
                let hundredths = Int(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
                if let whole, !whole.overflow {
                    token.value = .percent(hundredths: whole.partialValue + hundredths)
                } else {
                    token.value = .percent(hundredths: .max)
                }
            } else {
                token.value = .percent(hundredths: nil)
            }
            tokens.append(token)
        } else {
            let integer = fraction.isEmpty ? (Int(integerText) ?? .max) : nil
            tokens.append(
                Token(
                    kind: .number, text: numberText, range: range(from: start),
                    value: .number(Double(numberText) ?? .infinity, integer: integer)))
        }
    }

    private mutating func lexTime(start: SourceLocation, startIndex: Int) {
        while let scalar = peek(), TimeLiteral.canContinue(scalar) { advance() }
        var token = Token(kind: .time, text: text(from: startIndex), range: range(from: start))
        switch TimeLiteral.epochMilliseconds(token.text) {
        case .success(let milliseconds):
            token.value = .time(milliseconds)
        case .failure(let problem):
            token.value = .time(nil)
            token.hasError = true
            diagnostics.append(.error(.badTime(token.text, problem), at: token.range))
        }
        tokens.append(token)
    }

    private mutating func lexString(start: SourceLocation, startIndex: Int) {
        advance()
        var content = ""
        var badEscape: (text: String, range: SourceRange)?
        var isTerminated = false
        while let scalar = peek(), scalar != "\n", scalar != "\r" {
            if scalar == "\"" {
                advance()
                isTerminated = true
                break
            }
            if scalar == "\\" {
                let escapeStart = location
                advance()
                guard let escaped = peek(), escaped != "\n", escaped != "\r" else { break }
                advance()
                switch escaped {
                case "\"": content.unicodeScalars.append("\"")
                case "\\": content.unicodeScalars.append("\\")
                case "n": content.unicodeScalars.append("\n")
                case "t": content.unicodeScalars.append("\t")
                default:
                    content.unicodeScalars.append("\\")
                    content.unicodeScalars.append(escaped)
                    if badEscape == nil { badEscape = ("\\" + String(escaped), range(from: escapeStart)) }
                }
                continue
            }
            content.unicodeScalars.append(scalar)
            advance()
        }
        var token = Token(
            kind: .string, text: text(from: startIndex), range: range(from: start), value: .string(content))
        if !isTerminated {
            token.hasError = true
            token.isUnterminated = true
            let quote = SourceRange(
                file: file, start: start, end: SourceLocation(line: start.line, column: start.column + 1))
            diagnostics.append(.error(.unterminatedString, at: quote))
        } else if let badEscape {
            token.hasError = true
            diagnostics.append(.error(.badEscape(badEscape.text), at: badEscape.range))
        }
        tokens.append(token)
    }

    private mutating func lexOperator(_ scalar: Unicode.Scalar) -> TokenKind? {
        let next = peek(1)
        let kind: TokenKind
        var length = 1
        switch scalar {
        case "{": kind = .leftBrace
        case "}": kind = .rightBrace
        case "(": kind = .leftParen
        case ")": kind = .rightParen
        case "[": kind = .leftBracket
        case "]": kind = .rightBracket
        case ",": kind = .comma
        case ".": kind = .dot
        case ":": kind = .colon
        case "+": kind = .plus
        case "-": kind = .minus
        case "*": kind = .star
        case "/": kind = .slash
        case "<":
            kind = next == "=" ? .lessEqual : .less
            length = next == "=" ? 2 : 1
        case ">":
            kind = next == "=" ? .greaterEqual : .greater
            length = next == "=" ? 2 : 1
        case "=" where next == "=":
            kind = .equalEqual
            length = 2
        case "!" where next == "=":
            kind = .bangEqual
            length = 2
        default:
            return nil
        }
        for _ in 0..<length { advance() }
        return kind
    }
}
