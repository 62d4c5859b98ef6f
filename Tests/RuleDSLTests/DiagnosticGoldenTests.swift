import Testing

@testable import RuleDSL

/// Pins the exact rendered text of diagnostics: message line, source line, caret line and notes (spec §9).
@Suite struct DiagnosticGoldenTests {
    /// One broken set and everything `lurker check` writes for it, without the summary line.
    struct Golden: Sendable, CustomTestStringConvertible {
        var name: String
        var sources: [SourceFile]
        var rendered: String

        init(_ name: String, files: [SourceFile], rendered: String) {
            self.name = name
            self.sources = files
            self.rendered = rendered
        }

        init(_ name: String, _ text: String, rendered: String) {
            self.init(name, files: [SourceFile(path: "campaigns/test.lurk", text: text)], rendered: rendered)
        }

        var testDescription: String { name }
    }

    /// 2026-12-01T00:00Z, the "now" of the `active until` warning.
    static let now: Int64 = 1_796_083_200_000

    @Test(arguments: goldens)
    func rendersDiagnosticsExactly(_ golden: Golden) {
        let result = CampaignChecker.check(golden.sources, now: Self.now)
        #expect(DiagnosticRenderer(sources: golden.sources).render(result.diagnostics) == golden.rendered)
    }

    @Test func goldensCoverAtLeastThirtyDistinctMessages() {
        let messages = Set(
            Self.goldens.flatMap { golden in
                CampaignChecker.check(golden.sources, now: Self.now).diagnostics.map(\.message)
            })
        #expect(messages.count >= 30)
    }

