// The libFuzzer entry point, compiled together with Sources/RuleDSL/*.swift by Fuzz/run.sh (so it sees the
// module's internal types). Every input goes through the lexer, parser, checker, both renderers, the explanation
// and the formatter; a broken property stops the run with a message, which libFuzzer reports as a crash.

/// Stops the run when `condition` is false; the input that did it is saved by libFuzzer.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

/// The tokens as kind and text, without a `,` directly before a `}` (the formatter writes a `with` object's
/// trailing comma only when it breaks the object).
private func signature(_ tokens: [Token]) -> [String] {
    tokens.indices.compactMap { index in
        let token = tokens[index]
        if token.kind == .comma && index + 1 < tokens.count && tokens[index + 1].kind == .rightBrace { return nil }
        return "\(token.kind) \(token.text)"
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let source = SourceFile(path: "fuzz.lurk", text: text)

    let result = CampaignChecker.check([source], now: 0)
    _ = DiagnosticRenderer(sources: [source]).render(result.diagnostics)
    _ = DiagnosticRenderer.json(result.diagnostics)
    for diagnostic in result.diagnostics {
        require(diagnostic.range.start.line >= 1 && diagnostic.range.start.column >= 1, "position \(diagnostic)")
    }
    for campaign in result.campaigns {
        _ = CampaignExplanation(campaign).text
    }

    let formatted = CampaignFormatter.format(source)
    let lexed = Lexer.tokenize(source)
    let hasSyntaxErrors = !lexed.diagnostics.isEmpty || !Parser.parse(lexed.tokens).diagnostics.isEmpty
    guard let text = formatted.text else {
        require(hasSyntaxErrors, "refused a file without syntax errors")
        return 0
    }
    require(!hasSyntaxErrors, "formatted a file with syntax errors")
    let again = CampaignFormatter.format(SourceFile(path: "fuzz.lurk", text: text))
    require(again.text == text, "not idempotent:\n\(text)\n---\n\(again.text ?? "refused")")
    let reread = Lexer.tokenize(SourceFile(path: "", text: text))
    require(signature(lexed.tokens) == signature(reread.tokens), "tokens differ:\n\(text)")
    require(lexed.comments.map(\.text) == reread.comments.map(\.text), "comments differ:\n\(text)")
    let recheck = CampaignChecker.check([SourceFile(path: "fuzz.lurk", text: text)], now: 0)
    require(
        result.diagnostics.map(\.message) == recheck.diagnostics.map(\.message), "diagnostics differ:\n\(text)")
    require(result.campaigns.map(\.name) == recheck.campaigns.map(\.name), "campaigns differ:\n\(text)")
    return 0
}
