import Testing

@testable import RuleDSL

typealias SourceLocation = RuleDSL.SourceLocation

@Suite struct LexerTests {
    private func tokenize(_ text: String)
        -> (tokens: [Token], comments: [SourceComment], diagnostics: [Diagnostic])
    {
        Lexer.tokenize(SourceFile(path: "t.lurk", text: text))
    }

    private func tokens(_ text: String) -> [Token] { tokenize(text).tokens }

    private func errors(_ text: String) -> [String] {
        tokenize(text).diagnostics.map { "\($0.range.start) \($0.message)" }
    }

    @Test(arguments: [
        ("250ms", 250), ("90s", 90_000), ("15m", 900_000), ("2h", 7_200_000), ("7d", 604_800_000),
        ("1w", 604_800_000), ("366d", 31_622_400_000),
    ] as [(String, Int64)])
    func readsDurationUnitsInMilliseconds(text: String, milliseconds: Int64) {
        let lexed = tokenize(text)
        #expect(lexed.diagnostics.isEmpty)
        #expect(lexed.tokens.map(\.kind) == [.duration, .endOfFile])
        #expect(lexed.tokens[0].value == .duration(milliseconds))
    }

    @Test func numberWithUnknownUnitIsOneTokenWithOneError() {
        let lexed = tokenize("wait 30days unless")
        #expect(lexed.tokens.map(\.kind) == [.keyword(.wait), .duration, .keyword(.unless), .endOfFile])
        #expect(lexed.tokens[1].text == "30days")
        #expect(lexed.tokens[1].hasError)
        #expect(errors("wait 30days unless") == ["1:6 number with an unknown unit '30days' ('days' is not one of ms, s, m, h, d, w)"])
    }

    @Test func durationWithFractionIsNotWhole() {
        let lexed = tokenize("1.5h")
        #expect(lexed.tokens.map(\.kind) == [.duration, .endOfFile])
        #expect(lexed.tokens[0].value == .duration(nil))
        #expect(errors("  1.5h") == ["1:3 duration '1.5h' is not a whole number (write it in a smaller unit)"])
    }

    @Test func unitRunsToTheEndOfTheWord() {
        #expect(tokens("1h30m").map(\.text) == ["1h30m", ""])
        #expect(errors("1h30m").count == 1)
    }

    @Test func readsNumbersAndIntegers() {
        let lexed = tokens("12 3.25 007 1.")
        #expect(lexed[0].value == .number(12, integer: 12))
        #expect(lexed[1].value == .number(3.25, integer: nil))
        #expect(lexed[2].value == .number(7, integer: 7))
        #expect(lexed.map(\.kind) == [.number, .number, .number, .number, .dot, .endOfFile])
    }

    @Test(arguments: [
        ("0%", 0), ("10%", 1000), ("0.07%", 7), ("99.99%", 9999), ("12.5%", 1250), ("100%", 10_000),
    ] as [(String, Int)])
    func readsPercentInHundredths(text: String, hundredths: Int) {
        #expect(tokens(text)[0].value == .percent(hundredths: hundredths))
    }

    @Test func percentWithThreeDecimalsHasNoValueAndNoLexicalError() {
        let lexed = tokenize("10.555%")
        #expect(lexed.tokens[0].value == .percent(hundredths: nil))
        #expect(lexed.diagnostics.isEmpty)
    }

    @Test(arguments: [
        ("2026-12-01", 1_796_083_200_000),
        ("2026-12-01T10:00Z", 1_796_119_200_000),
        ("2026-12-01T10:00:30Z", 1_796_119_230_000),
        ("2026-12-01T10:00+01:00", 1_796_115_600_000),
        ("2026-12-01T10:00:00-02:30", 1_796_128_200_000),
        ("2024-02-29", 1_709_164_800_000),
        ("1970-01-01T00:00Z", 0),
        ("0001-01-01", -62_135_596_800_000),
        ("9999-12-31T23:59:59Z", 253_402_300_799_000),
    ] as [(String, Int64)])
    func readsTimeShapesAsEpochMilliseconds(text: String, milliseconds: Int64) {
        let lexed = tokenize(text)
        #expect(lexed.diagnostics.isEmpty)
        #expect(lexed.tokens.map(\.kind) == [.time, .endOfFile])
        #expect(lexed.tokens[0].value == .time(milliseconds))
    }

