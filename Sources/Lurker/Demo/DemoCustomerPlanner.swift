/// Plans one customer of the demo world: the profile they start with and what they do during the
/// simulated day, across web, app, callcenter, shop and SMS.
///
/// Each customer draws from a random stream of their own (``SeededRandom/init(seed:stream:)``), so a
/// customer behaves the same whatever the number of customers. The behaviour is tuned so that the
/// stories of `campaigns/` happen at a plausible rate: carts abandoned online and a call within two
/// hours, some with an order in between; orders within and after the reminder hour; shop visits
/// after online carts; senators and gold travellers with delayed flights; one-off complainers and
/// repeat complainers whose earlier complaints of the last 90 days come before the day.
struct DemoCustomerPlanner {
    /// The records planned so far, in the order they were planned (not in time order).
    private(set) var records: [DemoPlannedRecord] = []
    /// The profile the customer starts the stream with.
    let customer: DemoCustomer

    private var random: SeededRandom
    private let index: Int
    private let start: Int64
    private let end: Int64
    private let historyStart: Int64
    private let appOS: String
    /// The lifetime value as orders are planned, for the tier upgrade rule.
    private var plannedLifetimeValue: Int64
    private var hasChangedSMSConsent = false
    private var hasChangedPreferredChannel = false
    private var hasChangedTier = false

    /// How far before the day the history of repeat complainers reaches.
    static let historyLength: Int64 = 90 * DemoTime.day
    /// One in how many events is followed by a malformed copy.
    static let malformedOneIn = 2000

    /// Creates the planner of customer number `index` (the id is `c-<index + 1>`), drawing the profile.
    init(index: Int, seed: UInt64, start: Int64) {
        var random = SeededRandom(seed: seed, stream: UInt64(index))
        self.customer = Self.makeCustomer(id: "c-\(index + 1)", start: start, random: &random)
        self.appOS = random.chance(0.55) ? "android" : "ios"
        self.random = random
        self.index = index
        self.start = start
        self.end = start + DemoTime.day
        self.historyStart = start - Self.historyLength
        self.plannedLifetimeValue = customer.lifetimeValueCents
    }

    // MARK: - The day

    private enum Journey: CaseIterable {
        case browse, purchase, abandonedCart, call, shopVisit, complaint, smsReply
    }

    /// Plans the customer's day: a few journeys at times that follow the daily activity curve, a
    /// flight for some, and for repeat complainers their earlier complaints.
    mutating func planDay() {
        let meanJourneys: Double
        let flightChance: Double
        switch customer.tier {
        case "senator": (meanJourneys, flightChance) = (3.6, 0.5)
        case "gold": (meanJourneys, flightChance) = (3.2, 0.15)
        case "silver": (meanJourneys, flightChance) = (2.6, 0.06)
        default: (meanJourneys, flightChance) = (2.0, 0.03)
        }
        for _ in 0..<8 where random.chance(meanJourneys / 8) {
            let time = start + timeOfDay()
            let journey = random.pick(weighted: [
                (Journey.browse, 42), (.purchase, 14), (.abandonedCart, 20), (.call, 7),
                (.shopVisit, 9), (.complaint, 2.5), (.smsReply, customer.smsOptIn ? 4 : 0),
            ])
            switch journey {
            case .browse:
                _ = session(at: time, channel: onlineChannel(), pages: random.int(in: 1...8))
            case .purchase:
                let channel = onlineChannel()
                let browsed = session(at: time, channel: channel, pages: random.int(in: 2...8))
                order(at: browsed + random.int64(in: 30 * DemoTime.second...5 * DemoTime.minute), channel: channel)
            case .abandonedCart:
                abandonedCart(at: time)
            case .call:
                callStarted(at: time, reason: random.pick(["delivery", "billing", "account", "product-question", "other"]))
            case .shopVisit:
                shopVisit(at: time)
            case .complaint:
                complaint(at: time, isToday: true)
            case .smsReply:
                smsReply(at: time)
            }
        }
        if random.chance(flightChance) { flight() }
        if random.chance(0.04) { repeatComplaints() }
    }

