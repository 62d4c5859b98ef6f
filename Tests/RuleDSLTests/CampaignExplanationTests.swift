import Testing

@testable import RuleDSL

/// `lurker check --explain`: what a campaign needs and the steps of its evaluation.
@Suite struct CampaignExplanationTests {
    static let source = SourceFile(
        path: "campaigns/set.lurk",
        text: #"""
            campaign cart_rescue {
              description "Free shipping for callers with an abandoned cart"
              on call.started, "web-chat.started"
              when seen(cart.abandoned, 2h) and not seen(order.placed, since(cart.abandoned))
                   and count(cart.abandoned, 30d) < 3 and customer.tier in ["gold", "senator"]
                   and sum(order.placed, "total value", 90d) > 100 and customer.id is present
              wait 15m unless order.placed, call.ended
              offer "free-shipping" via event.channel with {
                cart_value: last(cart.abandoned, cart.value),
                minutes: since(cart.abandoned) / 1m,
              }
              priority 50
              limit 2 per customer
              budget 250 per day
              holdout 12.5%
              active from 2026-11-23 until 2026-12-01T12:00+01:00
            }

            campaign complaint_escalation {
              on complaint.filed
              when count(complaint.filed, 30d) >= 3
              escalate "team-lead" with { complaints: count(complaint.filed, 30d), reason: event.reason }
              limit none
              budget 10
            }

            """#)

    private func explanation(_ name: String) throws -> CampaignExplanation {
        let result = CampaignChecker.check([Self.source], now: 0)
        return CampaignExplanation(try #require(result.campaigns.first { $0.name == name }))
    }

    @Test func explainsOfferWithEveryClause() throws {
        #expect(
            try explanation("cart_rescue").text == #"""
                campaign cart_rescue (campaigns/set.lurk:1:10)
                  "Free shipping for callers with an abandoned cart"

                needs
                  trigger types   call.started, "web-chat.started"
                  event fields    event.channel
                  profile fields  customer.tier, customer.id (the customer's id)
                  history         cart.abandoned: events of the last 30d; the latest event (since, last); fields cart.value
                                  order.placed: events of the last 366d (a computed window counts as 366d); fields "total value"

                evaluation of each call.started or "web-chat.started" event of a customer
                  1. active       from 2026-11-23T00:00:00Z until 2026-12-01T11:00:00Z (excluded), at the event's time
                  2. when         seen(cart.abandoned, 2h)
                                  and not seen(order.placed, since(cart.abandoned))
                                  and count(cart.abandoned, 30d) < 3
                                  and customer.tier in ["gold", "senator"]
                                  and sum(order.placed, "total value", 90d) > 100
                                  and customer.id is present
                  3. wait         15m, then governed at the due time, unless order.placed or call.ended comes first (cancelled)
                  4. action       offer "free-shipping" via event.channel with
                                    cart_value: last(cart.abandoned, cart.value)
                                    minutes: since(cart.abandoned) / 1m
                  5. limit        2 sent or held out per customer ever (capped)
                  6. budget       250 sent per UTC day (budget_exhausted)
                  7. arbitration  priority 50 against the other offers of the moment on the same channel, ties by campaign name (outranked)
                  8. holdout      12.5% of customers, fixed per customer (holdout)
                  9. outcome      sent to offers.<channel> when event.channel gives a usable channel (sent), else no_channel

                """#)
    }

    @Test func explainsEscalationWithDefaultsLeftOut() throws {
        #expect(
            try explanation("complaint_escalation").text == #"""
                campaign complaint_escalation (campaigns/set.lurk:19:10)

                needs
                  trigger types   complaint.filed
                  event fields    event.reason
                  profile fields  none
                  history         complaint.filed: events of the last 30d

                evaluation of each complaint.filed event of a customer
                  1. active       always
                  2. when         count(complaint.filed, 30d) >= 3
                  3. wait         none (governed at the event)
                  4. action       escalate "team-lead" with
                                    complaints: count(complaint.filed, 30d)
                                    reason: event.reason
                  5. limit        none
                  6. budget       10 sent in all (budget_exhausted)
                  7. holdout      none
                  8. outcome      sent to the escalations topic (sent)

                """#)
    }

    @Test func collectsHistoryPerTypeWithLongestWindowAndLatestReaders() throws {
        let history = try explanation("cart_rescue").history
        #expect(history.map(\.type) == ["cart.abandoned", "order.placed"])
        #expect(history.map(\.windowMilliseconds) == [30 * 86_400_000, 366 * 86_400_000])
        #expect(history.map(\.hasComputedWindow) == [false, true])
        #expect(history.map(\.latestReaders) == [["since", "last"], []])
        #expect(history.map(\.fields) == [[["cart", "value"]], [["total value"]]])
    }

    @Test func collectsFieldsInTheOrderFirstRead() throws {
        let explanation = try explanation("cart_rescue")
        #expect(explanation.eventFields.map(\.description) == ["event.channel"])
        #expect(explanation.profileFields.map(\.description) == ["customer.tier", "customer.id"])
    }

    @Test func explainsDefaultLimitAndNamedChannel() throws {
        let text = "campaign a {\n  on x\n  offer \"o\" via \"call-center\"\n  holdout 0.07%\n}\n"
        let result = CampaignChecker.check([SourceFile(path: "a.lurk", text: text)], now: 0)
        let campaign = try #require(result.campaigns.first)
        let lines = CampaignExplanation(campaign).text.split(separator: "\n").map(String.init)
        #expect(lines.contains("  4. action       offer \"o\" via \"call-center\""))
        #expect(lines.contains("  5. limit        1 sent or held out per customer per 1d, the default (capped)"))
        #expect(lines.contains("  8. holdout      0.07% of customers, fixed per customer (holdout)"))
        #expect(lines.contains("  9. outcome      sent to offers.call-center (sent)"))
    }
}
