import Foundation
import RuleDSL
import Testing

@testable import Lurker

/// Responses on the responses topic: read, checked against the decisions they answer, counted per campaign
/// as treated or control, or dead-lettered with the precise reason.
@Suite struct ResponsesTests {
    @Test(arguments: [
        (nil, ResponseRejection.notJSON),
        ("", .notJSON),
        ("{\"id\": ", .notJSON),
        ("[1]", .notObject),
        ("\"text\"", .notObject),
        (#"{"campaign": "voucher", "outcome": "accepted"}"#, .missingID),
        (#"{"id": null, "campaign": "voucher", "outcome": "accepted"}"#, .missingID),
        (#"{"id": 17, "campaign": "voucher", "outcome": "accepted"}"#, .invalidID),
        (#"{"id": "123", "campaign": "voucher", "outcome": "accepted"}"#, .invalidID),
        (#"{"id": "0123456789abcdeg", "campaign": "voucher", "outcome": "accepted"}"#, .invalidID),
        (#"{"id": "+123456789abcdef", "campaign": "voucher", "outcome": "accepted"}"#, .invalidID),
        (#"{"id": "0123456789abcdef", "outcome": "accepted"}"#, .missingCampaign),
        (#"{"id": "0123456789abcdef", "campaign": "", "outcome": "accepted"}"#, .invalidCampaign),
        (#"{"id": "0123456789abcdef", "campaign": ["voucher"], "outcome": "accepted"}"#, .invalidCampaign),
        (#"{"id": "0123456789abcdef", "campaign": "voucher"}"#, .missingOutcome),
        (#"{"id": "0123456789abcdef", "campaign": "voucher", "outcome": "Accepted"}"#, .invalidOutcome),
        (#"{"id": "0123456789abcdef", "campaign": "voucher", "outcome": true}"#, .invalidOutcome),
    ] as [(String?, ResponseRejection)])
    func malformedResponseIsRejectedWithItsReason(_ text: String?, _ reason: ResponseRejection) {
        #expect(throws: reason) { try ChannelResponse(text.map { Array($0.utf8) }) }
    }

    @Test func responseReadsIdCampaignAndOutcomeIgnoringOtherMembers() throws {
        let response = try ChannelResponse(Array(#"{"id": "0123456789ABCDEF", "campaign": "voucher", "outcome": "declined", "at": 1}"#.utf8))
        #expect(response == ChannelResponse(id: 0x0123_4567_89ab_cdef, campaign: "voucher", outcome: .declined))
        #expect(throws: ResponseRejection.tooLarge) {
            try ChannelResponse(Array(repeating: UInt8(ascii: " "), count: ChannelResponse.maximumSize + 1))
        }
    }

    static func decision(_ id: UInt64, _ campaign: String, _ outcome: Decision.Outcome) -> Decision {
        Decision(
            idHash: id, campaign: campaign, campaignIndex: 0, customer: "c", action: .offer("o"), channel: "web",
            outcome: outcome, time: 0, triggerType: "t", triggerTime: 0, attributes: JSONObject())
    }

    @Test func memoryTellsTreatedFromControlCountsOnceAndForgetsTheOldest() throws {
        var memory = DecisionMemory(capacity: 3)
        memory.remember(Self.decision(1, "a", .sent))
        memory.remember(Self.decision(2, "a", .holdout))
        memory.remember(Self.decision(3, "a", .capped))
        memory.remember(Self.decision(4, "b", .sent))
        #expect(memory.count == 3)
        #expect(try memory.answer(ChannelResponse(id: 1, campaign: "a", outcome: .accepted)) == false)
        #expect(try memory.answer(ChannelResponse(id: 2, campaign: "a", outcome: .accepted)) == true)
        #expect(throws: ResponseRejection.duplicate) { try memory.answer(ChannelResponse(id: 1, campaign: "a", outcome: .declined)) }
        #expect(throws: ResponseRejection.unknownDecision) { try memory.answer(ChannelResponse(id: 3, campaign: "a", outcome: .accepted)) }
        #expect(throws: ResponseRejection.campaignMismatch) { try memory.answer(ChannelResponse(id: 4, campaign: "a", outcome: .accepted)) }
        memory.remember(Self.decision(5, "b", .sent))
        #expect(memory.count == 3)
        #expect(throws: ResponseRejection.unknownDecision) { try memory.answer(ChannelResponse(id: 1, campaign: "a", outcome: .accepted)) }
        #expect(try memory.answer(ChannelResponse(id: 5, campaign: "b", outcome: .accepted)) == false)
    }
}
