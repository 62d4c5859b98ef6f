import Foundation
import Lurker
import Testing

@Suite struct DemoStreamTests {
    /// The default stream (3000 customers, seed 42), made once for the suite.
    static let records: [DemoRecord] = Array(DemoStream())

    /// The valid events of the default stream, decoded by Foundation.
    static let events: [DecodedEvent] = records.enumerated().compactMap { position, record in
        guard record.kind == .event, !record.isMalformed else { return nil }
        return DecodedEvent(record, sequence: position)
    }

    /// The profile each customer starts the default stream with.
    nonisolated(unsafe) static let initialProfiles: [String: [String: Any]] = {
        var profiles: [String: [String: Any]] = [:]
        for record in records where record.kind == .profile && profiles[record.key] == nil {
            profiles[record.key] = jsonObject(record.value)
        }
        return profiles
    }()

    // MARK: - Determinism and shape

    @Test func sameSeedGivesIdenticalBytes() {
        let first = Array(DemoStream(customers: 300, seed: 7))
        let second = Array(DemoStream(customers: 300, seed: 7))
        #expect(first == second)
        #expect(Array(DemoStream()) == Self.records)
    }

    @Test func otherSeedGivesOtherStream() {
        #expect(Array(DemoStream(customers: 300, seed: 7)) != Array(DemoStream(customers: 300, seed: 8)))
    }

    @Test func customerBehavesTheSameWhateverTheNumberOfCustomers() {
        let small = DemoStream(customers: 50).filter { $0.kind == .event }.map(\.value)
        let large = Self.records.filter { record in
            guard record.kind == .event, let number = Int(record.key.dropFirst(2)) else { return false }
            return number <= 50
        }.map(\.value)
        #expect(small == large)
    }

    @Test func profilesOfAllCustomersComeFirst() throws {
        let customers = DemoStream().customers
        #expect(customers == 3000)
        let head = Self.records.prefix(customers)
        #expect(head.allSatisfy { $0.kind == .profile })
        #expect(Set(head.map(\.key)) == Set((1...customers).map { "c-\($0)" }))
        for record in head {
            let profile = try #require(Self.jsonObject(record.value))
            #expect(profile["customer"] as? String == record.key)
            #expect(["basic", "silver", "gold", "senator"].contains(profile["tier"] as? String ?? ""))
            #expect(profile["lifetime_value"] is NSNumber)
            #expect(profile["sms_opt_in"] is Bool)
        }
        #expect(Self.records[customers].kind == .event)
    }

    @Test func profileUpdatesAreWholeProfilesOfKnownCustomers() throws {
        let customers = DemoStream().customers
        let updates = Self.records.dropFirst(customers).filter { $0.kind == .profile }
        #expect(updates.count > 500)
        for record in updates {
            let profile = try #require(Self.jsonObject(record.value))
            #expect(profile["customer"] as? String == record.key)
            #expect(Self.initialProfiles[record.key] != nil)
            #expect(profile["tier"] is String && profile["city"] is String)
        }
    }

