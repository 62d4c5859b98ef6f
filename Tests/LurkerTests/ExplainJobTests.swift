import Foundation
import Lurker
import RuleDSL
import Testing

/// `lurker explain` on the specification's worked scenarios: the whole text, pinned.
@Suite struct ExplainJobTests {
    private static func explain(_ scenario: String, customer: String, until: String? = nil) throws -> String {
        let folder = SpecExamples.scenario(scenario)
        let sources = try SourceFile.loadFolder(folder.appendingPathComponent("campaigns").path)
        let checked = CampaignChecker.check(sources, now: 0)
        #expect(!checked.hasErrors)
        var problems: [Replay.Problem] = []
        let text = try ExplainJob(
            campaigns: CompiledCampaignSet(checked.campaigns, explaining: true), customer: customer,
            input: ReplayInput(events: "events.jsonl", profiles: "profiles.jsonl", until: until.flatMap(TimeLiteral.parse)),
            directory: folder.path
        ).run(skip: { problems.append($0) })
        #expect(problems.isEmpty)
        return text
    }

    @Test func tellsWhichConditionFailedAndWhatItSaw() throws {
        #expect(
            try Self.explain("01-example-day", customer: "c03", until: "2026-11-25T00:00:00Z") == """
                customer "c03": 3 events, 2 decisions

                2026-11-24T07:13:00.000Z  flight.delayed  (events.jsonl:8)
                  senator_delay_voucher   not triggered: event.delay_minutes >= 30 is not true (event.delay_minutes is 29)

                2026-11-24T10:40:00.000Z  cart.abandoned  (events.jsonl:23)
                  abandon_reminder        triggered: wait started, due 2026-11-24T11:40:00.000Z

                2026-11-24T11:05:00.000Z  call.started  (events.jsonl:25)
                  callcenter_cart_rescue  holdout: in the control group (holdout 10%)

                2026-11-24T11:40:00.000Z  waits due
                  abandon_reminder        sent: offered on channel app

                """)
    }

    @Test func tellsTheGovernanceStepOfEveryOutcome() throws {
        let text = try Self.explain("24-arbitration-priority", customer: "n1")
        #expect(
            text.split(separator: "\n", omittingEmptySubsequences: false).prefix(10).joined(separator: "\n") == """
                customer "n1": 3 events, 21 decisions

                2026-11-24T10:00:00.000Z  checkout.started  (events.jsonl:1)
                  basic_upsell     outranked: outranked on channel web by budget_top
                  vip_upsell       outranked: outranked on channel web by budget_top
                  sms_coupon       sent: offered on channel sms
                  loud_banner      no_channel: no usable channel
                  budget_top       sent: offered on channel web
                  low_floor        outranked: outranked on channel sms by sms_coupon
                  desk_escalation  sent: escalated
                """)
        #expect(text.contains("  budget_top       budget_exhausted: budget 1 used up\n"))
        #expect(text.contains("  vip_upsell       capped: limit 1 per customer per 1d reached\n"))
    }

    @Test func saysSoWhenTheCustomerHasNoEvent() throws {
        #expect(
            try Self.explain("01-example-day", customer: "nobody") == """
                customer "nobody": 0 events, 0 decisions
                no event of this customer in events.jsonl

                """)
    }
}
