import RuleDSL

/// The engine's state and its hot path, in one value so that a whole event is decided under one exclusive
/// access (``Engine`` wraps it). It decides exactly as spec §3-§6 say: per-partition clocks and timers,
/// per-customer history, waits, and the governance of §5.4.
struct EngineCore: ~Copyable {
    /// A partition's clock and timers.
    struct PartitionState {
        var clock = Int64.min
        var timers = TimerQueue()
    }

    /// What one program run reads besides the event: the customer and "now" (spec §4).
    struct Moment {
        /// The customer's record, nil when the customer is not held.
        var record: Int32?
        /// The customer id's bytes.
        var customer: UnsafeRawBufferPointer
        /// The customer's encoded profile, nil without one.
        var profile: UnsafeRawBufferPointer?
        /// The time the history queries see up to.
        var now: Int64
        /// The tracked type the current event joined the history of, whose last row is the event itself.
        var currentTracked: Int32?
    }

    /// Per campaign counters kept on the hot path.
    struct CampaignCounters {
        /// Evaluations of a campaign no index covers (indexed ones count by event type).
        var evaluated = 0
        var triggered = 0
        var outcomes = (0, 0, 0, 0, 0, 0, 0)
    }

    var campaigns: CompiledCampaignSet
    var scanner: EventScanner
    var customers = CustomerTable()
    var partitions: [Int32: PartitionState] = [:]
    /// Per campaign, `sent` decisions per budget period.
    var budgets: [[Int64: Int]]
    private var lastTimer: UInt64 = 0
    var profileKeys = ProfileKeys()
    /// The profile key id of each profile field the set reads.
    var profileKeyIDs: [UInt32]
    /// The evaluation stack.
    var stack: UnsafeMutablePointer<Operand>
    /// Values the current event's programs made that are not plain scalars (lists, kept history values).
    var boxes: [Value] = []
    /// Per nested event path of the set, its value for the current event once a program read it, nil before:
    /// the field is parsed once per event however many programs read the path. Forgotten with ``boxes``, so a
    /// boxed value stays valid.
    var eventPathValues: [Operand?]
    /// The paths ``eventPathValues`` holds a value of, to forget them at the next event.
    var eventPathsRead: [Int32] = []
    private var candidates: [Int32] = []
    var firings: [Firing] = []
    /// The `sum` and `last` fields of the event joining a history.
    private var slotNumbers: [Double] = []
    private var slotValues: [Value] = []
    private var sweepCursor = 0
    /// The customer ``trace`` follows, nil when none is traced.
    var tracedCustomer: [UInt8]?
    /// The traced moments so far.
    var trace: [TraceStep] = []
    /// The traced moment being decided.
    var step: TraceStep?

    var events = 0
    var tooLate = 0
    var mismatches = 0
    var typeEvents: [Int]
    /// Per campaign; a buffer rather than an array, so counting needs no uniqueness check.
    var counters: UnsafeMutableBufferPointer<CampaignCounters>

    init(campaigns: CompiledCampaignSet) {
        self.campaigns = campaigns
        scanner = EventScanner(fields: campaigns.eventFields)
        budgets = Array(repeating: [:], count: campaigns.campaigns.count)
        var keys = ProfileKeys()
        profileKeyIDs = campaigns.profileFields.map { keys.id(Array($0.utf8)) }
        profileKeys = keys
        stack = .allocate(capacity: campaigns.stackDepth + 1)
        typeEvents = Array(repeating: 0, count: campaigns.typeNames.count)
        counters = .allocate(capacity: campaigns.campaigns.count)
        counters.initialize(repeating: CampaignCounters())
        candidates.reserveCapacity(64)
        firings.reserveCapacity(16)
        boxes.reserveCapacity(16)
        eventPathValues = Array(repeating: nil, count: campaigns.eventPaths.count)
    }

    deinit {
        stack.deallocate()
        counters.deallocate()
    }

    // MARK: Queries

    /// The clock of `partition`, nil before its first event.
    func clock(of partition: Int32) -> Int64? {
        guard let clock = partitions[partition]?.clock, clock != .min else { return nil }
        return clock
    }

    /// The number of pending waits, kept as they start and end.
    var pendingWaitCount = 0

