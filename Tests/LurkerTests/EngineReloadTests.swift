import Lurker
import RuleDSL
import Testing

/// ``Engine/replace(campaigns:)``: a new campaign set between two events keeps what customers have.
@Suite struct EngineReloadTests {
    private static func set(_ text: String) -> CompiledCampaignSet {
        let result = CampaignChecker.check([SourceFile(path: "reload.lurk", text: text)], now: 0)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        return CompiledCampaignSet(result.campaigns)
    }

    private static func event(_ type: String, at minute: Int, customer: String = "c1") -> [UInt8] {
        Array(#"{"customer": "\#(customer)", "type": "\#(type)", "channel": "web", "ts": \#(1_795_478_400_000 + Int64(minute) * 60_000)}"#.utf8)
    }

    private static func decide(_ engine: Engine, _ message: [UInt8], offset: Int64) -> [String] {
        var decisions: [Decision] = []
        engine.process(message, fallbackTime: nil, reference: EventReference(topic: "events", partition: 0, offset: offset), into: &decisions)
        return decisions.map { "\($0.campaign) \($0.outcome.rawValue) \($0.triggerType)" }
    }

    static let before = """
        campaign banner { on visit offer "banner" via web }
        campaign reminder { on cart wait 1h unless order offer "reminder" via web limit none }
        campaign retired { on visit escalate "desk" limit none }
        campaign busy { on visit when count(visit, 1d) >= 2 offer "busy" via app limit none }
        """

    static let after = """
        campaign banner { on visit when event.channel == "web" offer "banner" via web }
        campaign reminder { on cart wait 1h unless order offer "reminder" via web limit none }
        campaign busy { on visit when count(visit, 1d) >= 2 offer "busy" via app limit none }
        campaign fresh { on visit escalate "fresh-desk" limit none }
        """

    @Test func keptCampaignsKeepLimitsWaitsAndHistory() {
        let engine = Engine(campaigns: Self.set(Self.before))
        #expect(Self.decide(engine, Self.event("visit", at: 0), offset: 0) == ["banner sent visit", "retired sent visit"])
        #expect(Self.decide(engine, Self.event("cart", at: 1), offset: 1) == [])
        let change = engine.replace(campaigns: Self.set(Self.after))
        #expect(change.added == ["fresh"])
        #expect(change.removed == ["retired"])
        #expect(change.modified == ["banner"])
        #expect(engine.pendingWaitCount == 1)
        // banner is capped by the count made before the reload; busy counts the visit made before it.
        #expect(
            Self.decide(engine, Self.event("visit", at: 2), offset: 2)
                == ["banner capped visit", "busy sent visit", "fresh sent visit"])
        // The wait started before the reload fires at its due time.
        #expect(Self.decide(engine, Self.event("page", at: 61), offset: 3) == ["reminder sent cart"])
        #expect(engine.pendingWaitCount == 0)
        // Counters continue: banner saw two visits (one before the reload); fresh, new, only the one after it.
        let statistics = engine.statistics
        let names = engine.campaigns.campaignNames
        let evaluated = Dictionary(uniqueKeysWithValues: zip(names, statistics.campaigns.map(\.evaluated)))
        #expect(evaluated == ["banner": 2, "reminder": 1, "busy": 2, "fresh": 1])
    }

    @Test func removedCampaignsLoseTheirWaits() {
        let engine = Engine(campaigns: Self.set(Self.before))
        #expect(Self.decide(engine, Self.event("cart", at: 0), offset: 0) == [])
        let change = engine.replace(campaigns: Self.set(#"campaign other { on visit offer "o" via web }"#))
        #expect(change.removed == ["banner", "reminder", "retired", "busy"])
        #expect(engine.pendingWaitCount == 0)
        #expect(engine.customerCount == 0)
        #expect(Self.decide(engine, Self.event("visit", at: 90), offset: 1) == ["other sent visit"])
    }

    @Test func unchangedSetReportsNoChangeWhereverCampaignsMove() {
        let engine = Engine(campaigns: Self.set(Self.before))
        let moved = "\n\n# moved down\n" + Self.before
        #expect(engine.replace(campaigns: Self.set(moved)).isEmpty)
    }
}
