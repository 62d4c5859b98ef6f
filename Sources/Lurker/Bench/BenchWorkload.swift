/// A seeded, realistic workload for the engine benchmark: a campaign set of any size, customer profiles and
/// a stream of channel events as the bytes a consumer would read.
///
/// The same events serve every campaign count, so rates compare. Campaigns are what a CRM team writes
/// at scale: most are keyed on a product, a page, a category or a shop (`event.sku == "sku-17"`), a few on
/// a customer tier or a channel, and a few have no equality test at all; they read history (`count`,
/// `seen`, `since`, `last`, `sum`), some wait, most have limits, some hold out. With 10,000 campaigns an
/// event has a handful of candidates; with 10, most have none.
public struct BenchWorkload: Sendable {
    /// The campaign set as `.lurk` text.
    public var campaignText: String
    /// One profile per customer: the customer id and the profile's JSON.
    public var profiles: [(customer: String, json: [UInt8])]
    /// The events, each one JSON object as bytes, in stream order.
    public var events: [[UInt8]]
    /// The customer id of each event, for the message key.
    public var eventCustomers: [String]

    /// The event types of the stream and how often each occurs.
    static let eventTypes: [(String, Double)] = [
        ("page.viewed", 30), ("product.viewed", 20), ("app.opened", 10), ("search.performed", 8),
        ("email.opened", 6), ("cart.abandoned", 5), ("order.placed", 5), ("sms.replied", 5),
        ("call.started", 4), ("store.visit", 4), ("complaint.filed", 2), ("flight.delayed", 1),
    ]
    static let skus = 5000
    static let pages = 1000
    static let categories = 200
    static let stores = 300
    static let tiers: [(String, Double)] = [("basic", 60), ("silver", 25), ("gold", 12), ("senator", 3)]
    static let channels = ["web", "app", "sms", "email", "push"]