    /// The counters since the engine started.
    var statistics: EngineStatistics {
        var statistics = EngineStatistics(campaignCount: campaigns.campaigns.count)
        statistics.events = events
        statistics.tooLate = tooLate
        statistics.typeMismatches = mismatches
        for campaign in campaigns.campaigns {
            let counter = counters[campaign.index]
            let evaluated = counter.evaluated + campaigns.indexedEvaluations(of: campaign, typeEvents: typeEvents)
            let outcomes = [
                counter.outcomes.0, counter.outcomes.1, counter.outcomes.2, counter.outcomes.3, counter.outcomes.4,
                counter.outcomes.5, counter.outcomes.6,
            ]
            var campaignStatistics = CampaignStatistics()
            campaignStatistics.evaluated = evaluated
            campaignStatistics.triggered = counter.triggered
            for (outcome, count) in zip(Decision.Outcome.allCases, outcomes) where count > 0 {
                campaignStatistics.outcomes[outcome] = count
            }
            statistics.campaigns[campaign.index] = campaignStatistics
        }
        return statistics
    }

    // MARK: Profiles

    /// Replaces a customer's profile with the JSON object in `json`; nil forgets the customer: profile,
    /// history, pending waits, limit counts. Returns why `json` is not a profile, leaving the customer as is.
    mutating func setProfile(_ json: UnsafeRawBufferPointer?, customer: UnsafeRawBufferPointer) -> DeadLetterReason? {
        guard let json else {
            if let record = customers.find(customer) {
                pendingWaitCount -= customers[record].state.pending.count
                customers.remove(record)
            }
            return nil
        }
        switch Profile.encode(json, keys: &profileKeys) {
        case .success(let profile):
            store(profile, customer: customer)
            return nil
        case .failure(let reason):
            return reason
        }
    }

    /// Replaces the profile of the customer that the JSON object in `json` names in its own `customer` member, as
    /// a line of replay's profile file does (spec §8). Returns why `json` is not such a profile, leaving every
    /// customer as is: not JSON, not an object, then `customer` absent or `null`, or not a non-empty string of at
    /// most ``EventScanner/maximumCustomerLength`` UTF-8 bytes.
    mutating func setProfile(_ json: UnsafeRawBufferPointer) -> DeadLetterReason? {
        let profile: Profile
        switch Profile.encode(json, keys: &profileKeys) {
        case .success(let encoded): profile = encoded
        case .failure(let reason): return reason
        }
        let key = profileKeys.existingID(Self.customerKey)
        return profile.withBytes { bytes in
            switch key.map({ Profile.value(of: $0, in: bytes) }) ?? .missing {
            case .missing:
                return .missingCustomer
            case .string(let customer) where customer.count > 0 && customer.count <= EventScanner.maximumCustomerLength:
                store(profile, customer: customer)
                return nil
            default:
                return .invalidCustomer
            }
        }
    }

    /// The key of the profile member that names its customer in replay's profile file.
    private static let customerKey = Array("customer".utf8)

    /// Makes `profile` the profile of `customer`, holding the customer if needed.
    private mutating func store(_ profile: Profile, customer: UnsafeRawBufferPointer) {
        let hash = BytesTable.hash(customer)
        let record = customers.find(customer, hash: hash)
            ?? customers.insert(String(decoding: customer, as: UTF8.self), hash: hash)
        customers[record].state.profile = profile
    }

    // MARK: Events

