import RuleDSL

/// Decides events against a compiled campaign set exactly as spec §3-§6 say: history, waits, governance.
///
/// The engine is confined to one thread: the daemon's processing thread or replay's. It reads each message
/// once, in place, taking only the fields the campaign set reads (see ``EventScanner``); each partition has its
/// own clock and timers; per-customer state is held in one place (a table of ``CustomerState``) behind the
/// narrow interface of this type, so it can later be persisted to a changelog topic.
public final class Engine {
    private var core: EngineCore

    /// Creates an engine for a compiled campaign set.
    public init(campaigns: CompiledCampaignSet) {
        core = EngineCore(campaigns: campaigns)
    }

    /// The campaign set in force.
    public var campaigns: CompiledCampaignSet { core.campaigns }

    /// The counters since the engine started.
    public var statistics: EngineStatistics { core.statistics }

    /// The number of customers held.
    public var customerCount: Int { core.customers.count }

    /// The number of pending waits.
    public var pendingWaitCount: Int { core.pendingWaitCount }

    /// The clock of `partition`, nil before its first event.
    public func clock(of partition: Int32) -> Int64? {
        core.clock(of: partition)
    }

    /// Replaces a customer's profile with the JSON object in `json`; nil forgets the customer: profile,
    /// history, pending waits, limit counts (spec §3). Returns why `json` is not a profile (not JSON, not an
    /// object), leaving the customer as they were.
    public func setProfile(_ json: UnsafeRawBufferPointer?, customer: UnsafeRawBufferPointer) -> DeadLetterReason? {
        core.setProfile(json, customer: customer)
    }

    /// Replaces the profile of the customer that the JSON object in `json` names in its own `customer` member (a
    /// line of replay's profile file, spec §8). Returns why `json` is not such a profile (not JSON, not an object,
    /// `customer` missing or invalid), leaving every customer as they were.
    func setProfile(_ json: UnsafeRawBufferPointer) -> DeadLetterReason? {
        core.setProfile(json)
    }

    /// ``setProfile(_:customer:)`` with byte arrays and a string id.
    @discardableResult
    public func setProfile(_ json: [UInt8]?, customer: String) -> DeadLetterReason? {
        var customer = customer
        return customer.withUTF8 { id in
            guard let json else { return core.setProfile(nil, customer: UnsafeRawBufferPointer(id)) }
            return json.withUnsafeBytes { core.setProfile($0, customer: UnsafeRawBufferPointer(id)) }
        }
    }

    /// Decodes and decides one event message read from `reference`, appending its decisions in order: timers
    /// that fall due first, then the event's cancellations and firings, then timers its triggers started
    /// already due. `fallbackTime` stands in for an absent `ts` (the Kafka message timestamp). Returns why the
    /// message is not a valid event (spec §3); such a message changes nothing.
    @discardableResult
    public func process(
        _ message: UnsafeRawBufferPointer, fallbackTime: Int64?, reference: EventReference,
        into decisions: inout [Decision]
    ) -> DeadLetterReason? {
        core.process(message, fallbackTime: fallbackTime, reference: reference, into: &decisions)
    }

    /// ``process(_:fallbackTime:reference:into:)`` with a byte array.
    @discardableResult
    public func process(
        _ message: [UInt8], fallbackTime: Int64?, reference: EventReference, into decisions: inout [Decision]
    ) -> DeadLetterReason? {
        message.withUnsafeBytes { core.process($0, fallbackTime: fallbackTime, reference: reference, into: &decisions) }
    }

    /// Moves the clock of `partition` to `time` if that is later and fires the timers then due: the idle rule
    /// of the daemon, and `--until` in replay.
    public func advanceClock(of partition: Int32, to time: Int64, into decisions: inout [Decision]) {
        core.advanceClock(of: partition, to: time, into: &decisions)
    }

    /// Forgets history and limit counts no query can see any more, and customers left with nothing, looking
    /// at up to `limit` customers from where the last sweep stopped (the daemon sweeps a slice at a time).
    @discardableResult
    public func sweep(limit: Int = .max) -> Int {
        core.sweep(limit: limit)
    }

    /// Puts a new campaign set in force between two events (hot reload), keeping per-customer state: profiles
    /// and the history of types the new set still reads stay; a campaign that keeps its name keeps its limit
    /// and budget counts, pending waits and counters; a removed campaign's waits and counts are dropped.
    @discardableResult
    public func replace(campaigns: CompiledCampaignSet) -> CampaignSetChange {
        core.replace(campaigns: campaigns)
    }

    /// Follows `customer` from now on: every later moment of theirs is recorded in ``trace`` with each
    /// campaign's verdict (`lurker explain`). The campaign set must be compiled with `explaining: true`.
    public func trace(customer: String) {
        precondition(core.campaigns.conjuncts != nil, "tracing needs a campaign set compiled for explaining")
        core.tracedCustomer = Array(customer.utf8)
    }

    /// The traced customer's moments so far, oldest first.
    public var trace: [TraceStep] { core.trace }

    /// Drops the clock, timers and pending waits of a partition this instance no longer owns; its next owner
    /// decides them.
    public func removePartition(_ partition: Int32) {
        core.removePartition(partition)
    }
}