    @Test(arguments: [
        ("2026-02-30", "no such date; years are 0001 to 9999"),
        ("2023-02-29", "no such date; years are 0001 to 9999"),
        ("2026-13-01", "no such date; years are 0001 to 9999"),
        ("0000-01-01", "no such date; years are 0001 to 9999"),
        ("2026-12-01T10:00", "a time of day needs 'Z' or an offset such as +01:00"),
        ("2026-12-01T24:00Z", "no such time of day or offset"),
        ("2026-12-01T10:60Z", "no such time of day or offset"),
        ("2026-12-01T10:00:60Z", "no such time of day or offset"),
        ("2026-12-01T10:00+24:00", "no such time of day or offset"),
        ("2026-1-01", "expected yyyy-mm-dd, yyyy-mm-ddThh:mm[:ss]Z or yyyy-mm-ddThh:mm[:ss]±hh:mm"),
        ("2026-12-01T10Z", "expected yyyy-mm-dd, yyyy-mm-ddThh:mm[:ss]Z or yyyy-mm-ddThh:mm[:ss]±hh:mm"),
        ("2026-12-01T10:00:00.5Z", "expected yyyy-mm-dd, yyyy-mm-ddThh:mm[:ss]Z or yyyy-mm-ddThh:mm[:ss]±hh:mm"),
        ("2026-12-01Z", "expected yyyy-mm-dd, yyyy-mm-ddThh:mm[:ss]Z or yyyy-mm-ddThh:mm[:ss]±hh:mm"),
        ("2026-", "expected yyyy-mm-dd, yyyy-mm-ddThh:mm[:ss]Z or yyyy-mm-ddThh:mm[:ss]±hh:mm"),
    ])
    func reportsBadTimeAtItsFirstCharacter(text: String, reason: String) {
        let lexed = tokenize("from \(text) x")
        #expect(lexed.tokens.map(\.kind) == [.keyword(.from), .time, .name, .endOfFile])
        #expect(lexed.tokens[1].text == text)
        #expect(lexed.tokens[1].hasError)
        #expect(errors("from \(text) x") == ["1:6 bad time '\(text)' (\(reason))"])
    }

    @Test func timeEndsAtFirstCharacterThatCannotBeInATime() {
        #expect(tokens("2026-12-01T10:00Z}").map(\.kind) == [.time, .rightBrace, .endOfFile])
        #expect(tokens("2026-12-01until").map(\.text) == ["2026-12-01", "until", ""])
        #expect(tokens("12345-1").map(\.kind) == [.number, .minus, .number, .endOfFile])
    }

