import Foundation
import Testing

/// `lurker fmt`, run as the built executable.
@Suite(.enabled(if: LurkerProcess.isBuilt)) struct FormatCommandTests {
    static let formatted = """
        # escalations
        campaign complaints {
          on complaint.filed
          when count(complaint.filed, 30d) >= 3 # the third
          escalate "team-lead"
        }

        """

    static let unformatted = """
        # escalations
        campaign   complaints {on complaint.filed
        when count(complaint.filed,30d)>=3 # the third
        escalate "team-lead"}

        """

    /// A folder with the campaign files the tests run on.
    private func makeFolder() throws -> LurkerProcess {
        let lurker = try LurkerProcess()
        try lurker.write("campaigns/a.lurk", Self.formatted)
        try lurker.write("campaigns/b.lurk", Self.unformatted)
        try lurker.write("campaigns/notes.txt", "not a campaign file")
        return lurker
    }

    @Test func checkListsFilesThatWouldChangeAndChangesNothing() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        #expect(
            try lurker.run(["fmt", "--check"]) == .init(
                status: 1, standardOutput: "campaigns/b.lurk\n", standardError: "1 of 2 files to reformat\n"))
        #expect(try lurker.read("campaigns/b.lurk") == Self.unformatted)
    }

    @Test func rewritesFilesThatAreNotFormattedThenChecksClean() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        #expect(
            try lurker.run(["fmt", "campaigns"]) == .init(
                status: 0, standardOutput: "campaigns/b.lurk\n", standardError: "1 of 2 files reformatted\n"))
        #expect(try lurker.read("campaigns/b.lurk") == Self.formatted)
        #expect(try lurker.read("campaigns/notes.txt") == "not a campaign file")
        #expect(
            try lurker.run(["fmt", "--check", "campaigns/a.lurk", "campaigns/b.lurk"]) == .init(
                status: 0, standardOutput: "", standardError: "0 of 2 files to reformat\n"))
    }

    @Test func leavesFileWithSyntaxErrorsAsItIs() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        let broken = "campaign   broken {\n  on x\n  wehn 1\n}\n"
        try lurker.write("broken.lurk", broken)
        #expect(
            try lurker.run(["fmt", "broken.lurk", "campaigns/b.lurk"]) == .init(
                status: 1, standardOutput: "campaigns/b.lurk\n",
                standardError: """
                    broken.lurk:3:3: error: unknown clause 'wehn' (did you mean 'when')
                      wehn 1
                      ^~~~
                    1 of 2 files reformatted, 1 left as it is (syntax errors)

                    """))
        #expect(try lurker.read("broken.lurk") == broken)
    }

    @Test func helpIsWholeAndStable() throws {
        let lurker = try makeFolder()
        defer { lurker.remove() }
        #expect(
            try lurker.run(["fmt", "--help"]) == .init(
                status: 0,
                standardOutput: """
                    OVERVIEW: Rewrite campaign files in the canonical layout.

                    Every comment is kept where it was, and formatting twice changes nothing more.
                    Prints the path of each file it rewrites on standard output, and a summary on
                    standard error. A file with syntax errors is left as it is: its errors go to
                    standard error and the exit status is 1. With --check nothing is written: the
                    files that would change are listed and the exit status is 1 if there are any.

                    USAGE: lurker fmt [--check] [<paths> ...]

                    ARGUMENTS:
                      <paths>                 Campaign folders (their *.lurk files) or .lurk files.
                                              (default: campaigns)

                    OPTIONS:
                      --check                 Change nothing; list the files that are not formatted
                                              and exit 1 if there are any.
                      -h, --help              Show help information.


                    """, standardError: ""))
    }
}