    @Test func validEventsParseWithCustomerTypeAndTime() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var count = 0
        for record in Self.records where record.kind == .event && !record.isMalformed {
            let object = try #require(Self.jsonObject(record.value), "\(String(decoding: record.value, as: UTF8.self))")
            let customer = try #require(object["customer"] as? String)
            #expect(customer == record.key)
            #expect(!(try #require(object["type"] as? String)).isEmpty)
            let ts = try #require(object["ts"] as? String)
            #expect(ts.utf8.count == 24 && ts.hasSuffix("Z"), "\(ts)")
            let date = try #require(formatter.date(from: ts), "\(ts)")
            #expect(Int64((date.timeIntervalSince1970 * 1000).rounded()) == record.time, "\(ts)")
            count += 1
        }
        #expect(count == Self.events.count)
        #expect(count > 20_000)
    }

    @Test func timesNeverDecrease() {
        for (earlier, later) in zip(Self.records, Self.records.dropFirst()) {
            #expect(earlier.time <= later.time)
        }
    }

    @Test func eventsFallInTheDayOrTheComplaintHistoryBeforeIt() {
        let stream = DemoStream()
        let day = stream.start..<(stream.start + 86_400_000)
        let history = (stream.start - 90 * 86_400_000)..<stream.start
        for event in Self.events {
            #expect(day.contains(event.time) || (history.contains(event.time) && event.type == "complaint.filed"))
        }
        #expect(Self.events.contains { history.contains($0.time) })
    }

    @Test func malformedRecordsAreExactlyTheMarkedOnes() {
        var malformations: [DemoMalformation: Int] = [:]
        for record in Self.records where record.kind == .event {
            #expect(Self.isValidEvent(record.value) == !record.isMalformed, "\(String(decoding: record.value, as: UTF8.self))")
            if let malformation = record.malformation { malformations[malformation, default: 0] += 1 }
        }
        let eventCount = Self.records.count { $0.kind == .event }
        let malformed = malformations.values.reduce(0, +)
        #expect(malformed >= eventCount / 4000 && malformed <= eventCount / 1000)
        #expect(malformations.count >= 3)
        #expect(Self.records.allSatisfy { $0.kind == .event || !$0.isMalformed })
    }

    @Test func stringsAreEscaped() throws {
        let texts = Set(Self.events.filter { $0.type == "sms.replied" }.compactMap { $0.fields["text"] as? String })
        #expect(texts.contains("Bitte rufen Sie mich an\nab 18 Uhr"))
        #expect(texts.contains("Is the \"free shipping\" code still valid?"))
        #expect(texts.contains(":-\\"))
        #expect(texts.contains("order\tstatus"))
        #expect(texts.contains("Thanks, see you at the gate 👍"))
        let names = Self.initialProfiles.values.compactMap { $0["name"] as? String }
        #expect(names.contains { $0.contains("\"") })
        #expect(names.contains { $0.contains("ü") })
    }

    @Test(arguments: [0, 1, 250, 2000])
    func eventLimitBoundsTheEvents(limit: Int) {
        let stream = DemoStream(customers: 200, events: limit)
        #expect(stream.eventCount == limit)
        let records = Array(stream)
        #expect(records.count { $0.kind == .event } == limit)
        #expect(records.prefix(200).allSatisfy { $0.kind == .profile })
        let unbounded = Array(DemoStream(customers: 200))
        #expect(Array(unbounded.prefix(records.count)) == records)
    }

    @Test func unboundedEventCountIsWhatTheStreamYields() {
        let stream = DemoStream(customers: 200)
        #expect(Array(stream).count { $0.kind == .event } == stream.eventCount)
        #expect(DemoStream(customers: 200, events: 1_000_000).eventCount == stream.eventCount)
    }

    @Test func noCustomersGivesAnEmptyStream() {
        #expect(Array(DemoStream(customers: 0)).isEmpty)
    }

    // MARK: - The campaigns' stories

    @Test func everyEventTypeTheCampaignsNameOccurs() throws {
        let types = try Self.campaignEventTypes()
        #expect(types.count >= 8)
        let occurring = Set(Self.events.map(\.type))
        for type in types.sorted() {
            #expect(occurring.contains(type), "no \(type) in the demo stream")
        }
    }

    @Test func eventMixIsPlausible() {
        let counts = Dictionary(grouping: Self.events, by: \.type).mapValues(\.count)
        let mostCommon = counts.max { $0.value < $1.value }?.key
        #expect(mostCommon == "page.viewed")
        #expect((counts["cart.abandoned"] ?? 0) > 800)
        #expect((counts["order.placed"] ?? 0) > 800)
        #expect((counts["call.started"] ?? 0) > 500)
        #expect((counts["complaint.filed"] ?? 0) > 300)
        #expect((counts["flight.delayed"] ?? 0) > 40)
        #expect((counts["store.visit"] ?? 0) > 300)
        #expect((counts["app.opened"] ?? 0) > 1000)
        #expect((counts["sms.replied"] ?? 0) > 100)
    }

    /// callcenter_cart_rescue: a call with a cart abandoned in the 2 hours before and no order since.
    @Test func callersWithAFreshAbandonedCartAndNoOrderSince() {
        let rescues = Self.events.filter { event in
            guard event.type == "call.started" else { return false }
            let before = Self.history[event.customer, default: []].filter { $0.time <= event.time && $0.sequence < event.sequence }
            guard let cart = before.last(where: { $0.type == "cart.abandoned" }), cart.time > event.time - 2 * 3_600_000 else { return false }
            return !before.contains { $0.type == "order.placed" && $0.time > cart.time }
        }
        #expect(rescues.count > 100)
        #expect(rescues.allSatisfy { $0.fields["channel"] as? String == "callcenter" })
    }

    /// callcenter_cart_rescue does not fire when the customer ordered between cart and call.
    @Test func someCallersOrderedBetweenCartAndCall() {
        let ordered = Self.events.filter { event in
            guard event.type == "call.started" else { return false }
            let before = Self.history[event.customer, default: []].filter { $0.sequence < event.sequence }
            guard let cart = before.last(where: { $0.type == "cart.abandoned" }), cart.time > event.time - 2 * 3_600_000 else { return false }
            return before.contains { $0.type == "order.placed" && $0.time > cart.time }
        }
        #expect(ordered.count > 20)
    }

    /// retention_abandon_reminder: carts with no order within the hour (reminded) and with one (cancelled).
    @Test func abandonedCartsWithAndWithoutAnOrderWithinTheHour() {
        var reminded = 0
        var cancelled = 0
        for cart in Self.events where cart.type == "cart.abandoned" {
            let hasOrder = Self.history[cart.customer, default: []].contains {
                $0.type == "order.placed" && $0.sequence > cart.sequence && $0.time < cart.time + 3_600_000
            }
            if hasOrder { cancelled += 1 } else { reminded += 1 }
        }
        #expect(reminded > 300)
        #expect(cancelled > 200)
    }

    /// travel_senator_delay_voucher and its app fallback: senators with flights 30 minutes late or more.
    @Test func senatorsWithDelayedFlights() {
        let delays = Self.events.filter { event in
            event.type == "flight.delayed" && Self.initialProfiles[event.customer]?["tier"] as? String == "senator"
                && (event.fields["delay_minutes"] as? Int ?? 0) >= 30
        }
        #expect(delays.count >= 10)
        #expect(delays.contains { Self.initialProfiles[$0.customer]?["sms_opt_in"] as? Bool == true })
        #expect(Self.events.contains { $0.type == "flight.delayed" && ($0.fields["delay_minutes"] as? Int ?? 0) >= 120 })
        #expect(Self.events.allSatisfy { $0.type != "flight.delayed" || $0.fields["channel"] == nil })
    }

    /// callcenter_senator_line and callcenter_gold_priority_desk: calls of top customers.
    @Test func topCustomersCall() {
        let tiers = Self.events.filter { $0.type == "call.started" }.compactMap { Self.initialProfiles[$0.customer]?["tier"] as? String }
        #expect(tiers.count { $0 == "senator" } > 30)
        #expect(tiers.count { $0 == "gold" } > 50)
    }

    /// care_team_lead_escalation and care_head_of_care_escalation: third complaint in 30 days, fifth in 90.
    @Test func repeatComplainersReachTheThirdAndFifthComplaint() {
        var third = 0
        var fifth = 0
        for complaint in Self.events where complaint.type == "complaint.filed" {
            let earlier = Self.history[complaint.customer, default: []].filter {
                $0.type == "complaint.filed" && $0.sequence <= complaint.sequence
            }
            let in30Days = earlier.count { $0.time > complaint.time - 30 * 86_400_000 }
            let in90Days = earlier.count { $0.time > complaint.time - 90 * 86_400_000 }
            if in90Days >= 5 { fifth += 1 } else if in30Days >= 3 { third += 1 }
        }
        #expect(third > 30)
        #expect(fifth > 20)
    }

    /// care_goodwill_credit and care_claims_desk: complaints under 20 EUR, from 20 EUR, and without a value.
    @Test func complaintsBelowAndAboveTheGoodwillThreshold() {
        let complaints = Self.events.filter { $0.type == "complaint.filed" }
        let values = complaints.map { ($0.fields["order_value"] as? NSNumber)?.doubleValue }
        #expect(values.count { ($0 ?? 20) < 20 } > 50)
        #expect(values.count { ($0 ?? 0) >= 20 } > 50)
        #expect(values.count { $0 == nil } > 20)
    }

    /// callcenter_service_recovery and web_help_live_chat: complainers call back and read the help pages.
    @Test func complainersComeBack() {
        let calls = Self.events.filter { event in
            event.type == "call.started"
                && Self.history[event.customer, default: []].contains {
                    $0.type == "complaint.filed" && $0.sequence < event.sequence && $0.time > event.time - 7 * 86_400_000
                }
        }
        #expect(calls.count > 50)
        let helpPages = Self.events.filter { event in
            event.type == "page.viewed" && (event.fields["page"] as? String ?? "").contains("/help")
                && Self.history[event.customer, default: []].contains {
                    $0.type == "complaint.filed" && $0.sequence < event.sequence && $0.time > event.time - 14 * 86_400_000
                }
        }
        #expect(helpPages.count > 30)
    }

    /// shop_reserve_online_cart: a shop visit after an online cart that was not ordered.
    @Test func shopVisitsAfterAnOnlineCart() {
        let visits = Self.events.filter { event in
            guard event.type == "store.visit" else { return false }
            let before = Self.history[event.customer, default: []].filter { $0.sequence < event.sequence }
            guard let cart = before.last(where: { $0.type == "cart.abandoned" }) else { return false }
            return !before.contains { $0.type == "order.placed" && $0.time > cart.time }
        }
        #expect(visits.count > 40)
    }

    /// retention_churn_save: high churn-risk customers with some value open the app or visit a shop.
    @Test func highChurnRiskCustomersShowUp() {
        let showUps = Set(Self.events.filter { event in
            guard event.type == "app.opened" || event.type == "store.visit",
                  let profile = Self.initialProfiles[event.customer],
                  let risk = (profile["churn_risk"] as? NSNumber)?.doubleValue,
                  let value = (profile["lifetime_value"] as? NSNumber)?.doubleValue
            else { return false }
            return risk >= 0.7 && value >= 300
        }.map(\.customer))
        #expect(showUps.count > 40)
    }

    /// Arbitration on the callcenter channel: callers for whom the cart rescue and the SMS opt-in ask
    /// both fire; and web_big_cart_callback: carts of 500 EUR or more.
    @Test func offersCompeteOnOneCall() {
        let competing = Self.events.filter { event in
            guard event.type == "call.started", Self.initialProfiles[event.customer]?["sms_opt_in"] as? Bool == false else { return false }
            return Self.history[event.customer, default: []].contains {
                $0.type == "cart.abandoned" && $0.sequence < event.sequence && $0.time > event.time - 2 * 3_600_000
            }
        }
        #expect(competing.count > 30)
        #expect(Self.events.count { $0.type == "cart.abandoned" && (($0.fields["cart_value"] as? NSNumber)?.doubleValue ?? 0) >= 500 } > 50)
    }

    // MARK: - Helpers

    /// An event of the stream as Foundation reads it, with its position in the stream. The fields are
    /// never mutated after decoding, so sharing them between tests is safe.
    struct DecodedEvent: @unchecked Sendable {
        let customer: String
        let type: String
        let time: Int64
        let sequence: Int
        let fields: [String: Any]

        init?(_ record: DemoRecord, sequence: Int) {
            guard let object = DemoStreamTests.jsonObject(record.value),
                  let customer = object["customer"] as? String, let type = object["type"] as? String
            else { return nil }
            self.customer = customer
            self.type = type
            self.time = record.time
            self.sequence = sequence
            self.fields = object
        }
    }

    /// Each customer's valid events in stream order.
    static let history: [String: [DecodedEvent]] = Dictionary(grouping: events, by: \.customer)

    static func jsonObject(_ bytes: [UInt8]) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    /// Whether `bytes` is an event by spec §3: a JSON object with a non-empty string `customer` and
    /// `type`, and a `ts` that is an RFC 3339 time when present.
    static func isValidEvent(_ bytes: [UInt8]) -> Bool {
        guard let object = jsonObject(bytes),
              let customer = object["customer"] as? String, !customer.isEmpty,
              let type = object["type"] as? String, !type.isEmpty
        else { return false }
        guard let ts = object["ts"] else { return true }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return (ts as? String).flatMap(formatter.date(from:)) != nil
    }

    /// The event types that `campaigns/*.lurk` names after `on`, after `unless` and in history functions
    /// (strings and comments removed first; a rough reading, not the parser).
    static func campaignEventTypes() throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("campaigns")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lurk") }
        #expect(files.count >= 4)
        let typeList = #/(?:^|\s)(?:on|unless)\s+([a-z_.]+(?:\s*,\s*[a-z_.]+)*)/#
        let historyCall = #/(?:count|seen|sum|since|last)\(\s*([a-z_.]+)/#
        var types: Set<String> = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let code = line.replacing(#/"(?:[^"\\]|\\.)*"/#, with: "\"\"")
                    .split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                for match in code.matches(of: typeList) {
                    for type in match.1.split(separator: ",") { types.insert(type.trimmingCharacters(in: .whitespaces)) }
                }
                for match in code.matches(of: historyCall) { types.insert(String(match.1)) }
            }
        }
        return types
    }
}