    /// Pages of a web or app session; `/product/…` pages get a random product number.
    private static let pages: [(String, Double)] = [
        ("/", 12), ("/search?q=winter+boots", 5), ("/search?q=noise-cancelling+headphones", 4),
        ("/deals", 6), ("/category/shoes", 5), ("/category/electronics", 5), ("/category/travel", 3),
        ("/product/", 35), ("/cart", 8), ("/account", 5), ("/help", 3), ("/help/delivery", 3),
        ("/help/returns", 2),
    ]

    /// An online session: `app.opened` first in the app, then page views; returns when it ended.
    private mutating func session(at time: Int64, channel: String, pages: Int, firstPage: String? = nil) -> Int64 {
        var now = time
        if channel == "app" {
            emit(now, "app.opened", channel: "app", [("os", .string(appOS)), ("app_version", .string(appOS == "ios" ? "7.4.1" : "7.4.0"))])
            if !hasChangedPreferredChannel, customer.preferredChannel != "app", random.chance(0.02) {
                hasChangedPreferredChannel = true
                change(now + random.int64(in: 30 * DemoTime.second...5 * DemoTime.minute), .preferredChannel("app"))
            }
            now += random.int64(in: 2 * DemoTime.second...20 * DemoTime.second)
        }
        for position in 0..<pages {
            var page = random.pick(weighted: Self.pages)
            if position == 0, let firstPage { page = firstPage }
            if page == "/product/" { page += "p-\(random.int(in: 1000...9999))" }
            emit(now, "page.viewed", channel: channel, [("page", .string(page))])
            now += random.int64(in: 5 * DemoTime.second...3 * DemoTime.minute)
        }
        return now
    }

    /// Browses, fills a cart, leaves it, and then calls, orders, walks into a shop or does nothing.
    private mutating func abandonedCart(at time: Int64) {
        let channel = onlineChannel()
        let browsed = session(at: time, channel: channel, pages: random.int(in: 2...7))
        let abandoned = browsed + random.int64(in: 20 * DemoTime.second...4 * DemoTime.minute)
        let cartValue = valueCents(small: 0.45, medium: 0.40, large: 0.15)
        emit(abandoned, "cart.abandoned", channel: channel, [
            ("cart", .string(reference("k"))), ("cart_value", .hundredths(cartValue)),
            ("items", .integer(Int64(random.int(in: 1...6)))),
        ])
        switch random.index(weights: [0.30, 0.25, 0.10, 0.08, 0.27]) {
        case 0:
            // The callcenter story: a call within two hours; a fifth of them ordered before calling.
            let call = abandoned + random.int64(in: 5 * DemoTime.minute...110 * DemoTime.minute)
            if random.chance(0.2) {
                order(at: random.int64(in: abandoned + 3 * DemoTime.minute...call - DemoTime.minute), channel: channel, cents: cartValue)
            }
            callStarted(at: call, reason: "order-question")
            if random.chance(0.35) {
                order(at: call + random.int64(in: 4 * DemoTime.minute...15 * DemoTime.minute), channel: "callcenter", cents: cartValue)
            }
        case 1:
            order(at: abandoned + random.int64(in: 5 * DemoTime.minute...55 * DemoTime.minute), channel: channel, cents: cartValue)
        case 2:
            order(at: abandoned + random.int64(in: 65 * DemoTime.minute...3 * DemoTime.hour), channel: channel, cents: cartValue)
        case 3:
            shopVisit(at: abandoned + random.int64(in: DemoTime.hour...6 * DemoTime.hour), orderChance: 0.4, cents: cartValue)
        default:
            break
        }
    }

    /// An order; the CRM books its value into the lifetime value shortly after.
    private mutating func order(at time: Int64, channel: String, cents: Int64? = nil) {
        let value = cents ?? valueCents(small: 0.55, medium: 0.33, large: 0.12)
        emit(time, "order.placed", channel: channel, [
            ("order", .string(reference("o"))), ("order_value", .hundredths(value)),
            ("items", .integer(Int64(random.int(in: 1...6)))), ("currency", .string("EUR")),
        ])
        change(time + random.int64(in: 20 * DemoTime.second...3 * DemoTime.minute), .addLifetimeValue(cents: value))
        plannedLifetimeValue += value
        if customer.tier == "silver", !hasChangedTier, plannedLifetimeValue >= 3_000_00, value >= 300_00, random.chance(0.5) {
            hasChangedTier = true
            change(time + random.int64(in: 5 * DemoTime.minute...15 * DemoTime.minute), .tier("gold"))
        }
    }