    /// Decodes and decides one event message (spec §5), appending its decisions in order: timers that fall due
    /// first, then the event's cancellations and governed firings, then timers its triggers started already
    /// due. Returns why the message is not a valid event; such a message changes nothing.
    mutating func process(
        _ message: UnsafeRawBufferPointer, fallbackTime: Int64?, reference: EventReference,
        into decisions: inout [Decision]
    ) -> DeadLetterReason? {
        if let reason = scanner.scan(message, fallbackTime: fallbackTime) { return reason }
        let time = scanner.time
        let partition = reference.partition
        let clock = advance(partition, to: time)
        events += 1
        if time < clock - TrackedType.lateness { tooLate += 1 }
        fireDueTimers(of: partition, clock: clock, into: &decisions)
        let customer = scanner.customer
        if tracedCustomer != nil, isTraced(customer) {
            step = TraceStep(cause: .event(type: String(decoding: scanner.type, as: UTF8.self), time: time, reference: reference))
        }
        defer {
            if let step { trace.append(step) }
            step = nil
        }
        guard let type = campaigns.typeTable.value(for: scanner.type) else { return nil }
        typeEvents[Int(type)] += 1
        forgetEventValues()
        let hash = BytesTable.hash(customer)
        var record = customers.find(customer, hash: hash)
        let plan = campaigns.plans[Int(type)]
        if let tracked = plan.tracked {
            let held = record ?? customers.insert(String(decoding: customer, as: UTF8.self), hash: hash)
            record = held
            appendHistory(tracked: tracked, record: held, customer: customer, time: time)
        }
        if let record, !plan.cancels.isEmpty {
            for index in plan.cancels {
                guard let wait = customers[record].state.removePending(campaign: index) else { continue }
                pendingWaitCount -= 1
                let firing = Firing(campaign: index, trigger: wait.trigger, channel: wait.channel, attributes: wait.attributes)
                self.record(firing, customer: customer, outcome: .cancelled, at: time, into: &decisions)
                verdict(campaigns.campaigns[Int(index)].name, .cancelled)
            }
        }
        if !plan.always.isEmpty || !plan.indexes.isEmpty {
            let profile = record.flatMap { customers[$0].state.profile }
            Self.withBytes(of: profile) { profileBytes in
                let moment = Moment(
                    record: record, customer: customer, profile: profileBytes, now: time, currentTracked: plan.tracked)
                if step == nil {
                    evaluateCandidates(plan, type: type, reference: reference, moment: moment, hash: hash, record: &record)
                } else {
                    traceCandidates(type: type, reference: reference, moment: moment, hash: hash, record: &record)
                }
            }
            if !firings.isEmpty {
                govern(customer: customer, hash: hash, record: &record, at: time, into: &decisions)
            }
        }
        if let record {
            customers[record].state.prune(clock: clock, campaigns: campaigns)
            if customers[record].state.isEmpty { customers.remove(record) }
        }
        fireDueTimers(of: partition, clock: clock, into: &decisions)
        return nil
    }

    /// Calls `body` with the encoded bytes of `profile`, nil without one.
    private static func withBytes<Result>(of profile: Profile?, _ body: (UnsafeRawBufferPointer?) -> Result) -> Result {
        guard let profile else { return body(nil) }
        return profile.withBytes(body)
    }

    /// Adds the current event to its type's history, with the fields `sum` and `last` read of it.
    private mutating func appendHistory(tracked: Int32, record: Int32, customer: UnsafeRawBufferPointer, time: Int64) {
        let type = campaigns.tracked[Int(tracked)]
        let moment = Moment(record: record, customer: customer, profile: nil, now: time, currentTracked: nil)
        slotNumbers.removeAll(keepingCapacity: true)
        slotValues.removeAll(keepingCapacity: true)
        for program in type.numberSlots {
            if case .number(let number) = run(program, moment) { slotNumbers.append(number) } else { slotNumbers.append(.nan) }
        }
        for program in type.valueSlots {
            slotValues.append(value(of: run(program, moment)))
        }
        let position = customers[record].state.history(of: tracked)
        if position == nil {
            customers[record].state.histories.append(TypeHistory(tracked: tracked))
        }
        let index = position ?? customers[record].state.histories.count - 1
        customers[record].state.histories[index].append(time: time, numbers: slotNumbers, values: slotValues)
        customers[record].state.noteAppended(to: index, retention: type.retention)
    }

    /// Step 3 of spec §5 for the candidates of an event: active campaigns whose `when` holds fire, or start
    /// their wait; the firings are left in ``firings``.
    private mutating func evaluateCandidates(
        _ plan: TypePlan, type: Int32, reference: EventReference, moment: Moment, hash: UInt64, record: inout Int32?
    ) {
        candidates.removeAll(keepingCapacity: true)
        candidates.append(contentsOf: plan.always)
        var sources = plan.always.isEmpty ? 0 : 1
        for index in plan.indexes {
            let before = candidates.count
            appendCandidates(of: index, moment: moment)
            if candidates.count > before { sources += 1 }
        }
        if sources > 1 { candidates.sort() }
        firings.removeAll(keepingCapacity: true)
        let checks = campaigns.checks
        let code = campaigns.conditionCode
        for index in candidates {
            let check = checks[Int(index)]
            guard check.isActive(at: moment.now) else { continue }
            if !check.isIndexed { counters[Int(index)].evaluated += 1 }
            if check.conditionCount > 0 {
                let holds = code.withUnsafeBufferPointer { code in
                    let start = Int(check.conditionStart)
                    return run(UnsafeBufferPointer(rebasing: code[start..<start + Int(check.conditionCount)]), moment)
                }.isTrue
                guard holds else { continue }
            }
            counters[Int(index)].triggered += 1
            let campaign = campaigns.campaigns[Int(index)]
            let trigger = Trigger(type: campaigns.typeNames[Int(type)], time: moment.now, reference: reference)
            if let wait = campaign.campaign.wait {
                if let record, customers[record].state.pending.contains(where: { $0.campaign == index }) {
                    continue
                }
                startWait(campaign, milliseconds: wait.milliseconds, trigger: trigger, moment: moment, hash: hash, record: &record)
            } else {
                fire(campaign, trigger: trigger, moment: moment)
            }
        }
    }

