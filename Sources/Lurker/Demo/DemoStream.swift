/// A seeded, deterministic synthetic stream for demos: customers moving between web, app,
/// callcenter, shop and SMS over one simulated day, so that the campaigns of `campaigns/` wake up.
///
/// The stream yields the profiles of all customers first (so lookups work from the first event on),
/// then events and profile updates in time order:
///
/// - Events (spec §3), JSON objects with `customer`, `type`, `ts` (RFC 3339 UTC with milliseconds),
///   usually `channel`, and fields: `page.viewed` (`page`), `app.opened` (`os`, `app_version`),
///   `cart.abandoned` (`cart`, `cart_value`, `items`), `order.placed` (`order`, `order_value`,
///   `items`, `currency`), `call.started` (`reason`), `complaint.filed` (`reason`, and for order
///   complaints `order`, `order_value`, `currency`), `flight.delayed` (no channel; `flight`, `origin`,
///   `destination`, `scheduled`, `delay_minutes`), `store.visit` (`store`) and `sms.replied` (`text`).
/// - Profiles, whole JSON objects keyed by customer id: `customer`, `name`, `tier` (basic, silver,
///   gold, senator), `preferred_channel` (absent for a few), `lifetime_value` (EUR), `sms_opt_in`,
///   `churn_risk` (0 to 1), `city`, `member_since`. A profile is written anew when an order raises
///   the lifetime value, the customer gives or withdraws SMS consent, changes the preferred channel
///   or moves up a tier.
/// - About one event in 2000 is followed by a deliberately malformed copy, marked by
///   ``DemoRecord/malformation``, to show dead-lettering.
///
/// The day is [`start`, `start` + 24 h). Repeat complainers bring their complaints of the 90 days
/// before it, so the stream's first events may lie up to 90 days before `start`. Times are simulated:
/// a consumer uses the event time, not the wall clock.
///
/// The same customers, seed and start always give the same records, byte for byte, on every
/// platform. Each customer draws from a random stream of their own, so customer `c-7` behaves the
/// same in a stream of 100 customers and in one of 3000. The whole day is planned when the stream is
/// created (some 12 records per customer) and written as it is iterated.
public struct DemoStream: Sequence, IteratorProtocol, Sendable {
    /// The default start of the simulated day: 2026-11-24T00:00:00.000Z.
    public static let defaultStart: Int64 = 1_795_478_400_000

    /// The number of customers, `c-1` to `c-<customers>`.
    public let customers: Int
    /// The seed of all random draws.
    public let seed: UInt64
    /// The start of the simulated day in epoch milliseconds.
    public let start: Int64
    /// The number of event records the stream yields in all (malformed ones included): every planned
    /// event, or the `events` limit when that is smaller.
    public let eventCount: Int

    private var profiles: [DemoCustomer]
    private let planned: [DemoPlannedRecord]
    private let profileTime: Int64
    private var profileCursor = 0
    private var plannedCursor = 0
    private var eventsYielded = 0

    /// Creates the stream of a simulated day.
    ///
    /// - Parameters:
    ///   - customers: How many customers, 0 or more. Default 3000.
    ///   - seed: The seed of all random draws. Default 42.
    ///   - start: The start of the simulated day in epoch milliseconds. Default ``defaultStart``.
    ///   - events: The most event records to yield (profiles and profile updates do not count), or
    ///     `nil` for the whole day. Default `nil`.
    public init(customers: Int = 3000, seed: UInt64 = 42, start: Int64 = DemoStream.defaultStart, events: Int? = nil) {
        precondition(customers >= 0, "a demo stream needs 0 customers or more")
        precondition((events ?? 0) >= 0, "an event limit must be 0 or more")
        self.customers = customers
        self.seed = seed
        self.start = start
        var profiles: [DemoCustomer] = []
        var planned: [DemoPlannedRecord] = []
        profiles.reserveCapacity(customers)
        planned.reserveCapacity(customers * 14)
        for index in 0..<customers {
            var planner = DemoCustomerPlanner(index: index, seed: seed, start: start)
            planner.planDay()
            profiles.append(planner.customer)
            planned.append(contentsOf: planner.records)
        }
        planned.sort { $0.precedes($1) }
        self.profiles = profiles
        self.planned = planned
        self.profileTime = Swift.min(start, planned.first?.time ?? start)
        let plannedEvents = planned.count { if case .profile = $0.payload { false } else { true } }
        self.eventCount = Swift.min(plannedEvents, events ?? plannedEvents)
    }

    /// The next record: a profile while there are profiles to load, then events and profile updates
    /// in time order; `nil` after the last event (or the `events` limit).
    public mutating func next() -> DemoRecord? {
        if profileCursor < profiles.count {
            let customer = profiles[profileCursor]
            profileCursor += 1
            return DemoRecord(kind: .profile, key: customer.id, value: customer.json(), time: profileTime)
        }
        guard eventsYielded < eventCount, plannedCursor < planned.count else { return nil }
        let record = planned[plannedCursor]
        plannedCursor += 1
        let id = profiles[record.customer].id
        switch record.payload {
        case .event(let draft):
            eventsYielded += 1
            return DemoRecord(kind: .event, key: id, value: draft.json(customer: id, time: record.time), time: record.time)
        case .malformed(let draft, let malformation):
            eventsYielded += 1
            return DemoRecord(
                kind: .event,
                key: id,
                value: draft.json(customer: id, time: record.time, malformation: malformation),
                time: record.time,
                malformation: malformation
            )
        case .profile(let change):
            profiles[record.customer].apply(change)
            return DemoRecord(kind: .profile, key: id, value: profiles[record.customer].json(), time: record.time)
        }
    }
}