    /// Generates a workload.
    ///
    /// - Parameters:
    ///   - campaigns: The number of campaigns.
    ///   - customers: The number of customers, each with a profile.
    ///   - events: The number of events.
    ///   - seed: The seed of every draw; the events depend on it and `customers` only, never on `campaigns`.
    public init(campaigns: Int, customers: Int, events: Int, seed: UInt64 = 7) {
        campaignText = Self.campaigns(campaigns, seed: seed)
        var random = SeededRandom(seed: seed, stream: 1)
        profiles = (0..<customers).map { index in
            let customer = "c-\(index)"
            let tier = random.pick(weighted: Self.tiers)
            var json = #"{"customer": "\#(customer)", "tier": "\#(tier)", "lifetime_value": \#(random.int(in: 0...9000))"#
            if random.chance(0.9) { json += #", "preferred_channel": "\#(random.pick(Self.channels))""# }
            json += #", "sms_opt_in": \#(random.chance(0.6)), "churn_risk": \#(Double(random.int(in: 0...99)) / 100)}"#
            return (customer, Array(json.utf8))
        }
        var clock: Int64 = 1_795_478_400_000
        var keys: [String] = []
        keys.reserveCapacity(events)
        self.events = (0..<events).map { _ in
            clock += Int64(random.int(in: 0...20))
            let time = random.chance(0.02) ? clock - Int64(random.int(in: 0...600_000)) : clock
            let customer = random.int(in: 0...max(customers - 1, 0))
            keys.append("c-\(customer)")
            return Array(Self.event(customer: customer, time: time, random: &random).utf8)
        }
        eventCustomers = keys
    }

    /// One event as JSON text.
    private static func event(customer: Int, time: Int64, random: inout SeededRandom) -> String {
        let type = random.pick(weighted: eventTypes)
        let channel: String
        switch type {
        case "call.started": channel = "callcenter"
        case "store.visit": channel = "shop"
        case "sms.replied": channel = "sms"
        case "email.opened": channel = "email"
        case "app.opened": channel = "app"
        default: channel = random.chance(0.6) ? "web" : "app"
        }
        var json = #"{"customer": "c-\#(customer)", "type": "\#(type)", "channel": "\#(channel)", "ts": \#(time)"#
        switch type {
        case "page.viewed":
            let page = random.chance(0.1) ? "/help/returns" : "/p/\(random.int(in: 0...pages - 1))"
            json += #", "page": "\#(page)", "referrer": "https://search.example.com/?q=shoes""#
        case "product.viewed", "cart.abandoned", "order.placed":
            json += #", "sku": "sku-\#(random.int(in: 0...skus - 1))", "category": "cat-\#(random.int(in: 0...categories - 1))""#
            json += #", "value": \#(random.int(in: 1...900)).\#(random.int(in: 0...99)), "items": \#(random.int(in: 1...6))"#
        case "store.visit":
            json += #", "store": "store-\#(random.int(in: 0...stores - 1))""#
        case "complaint.filed":
            json += #", "reason": "\#(random.pick(["late delivery", "damaged", "billing", "staff"]))", "order_value": \#(random.int(in: 5...300))"#
        case "flight.delayed":
            json += #", "flight": "LH\#(random.int(in: 100...999))", "delay_minutes": \#(random.int(in: 0...240))"#
        case "search.performed":
            json += #", "query": "running shoes size \#(random.int(in: 36...47))", "results": \#(random.int(in: 0...200))"#
        default:
            json += #", "os": "\#(random.pick(["ios", "android"]))", "app_version": "5.\#(random.int(in: 0...9)).\#(random.int(in: 0...20))""#
        }
        return json + "}"
    }

    /// `count` campaigns as `.lurk` text.
    static func campaigns(_ count: Int, seed: UInt64) -> String {
        var random = SeededRandom(seed: seed, stream: 2)
        var text = ""
        for index in 0..<count {
            text += campaign(index, random: &random) + "\n"
        }
        return text
    }

    /// Campaign `index`: the first ten are the broad ones a small team starts with; beyond them most are keyed
    /// on a product, page, category or shop.
    private static func campaign(_ index: Int, random: inout SeededRandom) -> String {
        let name = "campaign c\(index)"
        let template = index < 10 ? index : [10, 10, 10, 10, 11, 11, 12, 12, 13, 14, 15, 16][index % 12]
        let priority = random.int(in: 0...100)
        switch template {
        case 0:
            return "\(name) { on call.started when customer.tier == \"gold\" and seen(complaint.filed, 7d) offer \"apology-\(index)\" via event.channel priority \(priority) }"
        case 1:
            return "\(name) { on cart.abandoned when event.value > 100 wait 1h unless order.placed offer \"reminder-\(index)\" via customer.preferred_channel with { value: event.value } holdout 5% }"
        case 2:
            return "\(name) { on complaint.filed when count(complaint.filed, 30d) >= 3 escalate \"team-lead\" with { complaints: count(complaint.filed, 30d) } limit 1 per customer per 30d }"
        case 3:
            return "\(name) { on flight.delayed when customer.tier == \"senator\" and event.delay_minutes >= 30 offer \"lounge-\(index)\" via sms with { minutes: event.delay_minutes } priority 90 }"
        case 4:
            return "\(name) { on page.viewed when event.page contains \"/help\" and seen(complaint.filed, 14d) offer \"chat-\(index)\" via event.channel priority \(priority) }"
        case 5:
            return "\(name) { on store.visit when seen(cart.abandoned, 1d) and not seen(order.placed, since(cart.abandoned)) offer \"reserve-\(index)\" via event.channel with { value: last(cart.abandoned, value) } }"
        case 6:
            return "\(name) { on app.opened when customer.churn_risk >= 0.7 and customer.lifetime_value >= 300 offer \"winback-\(index)\" via event.channel holdout 20% budget 100 per day }"
        case 7:
            return "\(name) { on order.placed when sum(order.placed, value, 30d) > 2000 and customer.tier in [\"basic\", \"silver\"] escalate \"upgrade-desk\" limit 1 per customer per 30d }"
        case 8:
            return "\(name) { on product.viewed when event.channel == \"app\" and count(product.viewed, 1h) >= 5 offer \"help-\(index)\" via app }"
        case 9:
            return "\(name) { on search.performed when event.results == 0 offer \"no-results-\(index)\" via event.channel limit 2 per customer per 1d }"
        case 10:
            let sku = random.int(in: 0...skus - 1)
            return "\(name) { on product.viewed when event.sku == \"sku-\(sku)\" and customer.tier in [\"gold\", \"senator\"] offer \"sku-\(sku)-\(index)\" via event.channel priority \(priority) }"
        case 11:
            let page = random.int(in: 0...pages - 1)
            return "\(name) { on page.viewed when event.page == \"/p/\(page)\" and count(page.viewed, 1h) >= 3 offer \"page-\(page)-\(index)\" via web priority \(priority) }"
        case 12:
            let category = random.int(in: 0...categories - 1)
            return "\(name) { on cart.abandoned when event.category == \"cat-\(category)\" and event.value > 400 and customer.tier != \"basic\" wait 2h unless order.placed offer \"cat-\(category)-\(index)\" via customer.preferred_channel with { sku: event.sku } }"
        case 13:
            let store = random.int(in: 0...stores - 1)
            return "\(name) { on store.visit when event.store == \"store-\(store)\" and customer.lifetime_value > 8000 escalate \"host-\(store)\" with { tier: customer.tier } }"
        case 14:
            let sku = random.int(in: 0...skus - 1)
            return "\(name) { on order.placed when event.sku in [\"sku-\(sku)\", \"sku-\((sku + 1) % skus)\"] offer \"cross-\(index)\" via email with { items: event.items } }"
        case 15:
            let category = random.int(in: 0...categories - 1)
            return "\(name) { on product.viewed when event.category == \"cat-\(category)\" and seen(cart.abandoned, 1d) and count(product.viewed, 10m) >= 3 offer \"cat-view-\(index)\" via event.channel priority \(priority) }"
        default:
            let category = random.int(in: 0...categories - 1)
            return "\(name) { on order.placed when event.category == \"cat-\(category)\" and event.value >= 850 escalate \"big-order\" with { value: event.value } }"
        }
    }
}