    /// A call to the callcenter; a quarter of the callers without SMS consent give it on the phone.
    private mutating func callStarted(at time: Int64, reason: String) {
        emit(time, "call.started", channel: "callcenter", [("reason", .string(reason))])
        if !customer.smsOptIn, !hasChangedSMSConsent, random.chance(0.25) {
            hasChangedSMSConsent = true
            change(time + random.int64(in: 2 * DemoTime.minute...8 * DemoTime.minute), .smsOptIn(true))
        }
    }

    private static let stores = [
        "berlin-mitte", "hamburg-jungfernstieg", "muenchen-marienplatz", "koeln-hohe-strasse",
        "frankfurt-zeil", "duesseldorf-koenigsallee", "stuttgart-koenigstrasse", "leipzig-petersbogen",
    ]

    /// A visit to a shop, with an order at the till for some.
    private mutating func shopVisit(at time: Int64, orderChance: Double = 0.45, cents: Int64? = nil) {
        emit(time, "store.visit", channel: "shop", [("store", .string(random.pick(Self.stores)))])
        if random.chance(orderChance) {
            order(at: time + random.int64(in: 5 * DemoTime.minute...40 * DemoTime.minute), channel: "shop", cents: cents)
        }
    }

    private static let orderComplaints = ["late-delivery", "damaged", "wrong-item", "missing-item", "billing"]
    private static let otherComplaints = ["staff", "waiting-time", "app-crash"]

    /// A complaint by phone, web form, app or in a shop. Today's may be followed by a call and a look
    /// at the help pages; those of the history before the day are the complaint alone.
    private mutating func complaint(at time: Int64, isToday: Bool) {
        let channel = random.pick(weighted: [("callcenter", 0.40), ("web", 0.30), ("app", 0.18), ("shop", 0.12)])
        var now = time
        if isToday {
            switch channel {
            case "callcenter": callStarted(at: now, reason: "complaint")
            case "shop": emit(now, "store.visit", channel: "shop", [("store", .string(random.pick(Self.stores)))])
            case "app": now = session(at: now, channel: "app", pages: 1, firstPage: "/help")
            default: now = session(at: now, channel: "web", pages: 1, firstPage: "/help")
            }
            now += random.int64(in: 2 * DemoTime.minute...10 * DemoTime.minute)
        }
        var fields: [(String, DemoValue)]
        if random.chance(0.8) {
            let value = random.chance(0.45) ? random.int64(in: 2_99...19_99) : random.int64(in: 20_00...400_00)
            fields = [
                ("reason", .string(random.pick(Self.orderComplaints))), ("order", .string(reference("o"))),
                ("order_value", .hundredths(value)), ("currency", .string("EUR")),
            ]
        } else {
            fields = [("reason", .string(random.pick(Self.otherComplaints)))]
        }
        emit(now, "complaint.filed", channel: channel, fields)
        guard isToday else { return }
        if random.chance(0.3) {
            callStarted(at: now + random.int64(in: 30 * DemoTime.minute...4 * DemoTime.hour), reason: "complaint-follow-up")
        }
        if random.chance(0.4) {
            _ = session(at: now + random.int64(in: 10 * DemoTime.minute...3 * DemoTime.hour), channel: "web", pages: random.int(in: 1...3), firstPage: "/help/complaints")
        }
    }

    /// A repeat complainer: complaints of the last 90 days before the day, then one today that is
    /// the third within 30 days (three in five) or the fifth within 90 days (two in five).
    private mutating func repeatComplaints() {
        let daysBefore: [Int64]
        if random.chance(0.6) {
            let first = random.int64(in: 2...25)
            var second = random.int64(in: 2...24)
            if second >= first { second += 1 }
            daysBefore = [max(first, second), min(first, second)]
        } else {
            daysBefore = [random.int64(in: 60...85), random.int64(in: 35...55), random.int64(in: 15...30), random.int64(in: 1...12)]
        }
        for days in daysBefore {
            complaint(at: start - days * DemoTime.day + timeOfDay(), isToday: false)
        }
        complaint(at: start + timeOfDay(), isToday: true)
    }