    /// Starts the wait of a triggered campaign (spec §6), holding the customer if needed; returns its due time.
    @discardableResult
    mutating func startWait(
        _ campaign: CompiledCampaign, milliseconds: Int64, trigger: Trigger, moment: Moment, hash: UInt64,
        record: inout Int32?
    ) -> Int64 {
        let held = record ?? customers.insert(String(decoding: moment.customer, as: UTF8.self), hash: hash)
        record = held
        lastTimer += 1
        let due = moment.now + milliseconds
        let index = Int32(campaign.index)
        pendingWaitCount += 1
        customers[held].state.pending.append(
            PendingWait(
                campaign: index, partition: trigger.reference.partition, timer: lastTimer, due: due, trigger: trigger,
                channel: channel(of: campaign, moment), attributes: attributes(of: campaign, moment)))
        partitions[trigger.reference.partition]!.timers.insert(
            TimerQueue.Timer(due: due, sequence: lastTimer, customer: customers[held].id, campaign: index))
        return due
    }

    /// Adds a triggered campaign without a wait to the moment's ``firings``, its channel and attributes computed.
    mutating func fire(_ campaign: CompiledCampaign, trigger: Trigger, moment: Moment) {
        firings.append(
            Firing(
                campaign: Int32(campaign.index), trigger: trigger, channel: channel(of: campaign, moment),
                attributes: attributes(of: campaign, moment)))
    }

    /// Appends the campaigns an index finds for the value the event or profile has.
    private mutating func appendCandidates(of index: CandidateIndex, moment: Moment) {
        let list: Int32?
        let source = run(index.source, moment)
        switch source {
        case .string(let bytes): list = index.strings.value(for: bytes)
        case .number(let number): list = index.list(for: number)
        case .bool(let bool): list = index.booleans.first { $0.key == bool }?.list
        case .boxed:
            // A string read inside a nested object.
            if case .string(let string) = value(of: source) { list = index.strings.value(for: string) } else { list = nil }
        default: list = nil
        }
        if let list { candidates.append(contentsOf: index.campaigns[Int(list)]) }
    }

