import Foundation
import Testing

/// `lurker check`, run as the built executable.
@Suite(.enabled(if: LurkerProcess.isBuilt)) struct CheckCommandTests {
    static let clean = """
        campaign cart_rescue {
          on call.started
          when seen(cart.abandoned, 2h)
          offer "free-shipping" via event.channel
        }

        """

    static let broken = """
        campaign broken {
          on x
          wehn 1
          offer "o" via SMS
        }

        """

    /// A folder with the campaign files the tests run on.
    private func makeFolder() throws -> LurkerProcess {
        let lurker = try LurkerProcess()
        try lurker.write("campaigns/a.lurk", Self.clean)
        try lurker.write("campaigns/b.lurk", "# escalations\ncampaign complaints { on complaint.filed escalate \"lead\" }\n")
        try lurker.write("broken.lurk", Self.broken)
        return lurker
    }

    @Test func cleanSetPrintsSummaryAndExitsZero() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        #expect(
            try lurker.run(["check"]) == .init(
                status: 0, standardOutput: "2 campaigns in 2 files, 0 warnings\n", standardError: ""))
    }

    @Test func warningsAreWrittenAndTheSetStillPasses() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        try lurker.write("w.lurk", "campaign w {\n  on x\n  when true\n  offer \"o\"\n}\n")
        #expect(
            try lurker.run(["check", "w.lurk"]) == .init(
                status: 0, standardOutput: "1 campaign in 1 file, 1 warning\n",
                standardError: """
                    w.lurk:3:8: warning: this condition is known when the files are loaded (it reads no event, \
                    customer or history)
                      when true
                           ^~~~

                    """))
    }

    @Test func errorsAreWrittenWithoutColourAndExitOne() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        #expect(
            try lurker.run(["check", "broken.lurk", "campaigns"]) == .init(
                status: 1, standardOutput: "",
                standardError: #"""
                    broken.lurk:3:3: error: unknown clause 'wehn' (did you mean 'when')
                      wehn 1
                      ^~~~
                    broken.lurk:4:17: error: channel 'SMS' is not usable (a channel is 1 to 64 of a-z, 0-9, '_' and '-')
                      offer "o" via SMS
                                    ^~~
                    2 errors, 0 warnings

                    """#))
    }

    @Test func jsonFormatWritesOnlyTheDiagnostics() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        #expect(
            try lurker.run(["check", "--format", "json", "broken.lurk"]) == .init(
                status: 1,
                standardOutput: #"""
                    [
                      {"file": "broken.lurk", "line": 3, "column": 3, "endLine": 3, "endColumn": 7, "severity": "error", "message": "unknown clause 'wehn' (did you mean 'when')", "notes": []},
                      {"file": "broken.lurk", "line": 4, "column": 17, "endLine": 4, "endColumn": 20, "severity": "error", "message": "channel 'SMS' is not usable (a channel is 1 to 64 of a-z, 0-9, '_' and '-')", "notes": []}
                    ]

                    """#, standardError: ""))
        #expect(try lurker.run(["check", "--format", "json"]) == .init(status: 0, standardOutput: "[]\n", standardError: ""))
    }

    @Test func explainsACampaignOfTheSet() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        #expect(
            try lurker.run(["check", "--explain", "complaints"]) == .init(
                status: 0,
                standardOutput: """
                    campaign complaints (campaigns/b.lurk:2:10)

                    needs
                      trigger types   complaint.filed
                      event fields    none
                      profile fields  none
                      history         none

                    evaluation of each complaint.filed event of a customer
                      1. active       always
                      2. when         none (always true)
                      3. wait         none (governed at the event)
                      4. action       escalate "lead"
                      5. limit        1 sent or held out per customer per 1d, the default (capped)
                      6. budget       none
                      7. holdout      none
                      8. outcome      sent to the escalations topic (sent)

                    """, standardError: ""))
    }

    @Test func unknownCampaignToExplainSuggestsTheClosestName() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        #expect(
            try lurker.run(["check", "--explain", "cart_rescu"]) == .init(
                status: 1, standardOutput: "",
                standardError: "error: no campaign named 'cart_rescu' (did you mean 'cart_rescue')\n"))
    }

    @Test func explainNeedsACleanSet() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        let output = try lurker.run(["check", "--explain", "broken", "broken.lurk"])
        #expect(output.status == 1)
        #expect(output.standardOutput == "")
        #expect(output.standardError.hasSuffix("2 errors, 0 warnings\n"))
    }

    @Test func explainCannotBeJSON() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        let output = try lurker.run(["check", "--explain", "complaints", "--format", "json"])
        #expect(output.status == 64)
        #expect(output.standardError.hasPrefix("Error: --explain writes text; it cannot be combined with --format json\n"))
    }

    @Test func unreadableFileIsAnError() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        #expect(
            try lurker.run(["check", "nope.lurk"]) == .init(
                status: 1, standardOutput: "", standardError: "error: cannot read file 'nope.lurk'\n"))
    }

    @Test func helpIsWholeAndStable() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        #expect(
            try lurker.run(["check", "--help"]) == .init(
                status: 0,
                standardOutput: """
                    OVERVIEW: Check campaign files and report every error and warning.

                    Diagnostics go to standard error, compiler style (coloured when standard error
                    is a terminal). A clean set prints "N campaigns in M files, K warnings" on
                    standard output and exits 0; a set with errors prints the error count on
                    standard error and exits 1. With --format json the diagnostics are one JSON
                    array on standard output instead, and nothing else is printed. With --explain
                    NAME a clean set prints what that campaign needs (trigger types, event and
                    profile fields, history per type with its longest window) and the steps of its
                    evaluation in order, instead of the summary.

                    USAGE: lurker check [<paths> ...] [--format <format>] [--explain <name>]

                    ARGUMENTS:
                      <paths>                 Campaign folders (their *.lurk files, in byte order
                                              of name) or .lurk files. (default: campaigns)

                    OPTIONS:
                      --format <format>       How to write diagnostics: text or json. (values:
                                              text, json; default: text)
                      --explain <name>        Explain what a campaign needs and how it is evaluated.
                      -h, --help              Show help information.


                    """, standardError: ""))
    }
}