    @Test func coloursOnlyWhenAsked() {
        let source = SourceFile(path: "t.lurk", text: "campaign a {\n  on x\n  wehn 1\n}\n")
        let diagnostics = CampaignChecker.check([source], now: Self.now).diagnostics
        let plain = DiagnosticRenderer(sources: [source]).render(diagnostics)
        let coloured = DiagnosticRenderer(sources: [source], usesColor: true).render(diagnostics)
        #expect(!plain.contains("\u{1B}"))
        #expect(
            coloured == "\u{1B}[1mt.lurk:3:3:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m "
                + "\u{1B}[1munknown clause 'wehn' (did you mean 'when')\u{1B}[0m\n"
                + "  wehn 1\n  \u{1B}[1;32m^~~~\u{1B}[0m\n")
    }

    static let goldens: [Golden] = [
        Golden(
            "strayCharacter",
            #"""
            campaign a {
              on x
              when event.x @ 1
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:16: error: unexpected character '@'
              when event.x @ 1
                           ^

            """#
        ),
        Golden(
            "loneEquals",
            #"""
            campaign a {
              on x
              when event.x = 1
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:16: error: unexpected character '=' (did you mean '==')
              when event.x = 1
                           ^

            """#
        ),
        Golden(
            "loneBang",
            #"""
            campaign a {
              on x
              when !seen(y, 1d)
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:8: error: unexpected character '!' (did you mean '!=' or 'not')
              when !seen(y, 1d)
                   ^

            """#
        ),
        Golden(
            "doubleAmpersand",
            #"""
            campaign a {
              on x
              when event.a && event.b
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:16: error: unexpected characters '&&' (did you mean 'and')
              when event.a && event.b
                           ^~

            """#
        ),
        Golden(
            "singleQuotes",
            #"""
            campaign a {
              on x
              offer 'o'
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:9: error: unexpected character '''
              offer 'o'
                    ^~~
            note: a string is written in double quotes: "o"

            """#
        ),
        Golden(
            "badEscape",
            #"""
            campaign a {
              on x
              offer "o\q"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:11: error: unknown escape '\q' in a string (the escapes are \", \\, \n and \t)
              offer "o\q"
                      ^~

            """#
        ),
        Golden(
            "unterminatedString",
            #"""
            campaign a {
              description "lounge voucher
              on x
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:2:15: error: unterminated string (a string ends with '"' on the same line)
              description "lounge voucher
                          ^

            """#
        ),
        Golden(
            "unknownUnit",
            #"""
            campaign a {
              on x
              wait 30days
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:8: error: number with an unknown unit '30days' ('days' is not one of ms, s, m, h, d, w)
              wait 30days
                   ^~~~~~

            """#
        ),
        Golden(
            "durationNotWhole",
            #"""
            campaign a {
              on x
              wait 1.5h
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:8: error: duration '1.5h' is not a whole number (write it in a smaller unit)
              wait 1.5h
                   ^~~~

            """#
        ),
        Golden(
            "timeShape",
            #"""
            campaign a {
              on x
              offer "o"
              active from 2026-1-01
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:15: error: bad time '2026-1-01' (expected yyyy-mm-dd, yyyy-mm-ddThh:mm[:ss]Z or yyyy-mm-ddThh:mm[:ss]±hh:mm)
              active from 2026-1-01
                          ^~~~~~~~~

            """#
        ),
        Golden(
            "timeWithoutZone",
            #"""
            campaign a {
              on x
              offer "o"
              active from 2026-12-01T10:00
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:15: error: bad time '2026-12-01T10:00' (a time of day needs 'Z' or an offset such as +01:00)
              active from 2026-12-01T10:00
                          ^~~~~~~~~~~~~~~~

            """#
        ),
        Golden(
            "timeNoSuchDate",
            #"""
            campaign a {
              on x
              offer "o"
              active from 2026-02-30
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:15: error: bad time '2026-02-30' (no such date; years are 0001 to 9999)
              active from 2026-02-30
                          ^~~~~~~~~~

            """#
        ),
        Golden(
            "timeNoSuchTime",
            #"""
            campaign a {
              on x
              offer "o"
              active until 2026-12-01T24:00Z
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:16: error: bad time '2026-12-01T24:00Z' (no such time of day or offset)
              active until 2026-12-01T24:00Z
                           ^~~~~~~~~~~~~~~~~

            """#
        ),
        Golden(
            "hyphenInOnType",
            #"""
            campaign a {
              on cart-abandoned
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:2:10: error: expected a clause or '}', found '-'
              on cart-abandoned
                     ^
            note: a name cannot hold '-': write a type, field or channel that has one as a string, "cart-abandoned"

            """#
        ),
        Golden(
            "missingBraceAtEndOfFile",
            #"""
            campaign a {
              on x
              offer "o"

            """#,
            rendered: #"""
            campaigns/test.lurk:4:1: error: expected a clause or '}', found the end of the file

            ^

            """#
        ),
        Golden(
            "unknownClauseWithSuggestion",
            #"""
            campaign a {
              on x
              wehn event.x > 1
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:3: error: unknown clause 'wehn' (did you mean 'when')
              wehn event.x > 1
              ^~~~

            """#
        ),
        Golden(
            "unknownClauseWithoutSuggestion",
            #"""
            campaign a {
              on x
              frequency 3
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:3: error: unknown clause 'frequency'
              frequency 3
              ^~~~~~~~~

            """#
        ),
        Golden(
            "notACampaign",
            #"""
            campain a {
              on x
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:1:1: error: expected 'campaign', found 'campain'
            campain a {
            ^~~~~~~
            note: did you mean 'campaign'?

            """#
        ),
        Golden(
            "keywordAsCampaignName",
            #"""
            campaign offer {
              on x
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:1:10: error: keyword 'offer' cannot be a campaign name
            campaign offer {
                     ^~~~~

            """#
        ),
        Golden(
            "keywordAsChannelName",
            #"""
            campaign a {
              on x
              offer "o" via none
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:17: error: keyword 'none' cannot be a channel name (write it as a string: "none")
              offer "o" via none
                            ^~~~

            """#
        ),
        Golden(
            "clauseTwice",
            #"""
            campaign a {
              on x
              when event.a > 1
              when event.b > 1
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:3: error: a second 'when' clause (each clause appears at most once)
              when event.b > 1
              ^~~~
            campaigns/test.lurk:3:3: note: the first 'when' is here
              when event.a > 1
              ^~~~

            """#
        ),
        Golden(
            "secondAction",
            #"""
            campaign a {
              on x
              offer "o"
              escalate "team-lead"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:3: error: a second action: 'escalate' after 'offer' (a campaign has exactly one action)
              escalate "team-lead"
              ^~~~~~~~

            """#
        ),
        Golden(
            "missingOn",
            #"""
            campaign a {
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:1:10: error: campaign 'a' has no 'on' clause
            campaign a {
                     ^

            """#
        ),
        Golden(
            "missingAction",
            #"""
            campaign a {
              on x
              when event.a > 1
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:1:10: error: campaign 'a' has no action ('offer' or 'escalate')
            campaign a {
                     ^

            """#
        ),
        Golden(
            "duplicateNameAcrossFiles",
            files: [
                SourceFile(
                    path: "campaigns/a.lurk",
                    text: #"""
                    campaign a {
                      on x
                      offer "o"
                    }

                    """#
                ),
                SourceFile(
                    path: "campaigns/b.lurk",
                    text: #"""
                    # copied
                    campaign a {
                      on y
                      offer "p"
                    }

                    """#
                ),
            ],
            rendered: #"""
            campaigns/b.lurk:2:10: error: campaign name 'a' used before in campaigns/a.lurk
            campaign a {
                     ^
            campaigns/a.lurk:1:10: note: first used here
            campaign a {
                     ^

            """#
        ),
        Golden(
            "priorityOutOfRange",
            #"""
            campaign a {
              on x
              offer "o"
              priority 1001
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:12: error: priority 1001 is outside 0..1000
              priority 1001
                       ^~~~

            """#
        ),
        Golden(
            "limitOfZero",
            #"""
            campaign a {
              on x
              offer "o"
              limit 0 per customer
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:9: error: 'limit' of 0 allows nothing (expected at least 1)
              limit 0 per customer
                    ^

            """#
        ),
        Golden(
            "budgetOfZero",
            #"""
            campaign a {
              on x
              offer "o"
              budget 0 per day
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:10: error: 'budget' of 0 allows nothing (expected at least 1)
              budget 0 per day
                     ^

            """#
        ),
        Golden(
            "holdoutOfHundred",
            #"""
            campaign a {
              on x
              offer "o"
              holdout 100%
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:11: error: holdout 100% is outside 0% to under 100%
              holdout 100%
                      ^~~~

            """#
        ),
        Golden(
            "holdoutWithThreeDecimals",
            #"""
            campaign a {
              on x
              offer "o"
              holdout 1.234%
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:11: error: holdout 1.234% has more than two decimals
              holdout 1.234%
                      ^~~~~~

            """#
        ),
        Golden(
            "emptyWindow",
            #"""
            campaign a {
              on x
              when count(y, 0s) > 1
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:17: error: window '0s' is empty (a window is more than 0 and at most 366d)
              when count(y, 0s) > 1
                            ^~

            """#
        ),
        Golden(
            "windowOver366Days",
            #"""
            campaign a {
              on x
              when count(y, (400d)) > 1
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:18: error: window '400d' is over 366d
              when count(y, (400d)) > 1
                             ^~~~

            """#
        ),
        Golden(
            "limitWindowOver366Days",
            #"""
            campaign a {
              on x
              offer "o"
              limit 1 per customer per 53w
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:28: error: window '53w' is over 366d
              limit 1 per customer per 53w
                                       ^~~

            """#
        ),
        Golden(
            "activeEndsBeforeStart",
            #"""
            campaign a {
              on x
              offer "o"
              active from 2026-12-01 until 2026-11-01
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:32: error: 'active' ends at 2026-11-01, not after its start 2026-12-01
              active from 2026-12-01 until 2026-11-01
                                           ^~~~~~~~~~

            """#
        ),
        Golden(
            "channelInCapitals",
            #"""
            campaign a {
              on x
              offer "o" via SMS
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:17: error: channel 'SMS' is not usable (a channel is 1 to 64 of a-z, 0-9, '_' and '-')
              offer "o" via SMS
                            ^~~

            """#
        ),
        Golden(
            "channelWithSpace",
            #"""
            campaign a {
              on x
              offer "o" via "call center"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:17: error: channel 'call center' is not usable (a channel is 1 to 64 of a-z, 0-9, '_' and '-')
              offer "o" via "call center"
                            ^~~~~~~~~~~~~

            """#
        ),
        Golden(
            "duplicateKey",
            #"""
            campaign a {
              on x
              offer "o" with { a: 1, a: 2 }
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:26: error: key 'a' appears twice in 'with'
              offer "o" with { a: 1, a: 2 }
                                     ^
            campaigns/test.lurk:3:20: note: the first is here
              offer "o" with { a: 1, a: 2 }
                               ^

            """#
        ),
        Golden(
            "unknownFunctionWithSuggestion",
            #"""
            campaign a {
              on x
              when cuont(y, 1d) > 1
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:8: error: unknown function 'cuont' (did you mean 'count')
              when cuont(y, 1d) > 1
                   ^~~~~

            """#
        ),
        Golden(
            "unknownFunctionWithoutSuggestion",
            #"""
            campaign a {
              on x
              when avg(y, 1d) > 1
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:8: error: unknown function 'avg' (the functions are count, seen, sum, since and last)
              when avg(y, 1d) > 1
                   ^~~

            """#
        ),
        Golden(
            "wrongArgumentCount",
            #"""
            campaign a {
              on x
              when count(y) >= 3
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:8: error: 'count' takes 2 arguments (an event type and a window), found 1
              when count(y) >= 3
                   ^~~~~

            """#
        ),
        Golden(
            "typeExpected",
            #"""
            campaign a {
              on x
              when count(1, 1d) > 1
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:14: error: expected an event type, found '1'
              when count(1, 1d) > 1
                         ^

            """#
        ),
        Golden(
            "fieldExpectedWithHyphen",
            #"""
            campaign a {
              on x
              when sum(order.placed, cart-value, 7d) > 100
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:26: error: expected a field, found 'cart'
              when sum(order.placed, cart-value, 7d) > 100
                                     ^~~~
            note: a name cannot hold '-': write a type, field or channel that has one as a string, "cart-value"

            """#
        ),
        Golden(
            "pathWithOtherRoot",
            #"""
            campaign a {
              on x
              when cart.value > 100
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:8: error: expected 'event' or 'customer' at the start of a path, found 'cart'
              when cart.value > 100
                   ^~~~

            """#
        ),
        Golden(
            "unknownName",
            #"""
            campaign a {
              on x
              when tier == "gold"
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:8: error: unknown name 'tier'
              when tier == "gold"
                   ^~~~
            note: fields are read with a path: event.tier or customer.tier

            """#
        ),
        Golden(
            "comparisonOfCountAndString",
            #"""
            campaign a {
              on x
              when count(y, 30d) == "3"
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:22: error: '==' between a count (number) and a string
              when count(y, 30d) == "3"
                                 ^~

            """#
        ),
        Golden(
            "orderingOfBooleans",
            #"""
            campaign a {
              on x
              when true < event.x and true < false
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:32: error: '<' between a boolean and a boolean
              when true < event.x and true < false
                                           ^

            """#
        ),
        Golden(
            "arithmeticOfDurationAndNumber",
            #"""
            campaign a {
              on x
              when since(y) > 1h + 30
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:22: error: '+' between a duration and a number
              when since(y) > 1h + 30
                                 ^

            """#
        ),
        Golden(
            "negatedString",
            #"""
            campaign a {
              on x
              when -"a" == event.x
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:8: error: '-' cannot negate a string
              when -"a" == event.x
                   ^

            """#
        ),
        Golden(
            "windowNotADuration",
            #"""
            campaign a {
              on x
              when seen(y, 5)
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:16: error: the window of 'seen' must be a duration, found a number
              when seen(y, 5)
                           ^

            """#
        ),
        Golden(
            "nestedTooDeeply",
            #"""
            campaign a {
              on x
              when ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((event.x))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:72: error: expression nested too deeply (at most 64 levels of operators, parentheses, lists and calls)
              when ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((event.x))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
                                                                                   ^

            """#
        ),
        Golden(
            "durationWithoutUnit",
            #"""
            campaign a {
              on x
              wait 60 unless y
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:8: error: expected a duration, found '60'
              wait 60 unless y
                   ^~
            note: a duration has a unit right after the number: 60s, 60m, 60h or 60d

            """#
        ),
        Golden(
            "percentWithoutSign",
            #"""
            campaign a {
              on x
              offer "o"
              holdout 10
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:11: error: expected a percentage, found '10'
              holdout 10
                      ^~
            note: a percentage ends with '%': 10%

            """#
        ),
        Golden(
            "limitPerDay",
            #"""
            campaign a {
              on x
              offer "o"
              limit 1 per customer per day
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:28: error: expected a duration, found 'day'
              limit 1 per customer per day
                                       ^~~
            note: did you mean '1d'?

            """#
        ),
        Golden(
            "escalationWithChannel",
            #"""
            campaign a {
              on x
              escalate "team-lead" via sms
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:24: error: expected a clause or '}', found 'via'
              escalate "team-lead" via sms
                                   ^~~
            note: an escalation goes to the escalations topic; only an offer has a channel

            """#
        ),
        Golden(
            "expectedExpressionAtClause",
            #"""
            campaign a {
              on x
              when
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:3: error: expected an expression, found 'offer'
              offer "o"
              ^~~~~

            """#
        ),
        Golden(
            "unlessNamesOwnTrigger",
            #"""
            campaign a {
              on x
              wait 1h unless order.placed, x
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:32: warning: 'x' in 'unless' is also a trigger of this campaign
              wait 1h unless order.placed, x
                                           ^
            note: each new trigger cancels the pending wait before starting a new one

            """#
        ),
        Golden(
            "activeUntilInThePast",
            #"""
            campaign a {
              on x
              offer "o"
              active until 2020-01-01
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:4:16: warning: 'active until 2020-01-01' is already in the past
              active until 2020-01-01
                           ^~~~~~~~~~

            """#
        ),
        Golden(
            "constantCondition",
            #"""
            campaign a {
              on x
              when 1 < 2
              offer "o"
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:8: warning: this condition is known when the files are loaded (it reads no event, customer or history)
              when 1 < 2
                   ^~~~~

            """#
        ),
        Golden(
            "tabIndentedLine",
            "campaign a {\n\ton x\n\twhen event.x == 'gold'\n\toffer \"o\"\n}\n",
            rendered: "campaigns/test.lurk:3:18: error: unexpected character '''\n\twhen event.x == 'gold'\n\t                ^~~~~~\nnote: a string is written in double quotes: \"gold\"\n"
        ),
        Golden(
            "carriageReturnLineFeed",
            "campaign a {\r\n  on x\r\n  wehn 1\r\n  offer \"o\"\r\n}\r\n",
            rendered: #"""
            campaigns/test.lurk:3:3: error: unknown clause 'wehn' (did you mean 'when')
              wehn 1
              ^~~~

            """#
        ),
        Golden(
            "byteOrderMark",
            "\u{FEFF}campaign a {\n  on x\n  priority 2000\n  offer \"o\"\n}\n",
            rendered: #"""
            campaigns/test.lurk:3:12: error: priority 2000 is outside 0..1000
              priority 2000
                       ^~~~

            """#
        ),
        Golden(
            "everyErrorOfAFile",
            #"""
            campaign a {
              on x
              when cuont(x, 1d) > 1 and foo
              offer "o" via SMS
              priority 1001
            }

            campaign b {
              on y
              when event.x = 1
              offer "o"
              wehn 2
            }

            """#,
            rendered: #"""
            campaigns/test.lurk:3:8: error: unknown function 'cuont' (did you mean 'count')
              when cuont(x, 1d) > 1 and foo
                   ^~~~~
            campaigns/test.lurk:3:29: error: unknown name 'foo'
              when cuont(x, 1d) > 1 and foo
                                        ^~~
            note: fields are read with a path: event.foo or customer.foo
            campaigns/test.lurk:4:17: error: channel 'SMS' is not usable (a channel is 1 to 64 of a-z, 0-9, '_' and '-')
              offer "o" via SMS
                            ^~~
            campaigns/test.lurk:5:12: error: priority 1001 is outside 0..1000
              priority 1001
                       ^~~~
            campaigns/test.lurk:10:16: error: unexpected character '=' (did you mean '==')
              when event.x = 1
                           ^
            campaigns/test.lurk:12:3: error: unknown clause 'wehn' (did you mean 'when')
              wehn 2
              ^~~~

            """#
        ),

    ]
}
