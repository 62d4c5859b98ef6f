import Foundation

@testable import RuleDSL

/// The campaign files the tests read: the repository's `campaigns/` and the specification's examples.
enum Corpus {
    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `campaigns/*.lurk` file.
    static var campaignFiles: [String] {
        let folder = root.appendingPathComponent("campaigns").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".lurk") }.sorted().map { folder + "/" + $0 }
    }

    /// Every campaign file of the specification's scenarios and invalid examples.
    static var specFiles: [String] {
        SpecExamples.files(in: "scenarios", depth: 3) + SpecExamples.invalidFiles
    }

    /// The tokens of `text` as kind and text, without the end of the file and without a `,` directly before a `}`
    /// (the formatter writes a `with` object's trailing comma only when it breaks the object).
    static func tokenSignature(_ text: String) -> [String] {
        let tokens = Lexer.tokenize(SourceFile(path: "", text: text)).tokens
        return tokens.indices.compactMap { index in
            let token = tokens[index]
            if token.kind == .endOfFile { return nil }
            if token.kind == .comma && tokens[index + 1].kind == .rightBrace { return nil }
            return "\(token.kind) \(token.text)"
        }
    }

    /// What is wrong with formatting `source`: the formatter must refuse exactly the files with lexical or
    /// syntax errors, and otherwise give text that formats to itself, has the same tokens (up to a trailing comma
    /// before `}`) and comments, and checks to the same messages and campaigns.
    static func formattingProblems(_ source: SourceFile, now: Int64 = 0) -> [String] {
        let lexed = Lexer.tokenize(source)
        let syntaxErrors = lexed.diagnostics + Parser.parse(lexed.tokens).diagnostics
        let result = CampaignFormatter.format(source)
        guard let formatted = result.text else {
            if syntaxErrors.isEmpty { return ["refused a file without syntax errors"] }
            if Set(result.diagnostics) != Set(syntaxErrors) { return ["refused with other diagnostics"] }
            return []
        }
        var problems: [String] = []
        if !syntaxErrors.isEmpty { problems.append("formatted a file with syntax errors") }
        let again = CampaignFormatter.format(SourceFile(path: source.path, text: formatted)).text
        if again != formatted { problems.append("not idempotent:\n\(formatted)\n---\n\(again ?? "refused")") }
        if tokenSignature(source.text) != tokenSignature(formatted) { problems.append("tokens differ:\n\(formatted)") }
        let formattedComments = Lexer.tokenize(SourceFile(path: "", text: formatted)).comments.map(\.text)
        if lexed.comments.map(\.text) != formattedComments { problems.append("comments differ:\n\(formatted)") }
        let before = CampaignChecker.check([source], now: now)
        let after = CampaignChecker.check([SourceFile(path: source.path, text: formatted)], now: now)
        if before.diagnostics.map(\.message) != after.diagnostics.map(\.message) {
            problems.append("diagnostics differ:\n\(formatted)")
        }
        if before.campaigns.map(\.withoutRanges) != after.campaigns.map(\.withoutRanges) {
            problems.append("campaigns differ:\n\(formatted)")
        }
        return problems
    }
}
