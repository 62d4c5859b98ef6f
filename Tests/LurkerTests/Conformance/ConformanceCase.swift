import Foundation
import Lurker
import RuleDSL
import Testing

/// One scenario of the conformance suite: a campaign set, the lines of the replay files, and the decisions
/// the specification says replay prints, derived by reading the specification alone.
///
/// Decisions compare as a multiset of canonical JSON without ids (the order within a moment and the ids
/// are the implementation's, §10); an ordered case compares the sequence, for cases whose moments hold
/// one decision each. Every case also checks that no two decisions share an id.
struct ConformanceCase: Sendable, CustomTestStringConvertible {
    /// What the case shows, with the section of the specification it comes from.
    var name: String
    /// The text of one `.lurk` file.
    var campaigns: String
    /// The lines of the events file.
    var events: [String]
    /// The lines of the profiles file, when there is one.
    var profiles: [String]? = nil
    /// The `--until` TIME (§2), when given.
    var until: String? = nil
    /// The decisions replay must print.
    var expected: [ExpectedDecision]
    /// Whether the decisions must come in exactly the expected order.
    var isOrdered = false
    /// The numbers of the event lines replay must report and skip.
    var skippedEvents: [Int] = []
    /// The numbers of the profile lines replay must report and skip.
    var skippedProfiles: [Int] = []
    /// How many events must count as too late (§3), when the case says.
    var tooLate: Int? = nil

    var testDescription: String { name }

    /// Replays the case and records an issue for every way the output differs from what it expects.
    func verify(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        guard let run = try ConformanceReplay.run(
            campaigns: campaigns, events: events, profiles: profiles, until: until, sourceLocation: sourceLocation)
        else { return }
        let actual = run.lines.map { ExactText(ExpectedDecision.canonical(line: $0) ?? "unreadable: \($0)") }
        let wanted = expected.map { ExactText($0.canonical) }
        if isOrdered {
            #expect(actual == wanted, sourceLocation: sourceLocation)
        } else {
            #expect(actual.sorted() == wanted.sorted(), sourceLocation: sourceLocation)
        }
        #expect(Set(run.ids.map { Array($0.utf8) }).count == run.ids.count, "ids are unique: \(run.ids)", sourceLocation: sourceLocation)
        #expect(run.problems.filter { $0.file.hasSuffix("events.jsonl") }.map(\.line) == skippedEvents,
                "\(run.problems)", sourceLocation: sourceLocation)
        #expect(run.problems.filter { $0.file.hasSuffix("profiles.jsonl") }.map(\.line) == skippedProfiles,
                "\(run.problems)", sourceLocation: sourceLocation)
        #expect(run.summary.skippedEvents == skippedEvents.count, sourceLocation: sourceLocation)
        #expect(run.summary.skippedProfiles == skippedProfiles.count, sourceLocation: sourceLocation)
        if let tooLate {
            #expect(run.summary.statistics.tooLate == tooLate, sourceLocation: sourceLocation)
        }
    }
}
