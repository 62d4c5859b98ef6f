import RuleDSL
import Testing

@Suite struct ValueTests {
    @Test func objectSubscriptReadsLastMemberOfKey() {
        let object = JSONObject(members: [.init(key: "a", value: .number(1)), .init(key: "a", value: .number(2))])
        #expect(object["a"] == .number(2))
        #expect(object["b"] == .missing)
    }
}