    @Test func readsStringEscapes() {
        let lexed = tokenize(#""a\"b\\c\nd\te""#)
        #expect(lexed.diagnostics.isEmpty)
        #expect(lexed.tokens[0].stringValue == "a\"b\\c\nd\te")
    }

    @Test func reportsBadEscapeAtItsBackslash() {
        let lexed = tokenize(#"x "ab\qc" y"#)
        #expect(lexed.tokens.map(\.kind) == [.name, .string, .name, .endOfFile])
        #expect(errors(#"x "ab\qc" y"#) == [#"1:6 unknown escape '\q' in a string (the escapes are \", \\, \n and \t)"#])
    }

    @Test func reportsUnterminatedStringAtItsOpeningQuote() {
        let lexed = tokenize("a \"abc\nb")
        #expect(lexed.tokens.map(\.kind) == [.name, .string, .name, .endOfFile])
        #expect(lexed.tokens[1].isUnterminated)
        #expect(lexed.tokens[2].start == SourceLocation(line: 2, column: 1))
        #expect(errors("a \"abc\nb") == ["1:3 unterminated string (a string ends with '\"' on the same line)"])
    }

    @Test func carriageReturnEndsAString() {
        let lexed = tokenize("\"abc\r\nb")
        #expect(lexed.tokens[0].text == "\"abc")
        #expect(lexed.diagnostics.count == 1)
    }

    @Test func unterminatedStringAtEndOfFile() {
        #expect(errors("x \"abc") == ["1:3 unterminated string (a string ends with '\"' on the same line)"])
        #expect(errors("x \"abc\\") == ["1:3 unterminated string (a string ends with '\"' on the same line)"])
    }

    @Test func skipsByteOrderMarkWithoutAColumn() {
        let lexed = tokenize("\u{FEFF}campaign x")
        #expect(lexed.tokens[0].kind == .keyword(.campaign))
        #expect(lexed.tokens[0].start == SourceLocation(line: 1, column: 1))
        #expect(lexed.tokens[1].start == SourceLocation(line: 1, column: 10))
    }

    @Test func carriageReturnIsWhitespaceThatTakesAColumn() {
        let crlf = tokens("a\r\nb")
        #expect(crlf.map(\.kind) == [.name, .name, .endOfFile])
        #expect(crlf[1].start == SourceLocation(line: 2, column: 1))
        #expect(tokens("a\rb")[1].start == SourceLocation(line: 1, column: 3))
    }

    @Test func tabIsOneColumn() {
        #expect(tokens("\t\ta")[0].start == SourceLocation(line: 1, column: 3))
    }

    @Test func columnsCountUnicodeScalars() {
        let lexed = tokens("\"é🎉e\u{301}\" x")
        #expect(lexed[0].range.end == SourceLocation(line: 1, column: 7))
        #expect(lexed[1].start == SourceLocation(line: 1, column: 8))
    }

    @Test(arguments: [
        ("", SourceLocation(line: 1, column: 1)),
        ("a", SourceLocation(line: 1, column: 2)),
        ("a\n", SourceLocation(line: 2, column: 1)),
        ("a\r\n", SourceLocation(line: 2, column: 1)),
        ("a # comment", SourceLocation(line: 1, column: 12)),
        ("a\n\n  ", SourceLocation(line: 3, column: 3)),
        ("\u{FEFF}", SourceLocation(line: 1, column: 1)),
    ])
    func endOfFileIsJustAfterTheLastCharacter(text: String, location: SourceLocation) {
        let last = tokens(text).last
        #expect(last?.kind == .endOfFile)
        #expect(last?.range.start == location)
        #expect(last?.range.end == location)
    }

    @Test func anyWordDirectlyAfterADotIsAName() {
        #expect(tokens("event.customer.on").map(\.kind) == [.keyword(.event), .dot, .name, .dot, .name, .endOfFile])
        #expect(tokens("customer.updated").map(\.kind) == [.keyword(.customer), .dot, .name, .endOfFile])
        #expect(tokens("event. when").map(\.kind) == [.keyword(.event), .dot, .keyword(.when), .endOfFile])
    }

    @Test func readsEveryKeyword() {
        for keyword in Keyword.allCases {
            #expect(tokens(keyword.rawValue)[0].kind == .keyword(keyword))
        }
        #expect(tokens("When")[0].kind == .name)
    }

    @Test func readsOperators() {
        #expect(
            tokens("{}()[],.:+-*/ == != < <= > >=").map(\.kind) == [
                .leftBrace, .rightBrace, .leftParen, .rightParen, .leftBracket, .rightBracket, .comma, .dot, .colon,
                .plus, .minus, .star, .slash, .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual,
                .endOfFile,
            ])
    }

    @Test func loneBangAndEqualsStartNoToken() {
        #expect(tokens("a = b").map(\.kind) == [.name, .invalid, .name, .endOfFile])
        #expect(errors("a = b") == ["1:3 unexpected character '=' (did you mean '==')"])
        #expect(errors("!x") == ["1:1 unexpected character '!' (did you mean '!=' or 'not')"])
        #expect(errors("a =! b").count == 2)
    }

    @Test func runOfStrayCharactersIsOneError() {
        #expect(tokens("a @@; b").map(\.kind) == [.name, .invalid, .name, .endOfFile])
        #expect(errors("a @@; b") == ["1:3 unexpected characters '@@;'"])
        #expect(errors("x\u{00A0}y") == ["1:2 unexpected character '\u{00A0}'"])
    }

    @Test func commentsRunToTheEndOfTheLine() {
        #expect(tokens("a # b \"c\n d").map(\.text) == ["a", "d", ""])
    }

    @Test func keepsCommentsWithoutTrailingWhitespace() {
        let comments = tokenize("# one \t\r\na #two\n  #\n").comments
        #expect(comments.map(\.text) == ["# one", "#two", "#"])
        #expect(comments.map { "\($0.range.start)-\($0.range.end)" } == ["1:1-1:9", "2:3-2:7", "3:3-3:4"])
    }
}
