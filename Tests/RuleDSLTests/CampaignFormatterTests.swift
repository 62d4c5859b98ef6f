import Testing

@testable import RuleDSL

/// `lurker fmt`: the canonical layout, comments kept, idempotence, and parse → fmt → parse giving the same tree.
@Suite struct CampaignFormatterTests {
    /// A text and its canonical layout.
    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var formatted: String

        init(_ name: String, _ text: String, formatted: String) {
            self.name = name
            self.text = text
            self.formatted = formatted
        }

        var testDescription: String { name }
    }

    @Test(arguments: examples)
    func writesCanonicalLayout(_ example: Example) {
        let result = CampaignFormatter.format(SourceFile(path: "t.lurk", text: example.text))
        #expect(result.text == example.formatted)
        #expect(result.diagnostics.isEmpty)
    }

    @Test(arguments: examples)
    func formattedExampleRoundTrips(_ example: Example) {
        #expect(Corpus.formattingProblems(SourceFile(path: "t.lurk", text: example.text)) == [])
        #expect(Corpus.formattingProblems(SourceFile(path: "t.lurk", text: example.formatted)) == [])
    }

    @Test(arguments: Corpus.campaignFiles + Corpus.specFiles)
    func corpusFileRoundTrips(path: String) throws {
        #expect(Corpus.formattingProblems(try SourceFile.load(path)) == [])
    }

    @Test func corpusIsFound() {
        #expect(Corpus.campaignFiles.count >= 6)
        #expect(Corpus.specFiles.count >= 14)
    }

    @Test func refusesFileWithSyntaxErrorsAndReportsThem() {
        let text = "campaign a {\n  on x\n  wehn 1\n  offer \"o\" via @\n}\n"
        let result = CampaignFormatter.format(SourceFile(path: "t.lurk", text: text))
        #expect(result.text == nil)
        #expect(result.diagnostics.map { "\($0.range.start) \($0.message)" } == [
            "3:3 unknown clause 'wehn' (did you mean 'when')", "4:17 unexpected character '@'",
        ])
    }

    @Test func formatsFileWithCheckErrorsButNoSyntaxErrors() {
        let text = "campaign a { on x offer \"o\" priority 2000 }"
        let result = CampaignFormatter.format(SourceFile(path: "t.lurk", text: text))
        #expect(result.text == "campaign a {\n  on x\n  offer \"o\"\n  priority 2000\n}\n")
    }

    @Test func keepsParenthesesAsWritten() {
        let text = "campaign a {\n  on x\n  when ((event.a)) and (not event.b) or -(1d) < (event.c * (2))\n  offer \"o\"\n}\n"
        #expect(CampaignFormatter.format(SourceFile(path: "t.lurk", text: text)).text == text)
    }

    static let examples: [Example] = [
        Example(
            "spacing",
            #"""
            campaign   spacing{on x ,"y-z",customer.updated
            when count( x,1d )>=3 and(event.a+1)*2<10 or not event.b is   missing and event.c in[1,2]and - event.d<-1
            offer "o"via sms with{a:1,b : [1,2 ,3],c:-event.x,}
            priority - 5 limit 1 per customer per 1d budget 3 per day holdout 0.5%
            active from 2026-12-01 until 2026-12-02T10:00Z}

            """#,
            formatted: #"""
            campaign spacing {
              on x, "y-z", customer.updated
              when count(x, 1d) >= 3 and (event.a + 1) * 2 < 10
                   or not event.b is missing and event.c in [1, 2] and -event.d < -1
              offer "o" via sms with { a: 1, b: [1, 2, 3], c: -event.x }
              priority -5
              limit 1 per customer per 1d
              budget 3 per day
              holdout 0.5%
              active from 2026-12-01 until 2026-12-02T10:00Z
            }

            """#
        ),
        Example(
            "objects",
            #"""
            campaign short_flat {
              on x
              offer "o" with { a: 1, b: 2, }
            }
            campaign written_expanded {
              on x
              offer "o" with {
                a: 1, b: 2 }
            }
            campaign too_long {
              on x
              offer "a-rather-long-offer-name" via customer.preferred_channel with { first: event.first, second: event.second }
            }
            campaign empty {
              on x
              escalate "e" with {  }
            }

            """#,
            formatted: #"""
            campaign short_flat {
              on x
              offer "o" with { a: 1, b: 2 }
            }

            campaign written_expanded {
              on x
              offer "o" with {
                a: 1,
                b: 2,
              }
            }

            campaign too_long {
              on x
              offer "a-rather-long-offer-name" via customer.preferred_channel with {
                first: event.first,
                second: event.second,
              }
            }

            campaign empty {
              on x
              escalate "e" with {}
            }

            """#
        ),
        Example(
            "conditions",
            #"""
            campaign long_and {
              on x
              when customer.tier == "senator" and event.delay_minutes >= 30 and not (customer.sms_opt_in == true) and event.z
              offer "o"
            }
            campaign long_or_of_ands {
              on x
              when customer.tier == "senator" and event.delay_minutes >= 30 or customer.tier == "gold" and event.delay_minutes >= 60
              offer "o"
            }
            campaign very_long_operand {
              on x
              when (customer.tier == "senator" or customer.tier == "gold" or customer.tier == "silver") and seen(cart.abandoned, 2h) and not seen(order.placed, since(cart.abandoned))
              offer "o"
            }
            campaign short_written_broken {
              on x
              when seen(a, 1d)
                and seen(b, 1d)
              offer "o"
            }

            """#,
            formatted: #"""
            campaign long_and {
              on x
              when customer.tier == "senator"
                   and event.delay_minutes >= 30
                   and not (customer.sms_opt_in == true)
                   and event.z
              offer "o"
            }

            campaign long_or_of_ands {
              on x
              when customer.tier == "senator" and event.delay_minutes >= 30
                   or customer.tier == "gold" and event.delay_minutes >= 60
              offer "o"
            }

            campaign very_long_operand {
              on x
              when (customer.tier == "senator" or customer.tier == "gold" or customer.tier == "silver")
                   and seen(cart.abandoned, 2h)
                   and not seen(order.placed, since(cart.abandoned))
              offer "o"
            }

            campaign short_written_broken {
              on x
              when seen(a, 1d) and seen(b, 1d)
              offer "o"
            }

            """#
        ),
        Example(
            "comments",
            #"""
            # file header

            campaign commented { # trailing after the brace
              # before on
              on x # trailing on
              when seen(y, # inside the call
                1d) and event.a # after a
                # before the second operand
                and event.b
              offer "o" with { a: 1, # after a
                # before b
                b: 2 # after b
              }


              # before the brace, after two blank lines
            } # after the brace
            # right after the campaign
            campaign next { on x offer "o" }   # after a one-line campaign
            # end of file

            """#,
            formatted: #"""
            # file header

            campaign commented { # trailing after the brace
              # before on
              on x # trailing on
              when seen(
                     y, # inside the call
                     1d
                   )
                   and event.a # after a
                   # before the second operand
                   and event.b
              offer "o" with {
                a: 1, # after a
                # before b
                b: 2, # after b
              }

              # before the brace, after two blank lines
            } # after the brace

            # right after the campaign
            campaign next {
              on x
              offer "o"
            } # after a one-line campaign

            # end of file

            """#
        ),
        Example(
            "crlf",
            "\u{FEFF}# crlf and bom\r\ncampaign a {\r\n\ton x\r\n\toffer \"o\"\r\n}\r\n",
            formatted: #"""
            # crlf and bom
            campaign a {
              on x
              offer "o"
            }

            """#
        ),
        Example(
            "empty",
            #"""

            """#,
            formatted: #"""

            """#
        ),
        Example(
            "onlycomment",
            #"""


            # only a comment



            """#,
            formatted: #"""
            # only a comment

            """#
        ),
        Example(
            "emptybody",
            #"""
            campaign   empty_body   {   }
            """#,
            formatted: #"""
            campaign empty_body {
            }

            """#
        ),
    ]
}
