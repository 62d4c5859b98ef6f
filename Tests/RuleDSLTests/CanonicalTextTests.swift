import Testing

@testable import RuleDSL

/// The canonical text of checked expressions: minimal parentheses, and text that reads back as the same tree.
@Suite struct CanonicalTextTests {
    private func condition(_ text: String) throws -> Expression {
        let source = SourceFile(path: "t.lurk", text: "campaign t {\n  on x\n  when \(text)\n  offer \"o\"\n}\n")
        let result = CampaignChecker.check([source], now: 0)
        return try #require(result.campaigns.first?.condition, "\(result.diagnostics.map(\.message))")
    }

    /// The value of the one attribute of an escalation written `with { v: text }`, if it checks clean.
    private func value(_ text: String) -> Expression? {
        let source = SourceFile(path: "t.lurk", text: "campaign t {\n  on x\n  escalate \"e\" with { v: \(text) }\n}\n")
        guard case .escalate(_, let attributes)? = CampaignChecker.check([source], now: 0).campaigns.first?.action
        else { return nil }
        return attributes.first?.value
    }

    @Test(arguments: [
        ("(event.a == 1) and ((event.b == 2))", "event.a == 1 and event.b == 2"),
        ("event.a or (event.b or event.c)", "event.a or (event.b or event.c)"),
        ("(event.a or event.b) or event.c", "event.a or event.b or event.c"),
        ("(event.a or event.b) and event.c", "(event.a or event.b) and event.c"),
        ("event.a and (event.b and event.c)", "event.a and (event.b and event.c)"),
        ("not (event.a == 1)", "not event.a == 1"),
        ("(not event.a) == true", "(not event.a) == true"),
        ("not (event.a and event.b)", "not (event.a and event.b)"),
        ("not not event.a", "not not event.a"),
        ("event.a - (event.b - 3) > (event.c - 2) - 3", "event.a - (event.b - 3) > event.c - 2 - 3"),
        ("event.a * (event.b + 1) / (event.c * 2) == 1", "event.a * (event.b + 1) / (event.c * 2) == 1"),
        ("-(-1d) < -(event.d + 1h)", "--1d < -(event.d + 1h)"),
        ("(event.a + 1) in [1, (2)] and (event.t contains \"x\")", "event.a + 1 in [1, 2] and event.t contains \"x\""),
        ("(event.a is missing) == false", "(event.a is missing) == false"),
        ("since(x) > 60s and since(x) < 90s and since(x) != 1500ms and since(x) >= 24h",
         "since(x) > 1m and since(x) < 90s and since(x) != 1500ms and since(x) >= 1d"),
        ("event.n == 2.50 or event.n == 007 or event.n == 0.1", "event.n == 2.5 or event.n == 7 or event.n == 0.1"),
        (#"event.s == "a\"b\\c\td""#, #"event.s == "a\"b\\c\td""#),
        (#"count("cart-abandoned", 1d) > count("x", 2d) + count("on", 3d) + count(customer.updated, 7d)"#,
         #"count("cart-abandoned", 1d) > count(x, 2d) + count("on", 3d) + count(customer.updated, 7d)"#),
        (#"sum(x, "cart value", 1d) > 1 and last(x, a.b) == last(x, "c")"#,
         #"sum(x, "cart value", 1d) > 1 and last(x, a.b) == last(x, c)"#),
        ("seen(x, since(y)) and count(x, (2h)) > 0", "seen(x, since(y)) and count(x, 2h) > 0"),
    ])
    func writesMinimalParentheses(text: String, canonical: String) throws {
        #expect(CanonicalText.expression(try condition(text)) == canonical)
    }

    @Test(arguments: Corpus.campaignFiles + Corpus.specFiles)
    func canonicalTextReadsBackAsTheSameExpression(path: String) throws {
        let campaigns = CampaignChecker.check([try SourceFile.load(path)], now: 0).campaigns
        for campaign in campaigns {
            if let condition = campaign.condition {
                let again = try self.condition(CanonicalText.expression(condition))
                #expect(again.withoutRanges == condition.withoutRanges, "\(CanonicalText.expression(condition))")
            }
            let attributes: [Attribute]
            switch campaign.action {
            case .offer(_, _, let offerAttributes): attributes = offerAttributes
            case .escalate(_, let escalationAttributes): attributes = escalationAttributes
            }
            for attribute in attributes {
                let again = try #require(value(CanonicalText.expression(attribute.value)))
                let text = CanonicalText.expression(attribute.value)
                #expect(again.withoutRanges == attribute.value.withoutRanges, "\(text)")
            }
        }
    }

    @Test(arguments: [
        ("2026-12-01", "2026-12-01T00:00:00Z"),
        ("2026-12-01T10:05:09+01:00", "2026-12-01T09:05:09Z"),
        ("1970-01-01T00:00Z", "1970-01-01T00:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("2024-02-29T12:00Z", "2024-02-29T12:00:00Z"),
        ("0001-01-01", "0001-01-01T00:00:00Z"),
        ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),
    ])
    func formatsTimesInUTC(text: String, formatted: String) throws {
        #expect(TimeLiteral.format(try #require(TimeLiteral.parse(text))) == formatted)
    }

    @Test(arguments: [(0, "0%"), (5, "0.05%"), (50, "0.5%"), (1000, "10%"), (1050, "10.5%"), (9999, "99.99%")])
    func writesPercentsWithoutTrailingZeros(hundredths: Int, text: String) {
        #expect(CanonicalText.percent(hundredths: hundredths) == text)
    }

    @Test func writesEveryHoldoutAsTheNumberOfItsPercent() {
        for hundredths in 0..<10_000 {
            let number = CanonicalText.number(Double(hundredths) / 100)
            #expect(CanonicalText.percent(hundredths: hundredths) == number + "%")
        }
    }
}