    private static let airports = ["FRA", "MUC", "BER", "HAM", "DUS", "STR", "VIE", "ZRH"]
    private static let destinations = ["JFK", "LHR", "CDG", "BCN", "SFO", "NRT", "SIN", "DXB", "ORD", "MAD", "LIS", "ATH"]

    /// A flight today; two in five are delayed, announced 10 to 90 minutes before departure. Many
    /// delayed travellers open the app, and some call, senators and gold customers more often.
    private mutating func flight() {
        let scheduled = start + Int64(random.int(in: 6...21)) * DemoTime.hour + Int64(random.int(in: 0...11)) * 5 * DemoTime.minute
        guard random.chance(0.4) else { return }
        let announced = scheduled - random.int64(in: 10 * DemoTime.minute...90 * DemoTime.minute)
        let delay = switch random.index(weights: [0.30, 0.35, 0.22, 0.13]) {
        case 0: random.int64(in: 15...29)
        case 1: random.int64(in: 30...59)
        case 2: random.int64(in: 60...119)
        default: random.int64(in: 120...300)
        }
        let flight = "LK\(random.int(in: 100...2999))"
        emit(announced, "flight.delayed", channel: nil, [
            ("flight", .string(flight)), ("origin", .string(random.pick(Self.airports))),
            ("destination", .string(random.pick(Self.destinations))), ("scheduled", .timestamp(scheduled)),
            ("delay_minutes", .integer(delay)),
        ])
        if random.chance(0.55) {
            _ = session(at: announced + random.int64(in: DemoTime.minute...15 * DemoTime.minute), channel: "app", pages: random.int(in: 1...3), firstPage: "/flights/\(flight)")
        }
        let isTopTier = customer.tier == "senator" || customer.tier == "gold"
        if random.chance(isTopTier ? 0.45 : 0.25) {
            callStarted(at: announced + random.int64(in: 5 * DemoTime.minute...45 * DemoTime.minute), reason: "flight")
        }
    }

    /// SMS replies, some with quotes, a backslash, a tab, a line break or an emoji to escape.
    private static let smsTexts: [(String, Double)] = [
        ("YES", 20), ("STOP", 15), ("Danke!", 15), ("Wann kommt mein Paket?", 12),
        ("Thanks, see you at the gate 👍", 8), ("Bitte rufen Sie mich an\nab 18 Uhr", 8),
        ("Is the \"free shipping\" code still valid?", 8), ("order\tstatus", 4), (":-\\", 4), ("Très bien, merci", 6),
    ]

    /// A reply to an SMS of ours; `STOP` withdraws the SMS consent.
    private mutating func smsReply(at time: Int64) {
        let text = random.pick(weighted: Self.smsTexts)
        emit(time, "sms.replied", channel: "sms", [("text", .string(text))])
        if text == "STOP", !hasChangedSMSConsent {
            hasChangedSMSConsent = true
            change(time + random.int64(in: 5 * DemoTime.second...DemoTime.minute), .smsOptIn(false))
        }
    }

    // MARK: - Drawing

    /// Relative activity per hour of the day (UTC), quiet at night, peaks at lunch and in the evening.
    private static let activityByHour: [Double] = [
        0.6, 0.3, 0.2, 0.15, 0.2, 0.4, 1.0, 2.2, 3.5, 4.5, 5.0, 5.5,
        6.0, 5.5, 5.0, 5.0, 5.2, 5.8, 6.5, 7.5, 7.8, 6.5, 4.0, 1.8,
    ]

    /// A time of day in milliseconds, by the activity curve.
    private mutating func timeOfDay() -> Int64 {
        Int64(random.index(weights: Self.activityByHour)) * DemoTime.hour + random.int64(in: 0...DemoTime.hour - 1)
    }

    /// A cart or order value in cents: small (9.99 to 79.99 EUR), medium (80 to 299.99 EUR) or large
    /// (300 to 1200 EUR), with the given weights.
    private mutating func valueCents(small: Double, medium: Double, large: Double) -> Int64 {
        switch random.index(weights: [small, medium, large]) {
        case 0: random.int64(in: 9_99...79_99)
        case 1: random.int64(in: 80_00...299_99)
        default: random.int64(in: 300_00...1_200_00)
        }
    }