    private mutating func channel(of campaign: CompiledCampaign, _ moment: Moment) -> String? {
        switch campaign.channel {
        case .none: return nil
        case .fixed(let channel): return channel
        case .computed(let program):
            switch run(program, moment) {
            case .string(let bytes):
                return Channel.isUsable(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
            case let other:
                guard case .string(let channel) = value(of: other), Channel.isUsable(channel) else { return nil }
                return channel
            }
        }
    }

    private mutating func attributes(of campaign: CompiledCampaign, _ moment: Moment) -> JSONObject {
        guard !campaign.attributes.isEmpty else { return JSONObject() }
        var object = JSONObject()
        object.members.reserveCapacity(campaign.attributes.count)
        for attribute in campaign.attributes {
            let value = value(of: run(attribute.value, moment))
            if !value.isMissing { object.members.append(.init(key: attribute.key, value: value)) }
        }
        return object
    }

    // MARK: Clocks and timers

    /// Moves the clock of `partition` to `time` if that is later and fires the timers then due: the idle rule
    /// of the daemon, and `--until` in replay.
    mutating func advanceClock(of partition: Int32, to time: Int64, into decisions: inout [Decision]) {
        let clock = advance(partition, to: time)
        fireDueTimers(of: partition, clock: clock, into: &decisions)
    }

    /// Moves the clock of `partition`, created when new, to `time` if that is later; returns the clock.
    private mutating func advance(_ partition: Int32, to time: Int64) -> Int64 {
        var state = partitions.removeValue(forKey: partition) ?? PartitionState()
        if time > state.clock { state.clock = time }
        let clock = state.clock
        partitions[partition] = state
        return clock
    }

    /// Fires the timers of `partition` due at or before `clock`, its clock (the partition exists); a customer's
    /// live timers with the same due time are one moment, decided where the first of them falls in the order.
    private mutating func fireDueTimers(of partition: Int32, clock: Int64, into decisions: inout [Decision]) {
        while let due = partitions[partition]!.timers.nextDue, due <= clock {
            // Customers are told apart by their records, found by the bytes of their ids (not by `String`
            // equality); no customer is held or dropped until the moments are decided.
            var moments: [(record: Int32, timers: [TimerQueue.Timer])] = []
            while partitions[partition]!.timers.nextDue == due, let timer = partitions[partition]!.timers.popFirst() {
                // A cancelled timer is no timer: it must not place its customer's moment.
                guard let record = customers.find(timer.customer),
                    customers[record].state.pending.contains(where: { $0.timer == timer.sequence })
                else { continue }
                if let index = moments.firstIndex(where: { $0.record == record }) {
                    moments[index].timers.append(timer)
                } else {
                    moments.append((record, [timer]))
                }
            }
            // Deciding a moment drops at most its own customer and holds no new one, so the other records stay.
            for moment in moments {
                fire(moment.timers, record: moment.record, at: due, into: &decisions)
            }
        }
    }

    /// Decides the moment at `due` of the customer in `record`: the pending waits of `timers`, governed together.
    private mutating func fire(_ timers: [TimerQueue.Timer], record: Int32, at due: Int64, into decisions: inout [Decision]) {
        firings.removeAll(keepingCapacity: true)
        for timer in timers {
            guard
                let index = customers[record].state.pending.firstIndex(where: {
                    $0.campaign == timer.campaign && $0.timer == timer.sequence
                })
            else { continue }
            let wait = customers[record].state.pending.remove(at: index)
            pendingWaitCount -= 1
            firings.append(Firing(campaign: wait.campaign, trigger: wait.trigger, channel: wait.channel, attributes: wait.attributes))
        }
        firings.sort { $0.campaign < $1.campaign }
        var id = customers[record].id
        let hash = customers[record].hash
        id.withUTF8 { bytes in
            let bytes = UnsafeRawBufferPointer(bytes)
            if tracedCustomer != nil, isTraced(bytes) { step = TraceStep(cause: .timers(due: due)) }
            var held: Int32? = record
            govern(customer: bytes, hash: hash, record: &held, at: due, into: &decisions)
            if let step { trace.append(step) }
            step = nil
        }
        if customers[record].state.isEmpty { customers.remove(record) }
    }

    // MARK: Housekeeping

    /// Forgets the history and limit counts no query can see any more, and customers left with nothing, for
    /// up to `limit` customers from where the last sweep stopped; `clock` is the oldest partition clock, so
    /// nothing a partition still needs goes. Returns the number of customers looked at.
    @discardableResult
    mutating func sweep(limit: Int) -> Int {
        let clocks = partitions.values.map(\.clock).filter { $0 != .min }
        guard let clock = clocks.min(), customers.recordLimit > 0 else { return 0 }
        var visited = 0
        while visited < min(limit, customers.recordLimit) {
            if sweepCursor >= customers.recordLimit { sweepCursor = 0 }
            let record = Int32(sweepCursor)
            sweepCursor += 1
            visited += 1
            guard customers.isLive(record) else { continue }
            customers[record].state.prune(clock: clock, campaigns: campaigns)
            if customers[record].state.isEmpty { customers.remove(record) }
        }
        return visited
    }

    /// Drops the clock, timers and pending waits of a partition this instance no longer owns; its next owner
    /// decides them.
    mutating func removePartition(_ partition: Int32) {
        guard partitions.removeValue(forKey: partition) != nil else { return }
        for record in Array(customers.liveRecords)
        where customers[record].state.pending.contains(where: { $0.partition == partition }) {
            let before = customers[record].state.pending.count
            customers[record].state.pending.removeAll { $0.partition == partition }
            pendingWaitCount -= before - customers[record].state.pending.count
            if customers[record].state.isEmpty { customers.remove(record) }
        }
    }
}
