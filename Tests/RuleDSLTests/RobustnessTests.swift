import Foundation
import Testing

@testable import RuleDSL

/// Random and mutated input through the lexer, parser, checker, renderers, explanation and formatter: nothing
/// crashes, every diagnostic points inside its file, and whatever parses without errors formats to text that
/// formats to itself and means the same (``Corpus/formattingProblems(_:now:)``). Seeded, so a failure reproduces.
@Suite struct RobustnessTests {
    /// Token texts the soups and mutations are made of: every keyword and operator, and good and bad literals.
    static let vocabulary: [String] =
        Keyword.allCases.map(\.rawValue) + [
            "{", "}", "(", ")", "[", "]", ",", ".", ":", "+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", "=", "!",
            "@", "&&", "'q'", "\"s\"", "\"call-center\"", "\"unterminated", "\"bad \\q\"", "1", "0", "1001", "2.5",
            "30d", "0s", "367d", "1.5h", "30days", "10%", "100%", "1.234%", "2026-12-01", "2026-02-30",
            "2026-12-01T10:00Z", "2026-12-01T10:00", "event", "customer", "x", "y.z", "cart-abandoned", "count",
            "seen", "sum", "since", "last", "cuont", "\u{FEFF}", "é", "\u{0}",
        ]

    /// What goes between tokens.
    static let separators = [" ", " ", " ", "\n", "\n  ", "", "\t", "\r\n", " # comment\n", "\n# line\n", "\n\n"]

    @Test func randomBytesNeverBreakTheLanguageTools() {
        var random = SeededGenerator(seed: 1)
        for _ in 0..<400 {
            let bytes = (0..<Int.random(in: 0...160, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            exercise(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func randomTokenSoupsNeverBreakTheLanguageTools() {
        var random = SeededGenerator(seed: 2)
        for _ in 0..<500 {
            var text = Bool.random(using: &random) ? "campaign a {\n" : ""
            for _ in 0..<Int.random(in: 0...50, using: &random) {
                text += Self.vocabulary.randomElement(using: &random)!
                text += Self.separators.randomElement(using: &random)!
            }
            exercise(text)
        }
    }

    @Test func mutatedCampaignsNeverBreakTheLanguageTools() throws {
        let files = try (Corpus.campaignFiles + Corpus.specFiles).map { try SourceFile.load($0).text }
            + CampaignFormatterTests.examples.map(\.text)
        var random = SeededGenerator(seed: 3)
        for round in 0..<1000 {
            let original = files[round % files.count]
            let mutated =
                round.isMultiple(of: 2)
                ? mutateTokens(original, using: &random) : mutateCharacters(original, using: &random)
            exercise(mutated)
        }
    }

    @Test func relaidCampaignsFormatToTheSameMeaning() throws {
        let files = try (Corpus.campaignFiles + Corpus.specFiles).map { try SourceFile.load($0).text }
            + CampaignFormatterTests.examples.map(\.text)
        let layouts = [
            " ", " ", "\n", "\n    ", "\t", "\r\n", " # trailing\n", "\n# line\n", "\n\n\n# a\n\n# b\n", "#\n",
        ]
        var random = SeededGenerator(seed: 4)
        for round in 0..<200 {
            let tokens = Lexer.tokenize(SourceFile(path: "", text: files[round % files.count])).tokens.dropLast()
            exercise(tokens.map { $0.text + layouts.randomElement(using: &random)! }.joined())
        }
    }

    @Test func deepAndLongInputsNeverBreakTheLanguageTools() {
        let depth = 20_000
        exercise("campaign a {\n  on x\n  when " + String(repeating: "(", count: depth) + "event.x")
        exercise("campaign a {\n  on x\n  when " + String(repeating: "not -", count: depth) + "1")
        exercise("campaign a {\n  on x\n  when " + String(repeating: "[", count: depth))
        exercise(String(repeating: "count(", count: depth))
        exercise(String(repeating: "}", count: depth) + String(repeating: "{", count: depth))
        exercise(String(repeating: "campaign a { on x offer \"o\" }\n", count: 500))
        exercise(
            "campaign a {\n  on x\n  when " + Array(repeating: "event.x", count: depth).joined(separator: " and ")
                + "\n  offer \"o\"\n}\n")
        exercise(
            "campaign a {\n  on x\n  offer \"o\" with { "
                + (0..<2000).map { "k\($0): [\($0), \"v\"]" }.joined(separator: ", ") + " }\n}\n")
    }

    // MARK: Inputs

    private func mutateTokens(_ text: String, using random: inout SeededGenerator) -> String {
        var words = Lexer.tokenize(SourceFile(path: "", text: text)).tokens.map(\.text).dropLast().map { $0 }
        for _ in 0..<Int.random(in: 1...3, using: &random) where !words.isEmpty {
            let index = Int.random(in: words.indices, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: words.remove(at: index)
            case 1: words.insert(words[index], at: index)
            case 2: words.swapAt(index, Int.random(in: words.indices, using: &random))
            case 3: words[index] = Self.vocabulary.randomElement(using: &random)!
            default: words.insert(Self.vocabulary.randomElement(using: &random)!, at: index)
            }
        }
        return words.map { $0 + Self.separators.randomElement(using: &random)! }.joined()
    }

    private func mutateCharacters(_ text: String, using random: inout SeededGenerator) -> String {
        var scalars = Array(text.unicodeScalars)
        let inserts: [Unicode.Scalar] = [
            "#", "\"", "\n", "\r", "\t", " ", "{", "}", "(", ")", ",", ".", "-", "=", "!", "é", "\\",
        ]
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let index = Int.random(in: 0...scalars.count, using: &random)
            if Bool.random(using: &random) || scalars.isEmpty || index == scalars.count {
                scalars.insert(inserts.randomElement(using: &random)!, at: index)
            } else {
                scalars.remove(at: index)
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    // MARK: Properties

    private func exercise(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let source = SourceFile(path: "fuzz.lurk", text: text)
        let result = CampaignChecker.check([source], now: 0)
        let lineCount = text.unicodeScalars.count { $0 == "\n" } + 1
        for diagnostic in result.diagnostics {
            let range = diagnostic.range
            let isInside =
                range.start.line >= 1 && range.start.column >= 1 && range.start.line <= lineCount
                && !(range.end < range.start)
            #expect(isInside, "\(diagnostic) in \(text.debugDescription)", sourceLocation: sourceLocation)
        }
        #expect(result.hasErrors == !result.diagnostics.allSatisfy { $0.severity == .warning })
        let rendered = DiagnosticRenderer(sources: [source]).render(result.diagnostics)
        #expect(rendered.isEmpty == result.diagnostics.isEmpty)
        #expect(DiagnosticRenderer.json(result.diagnostics).hasSuffix("]\n"))
        for campaign in result.campaigns {
            #expect(CampaignExplanation(campaign).text.hasPrefix("campaign \(campaign.name) (fuzz.lurk:"))
        }
        let problems = Corpus.formattingProblems(source)
        #expect(problems.isEmpty, "\(problems) in \(text.debugDescription)", sourceLocation: sourceLocation)
    }
}
