import RuleDSL
import Testing

@testable import Lurker

/// The engine against ``NaiveEvaluator``, a second implementation written from the spec alone, on random
/// campaign sets and event streams: every decision must be the same, in the same order.
///
/// Both emit the decisions of one moment in campaign set order, so the lists are compared exactly. A seed
/// that fails is reported whole (seed, campaigns, inputs, both lists): rerun it with `scenario(seed:)`.
@Suite struct EngineDifferentialTests {
    /// Seeds per run; each takes well under a millisecond in a debug build.
    static let seeds: ClosedRange<UInt64> = 1...3000

    @Test func engineDecidesRandomStreamsLikeTheNaiveEvaluator() {
        var decided = 0
        // Seeds whose lists hold the same decisions in another order, and seeds whose decisions differ.
        var reordered: [UInt64] = []
        var different: [UInt64] = []
        var duplicateIDs: [UInt64] = []
        for seed in Self.seeds {
            let scenario = EngineScenarioGenerator.scenario(seed: seed)
            let engine = scenario.runEngine()
            let expected = scenario.runNaive()
            let actual = engine.map(NaiveDecision.init)
            decided += engine.count
            if EngineScenario.firstDifference(actual, expected) != nil {
                let isReordered = EngineScenario.sameDecisionsInAnyOrder(actual, expected)
                if (isReordered ? reordered : different).isEmpty {
                    let kind = isReordered ? "the same decisions in another order" : "different decisions"
                    Issue.record("seed \(seed): the engine and the naive evaluator give \(kind)\n\(scenario.report(engine: actual, naive: expected))")
                }
                if isReordered { reordered.append(seed) } else { different.append(seed) }
            }
            if Set(engine.map(\.id)).count != engine.count {
                if duplicateIDs.isEmpty {
                    Issue.record("seed \(seed): a decision id is used twice\n\(scenario.report(engine: actual, naive: expected))")
                }
                duplicateIDs.append(seed)
            }
        }
        #expect(different.isEmpty, "\(different.count) of \(Self.seeds.count) seeds differ: \(different.prefix(30))")
        #expect(reordered.isEmpty, "\(reordered.count) of \(Self.seeds.count) seeds reorder: \(reordered.prefix(30))")
        #expect(duplicateIDs.isEmpty, "\(duplicateIDs.count) seeds reuse an id: \(duplicateIDs.prefix(30))")
        // The generator must produce work worth comparing.
        #expect(decided > Self.seeds.count * 5)
    }

    /// The seeds give the indexed matcher work: campaigns whose `when` has an equality or membership test
    /// on an event or profile field, found through a campaign index rather than evaluated for every event.
    @Test func generatedCampaignsAreOftenIndexed() {
        var indexed = 0
        var campaigns = 0
        for seed in Self.seeds {
            for campaign in EngineScenarioGenerator.scenario(seed: seed).campaigns {
                campaigns += 1
                if campaign.activeFrom == nil, campaign.activeUntil == nil,
                    let condition = campaign.condition, CompiledCampaignSet.anchor(of: condition) != nil
                {
                    indexed += 1
                }
            }
        }
        #expect(indexed * 4 > campaigns, "\(indexed) of \(campaigns) generated campaigns are indexed")
    }

    /// Explaining a customer evaluates every campaign for them, indexes or not, and changes no decision.
    @Test func tracingACustomerChangesNoDecision() {
        for seed in UInt64(1)...500 {
            let scenario = EngineScenarioGenerator.scenario(seed: seed)
            let traced = scenario.runEngine(tracing: "c-1").map(NaiveDecision.init)
            #expect(EngineScenario.firstDifference(traced, scenario.runEngine().map(NaiveDecision.init)) == nil, "seed \(seed)")
        }
    }

    @Test func decisionIDsAreTheSameOnASecondRun() {
        for seed in UInt64(1)...200 {
            let scenario = EngineScenarioGenerator.scenario(seed: seed)
            #expect(scenario.runEngine().map(\.id) == scenario.runEngine().map(\.id), "seed \(seed)")
        }
    }

    /// Every outcome occurs in the seeds, so none of the steps of §5.4 goes untested.
    @Test func generatorReachesEveryOutcome() {
        var outcomes: [String: Int] = [:]
        for seed in UInt64(1)...400 {
            for decision in EngineScenarioGenerator.scenario(seed: seed).runNaive() {
                outcomes[decision.outcome, default: 0] += 1
            }
        }
        for outcome in Decision.Outcome.allCases {
            #expect(outcomes[outcome.rawValue, default: 0] > 0, "no \(outcome.rawValue) decision in 400 seeds")
        }
    }
}