    private mutating func onlineChannel() -> String {
        random.chance(0.55) ? "web" : "app"
    }

    /// An order or cart reference such as `o-7K2Q9XMA`.
    private mutating func reference(_ prefix: String) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)
        var bytes = Array(prefix.utf8)
        bytes.append(UInt8(ascii: "-"))
        for _ in 0..<8 { bytes.append(random.pick(alphabet)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Records

    /// Plans an event, dropping it when it falls outside the stream; one in ``malformedOneIn`` is
    /// followed by a malformed copy.
    private mutating func emit(_ time: Int64, _ type: String, channel: String?, _ fields: [(String, DemoValue)]) {
        guard time >= historyStart, time < end else { return }
        let draft = DemoEventDraft(type: type, channel: channel, fields: fields)
        append(time, .event(draft))
        if random.int(in: 1...Self.malformedOneIn) == 1 {
            append(time, .malformed(draft, random.pick(DemoMalformation.allCases)))
        }
    }

    /// Plans a profile change, dropped when it falls after the day.
    private mutating func change(_ time: Int64, _ change: DemoProfileChange) {
        guard time < end else { return }
        append(time, .profile(change))
    }

    private mutating func append(_ time: Int64, _ payload: DemoPlannedRecord.Payload) {
        records.append(DemoPlannedRecord(time: time, customer: index, sequence: records.count, payload: payload))
    }

    // MARK: - Profiles

    private static let firstNames = [
        "Anna", "Lukas", "Zoë", "José", "Mia", "Jonas", "Léa", "Noah", "Emma", "Finn", "Sofía",
        "Mehmet", "Aylin", "Björn", "Chloé", "Oğuz", "Ingrid", "Paul", "Hannah", "Kenji",
    ]
    private static let lastNames = [
        "Müller", "Schmidt", "O'Brien", "Nguyen", "García", "Kowalski", "Rossi", "Dubois", "Yılmaz",
        "Jensen", "Novák", "Fischer", "Weber", "Silva", "Tanaka", "Łukasiewicz",
    ]
    private static let nicknames = ["Rae", "Ace", "Bo", "Kiki"]
    private static let cities = [
        "Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Düsseldorf", "Stuttgart",
        "Leipzig", "Wien", "Zürich",
    ]

    /// Draws a profile: tier, lifetime value by tier, preferred channel (2% never chose one), SMS
    /// consent, churn score, city and the day the customer joined.
    private static func makeCustomer(id: String, start: Int64, random: inout SeededRandom) -> DemoCustomer {
        let tier = random.pick(weighted: [("basic", 0.60), ("silver", 0.22), ("gold", 0.13), ("senator", 0.05)])
        let lifetimeValue = switch tier {
        case "senator": random.int64(in: 5_000_00...40_000_00)
        case "gold": random.int64(in: 1_500_00...9_000_00)
        case "silver": random.int64(in: 300_00...3_200_00)
        default: random.int64(in: 0...900_00)
        }
        let preferredChannel: String? = random.chance(0.02)
            ? nil : random.pick(weighted: [("app", 0.38), ("email", 0.30), ("sms", 0.20), ("web", 0.12)])
        let smsOptIn = preferredChannel == "sms" || random.chance(tier == "senator" ? 0.85 : 0.6)
        let churnRisk = random.chance(0.85) ? random.int64(in: 0...59) : random.int64(in: 60...99)
        var name = random.pick(firstNames)
        if random.int(in: 1...200) == 1 { name += " \"\(random.pick(nicknames))\"" }
        name += " " + random.pick(lastNames)
        let joinedFrom = DemoTime.days(year: 2008, month: 1, day: 1)
        let joinedUntil = start / DemoTime.day - 30
        return DemoCustomer(
            id: id,
            name: name,
            tier: tier,
            preferredChannel: preferredChannel,
            lifetimeValueCents: lifetimeValue,
            smsOptIn: smsOptIn,
            churnRiskHundredths: churnRisk,
            city: random.pick(cities),
            memberSinceDay: random.int64(in: joinedFrom...max(joinedFrom, joinedUntil))
        )
    }
}
