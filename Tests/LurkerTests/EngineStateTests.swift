import Lurker
import RuleDSL
import Testing

/// What the engine holds per customer, through its own counters: only what campaigns can still read, and
/// nothing once every window has passed.
@Suite struct EngineStateTests {
    private static func engine(_ text: String) -> Engine {
        let result = CampaignChecker.check([SourceFile(path: "state.lurk", text: text)], now: 0)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        return Engine(campaigns: CompiledCampaignSet(result.campaigns))
    }

    private static let start: Int64 = 1_795_478_400_000
    private static let hour: Int64 = 3_600_000

    private static func decide(_ engine: Engine, _ customer: String, _ type: String, at time: Int64, offset: Int64 = 0) {
        var decisions: [Decision] = []
        let message = Array(#"{"customer": "\#(customer)", "type": "\#(type)", "ts": \#(time)}"#.utf8)
        let reason = engine.process(
            message, fallbackTime: nil, reference: EventReference(topic: "events", partition: 0, offset: offset),
            into: &decisions)
        #expect(reason == nil)
    }

    static let campaigns = """
        campaign busy { on visit when count(visit, 1h) >= 3 escalate "desk" limit none }
        """

    @Test func eventsNoCampaignReadsHoldNothing() {
        let engine = Self.engine(Self.campaigns)
        for index in 0..<100 { Self.decide(engine, "c-\(index)", "page.view", at: Self.start) }
        #expect(engine.customerCount == 0)
    }

    @Test func customerWithExpiredHistoryIsForgottenBySweep() {
        let engine = Self.engine(Self.campaigns)
        for index in 0..<50 { Self.decide(engine, "c-\(index)", "visit", at: Self.start) }
        #expect(engine.customerCount == 50)
        // The window (1h) and the lateness allowance (1h) have passed for everyone but the newcomer.
        Self.decide(engine, "late-comer", "visit", at: Self.start + 2 * Self.hour)
        #expect(engine.customerCount == 51)
        engine.sweep()
        #expect(engine.customerCount == 1)
    }

    @Test func historyStillInsideTheLatenessAllowanceIsKept() {
        let engine = Self.engine(Self.campaigns)
        Self.decide(engine, "c-1", "visit", at: Self.start)
        Self.decide(engine, "c-2", "visit", at: Self.start + 2 * Self.hour - 1)
        engine.sweep()
        #expect(engine.customerCount == 2)
    }

    @Test func customerIsForgottenAtTheirNextEventWithoutASweep() {
        let engine = Self.engine(#"campaign recent { on visit when seen(visit, 1h) and count(order, 1h) == 0 escalate "desk" limit none }"#)
        Self.decide(engine, "c-1", "order", at: Self.start)
        #expect(engine.customerCount == 1)
        // Only the order is held; at the visit three hours later it has expired and the visit is kept instead.
        Self.decide(engine, "c-1", "visit", at: Self.start + 3 * Self.hour)
        #expect(engine.customerCount == 1)
        Self.decide(engine, "c-2", "visit", at: Self.start + 6 * Self.hour)
        engine.sweep()
        #expect(engine.customerCount == 1)
    }

    @Test func latestEventOfATypeReadBySinceIsKeptForever() {
        let engine = Self.engine(#"campaign back { on visit when since(order) > 30d escalate "desk" limit none }"#)
        Self.decide(engine, "c-1", "order", at: Self.start)
        Self.decide(engine, "c-2", "visit", at: Self.start + 400 * 24 * Self.hour)
        engine.sweep()
        #expect(engine.customerCount == 1)
    }

    @Test func limitCountsExpireWithTheirWindow() {
        let engine = Self.engine(#"campaign once { on visit escalate "desk" limit 1 per customer per 2h }"#)
        Self.decide(engine, "c-1", "visit", at: Self.start)
        #expect(engine.customerCount == 1)
        Self.decide(engine, "c-2", "page", at: Self.start + 3 * Self.hour)
        engine.sweep()
        #expect(engine.customerCount == 0)
    }
}
