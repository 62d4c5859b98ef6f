import RuleDSL
import Testing

@testable import Lurker

@Suite struct EngineTests {
    private static func engine(_ text: String) -> Engine {
        let result = CampaignChecker.check([SourceFile(path: "engine.lurk", text: text)], now: 0)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        return Engine(campaigns: CompiledCampaignSet(result.campaigns))
    }

    private static func decide(_ engine: Engine, _ event: String, offset: Int64 = 0) -> [Decision] {
        var decisions: [Decision] = []
        let reason = engine.process(
            Array(event.utf8), fallbackTime: nil, reference: EventReference(topic: "events", partition: 0, offset: offset),
            into: &decisions)
        #expect(reason == nil)
        return decisions
    }

    private static func setProfile(_ engine: Engine, _ line: String) -> DeadLetterReason? {
        Array(line.utf8).withUnsafeBytes { engine.setProfile($0) }
    }

    private static let probe = #"campaign probe { on probe offer "probe" via web with { tier: customer.tier } limit none }"#

    @Test(arguments: [
        ("not json", DeadLetterReason.notJSON),
        ("[1]", .notObject),
        (#"{"tier": "gold"}"#, .missingCustomer),
        (#"{"customer": null, "tier": "gold"}"#, .missingCustomer),
        (#"{"customer": "c1", "customer": null}"#, .missingCustomer),
        (#"{"customer": ""}"#, .invalidCustomer),
        (#"{"customer": 5}"#, .invalidCustomer),
        (#"{"customer": {"id": "c1"}}"#, .invalidCustomer),
        (#"{"customer": "\#(String(repeating: "z", count: 257))"}"#, .invalidCustomer),
    ])
    func profileLineThatNamesNoCustomerIsRejected(line: String, reason: DeadLetterReason) {
        let engine = Self.engine(Self.probe)
        #expect(Self.setProfile(engine, line) == reason)
        #expect(engine.customerCount == 0)
    }

    @Test func profileLineNamesItsCustomerByItsLastUnescapedCustomerMember() {
        let engine = Self.engine(Self.probe)
        #expect(Self.setProfile(engine, #"{"customer": null, "tier": "gold", "customer": "c\u0031"}"#) == nil)
        #expect(Self.setProfile(engine, #"{"customer": "\#(String(repeating: "z", count: 256))"}"#) == nil)
        #expect(engine.customerCount == 2)
        let decisions = Self.decide(engine, #"{"customer": "c1", "type": "probe", "ts": 0}"#)
        #expect(decisions.map(\.attributes) == [JSONObject(members: [.init(key: "tier", value: .string("gold"))])])
    }

    @Test func campaignsReadingOneNestedPathSeeEachEventsOwnValue() {
        let engine = Self.engine(
            """
            campaign gold { on probe when event.a.tier == "gold" offer "gold" via web with { tier: event.a.tier } limit none }
            campaign any { on probe when event.a.tier in ["gold", "silver"] offer "any" via app with { tier: event.a.tier } limit none }
            """)
        let gold = Self.decide(engine, #"{"customer": "c1", "type": "probe", "ts": 0, "a": {"tier": "gold"}}"#)
        #expect(gold.map(\.campaign) == ["gold", "any"])
        #expect(gold.map { $0.attributes["tier"] } == [.string("gold"), .string("gold")])
        let silver = Self.decide(engine, #"{"customer": "c1", "type": "probe", "ts": 1, "a": {"tier": "silver"}}"#, offset: 1)
        #expect(silver.map(\.campaign) == ["any"])
        #expect(silver.map { $0.attributes["tier"] } == [.string("silver")])
    }
}
