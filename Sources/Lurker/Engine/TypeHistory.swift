import RuleDSL

/// The kept events of one tracked type for one customer, in processing order (spec §3, §4): their times, and
/// the fields `sum` reads (number slots) and `last` reads (value slots), row by row.
struct TypeHistory: Sendable {
    /// The tracked type's index in the compiled set.
    var tracked: Int32
    /// The kept events' times.
    private(set) var times: [Int64] = []
    /// Per event, one number per number slot; NaN where the field was not a number.
    private(set) var numbers: [Double] = []
    /// Per event, one value per value slot.
    private(set) var values: [Value] = []

    init(tracked: Int32) {
        self.tracked = tracked
    }

    /// Appends an event.
    mutating func append(time: Int64, numbers: some Sequence<Double>, values: some Sequence<Value>) {
        times.append(time)
        self.numbers.append(contentsOf: numbers)
        self.values.append(contentsOf: values)
    }

    /// The number of events in the window (now − D, now]; a window of zero or less is empty, one over 366d
    /// counts as 366d.
    func count(now: Int64, window: Int64) -> Int {
        guard window > 0 else { return 0 }
        let start = now - min(window, HistoryCall.longestWindow)
        var count = 0
        for time in times where time > start && time <= now { count += 1 }
        return count
    }

    /// The sum of number slot `slot` over the window's events in processing order, non-numbers skipped.
    func sum(now: Int64, window: Int64, slot: Int, slots: Int) -> Double {
        guard window > 0 else { return 0 }
        let start = now - min(window, HistoryCall.longestWindow)
        var total = 0.0
        for (row, time) in times.enumerated() where time > start && time <= now {
            let number = numbers[row * slots + slot]
            if !number.isNaN { total += number }
        }
        return total
    }

    /// The row of the latest earlier event with time ≤ now (ties: the one processed last), skipping the
    /// current event, which is the last row when `excludingLast` is set.
    func latest(atOrBefore now: Int64, excludingLast: Bool) -> Int? {
        var best: Int?
        let end = excludingLast ? times.count - 1 : times.count
        guard end > 0 else { return nil }
        for row in 0..<end where times[row] <= now {
            if best == nil || times[row] >= times[best!] { best = row }
        }
        return best
    }

    /// The time of row `row`.
    func time(at row: Int) -> Int64 { times[row] }

    /// Value slot `slot` of row `row`.
    func value(at row: Int, slot: Int, slots: Int) -> Value { values[row * slots + slot] }

    /// The earliest time kept (the history is not empty).
    var oldestTime: Int64 { times.min()! }

    /// The earliest time of an event that pruning may forget: any kept event, but the latest one when
    /// `keepsLatest` is set; nil when there is none.
    func oldestForgettableTime(keepsLatest: Bool) -> Int64? {
        guard keepsLatest else { return times.min() }
        guard let latest = latest(atOrBefore: .max, excludingLast: false) else { return nil }
        var oldest: Int64?
        for (row, time) in times.enumerated() where row != latest {
            oldest = min(oldest ?? time, time)
        }
        return oldest
    }

    /// Whether nothing is kept.
    var isEmpty: Bool { times.isEmpty }

    /// This history under another layout of slots, after a reload: new number slot `i` takes old slot
    /// `numberSources[i]` (NaN where nil: the field was not kept), and likewise for value slots (missing where nil).
    func relaid(
        as tracked: Int32, numberSources: [Int?], oldNumberSlots: Int, valueSources: [Int?], oldValueSlots: Int
    ) -> TypeHistory {
        var history = TypeHistory(tracked: tracked)
        for row in times.indices {
            history.append(
                time: times[row],
                numbers: numberSources.map { $0.map { numbers[row * oldNumberSlots + $0] } ?? .nan },
                values: valueSources.map { $0.map { values[row * oldValueSlots + $0] } ?? .missing })
        }
        return history
    }

    /// Forgets events at or before `cutoff`, keeping the latest of them when `keepsLatest` is set.
    mutating func prune(cutoff: Int64, keepsLatest: Bool, numberSlots: Int, valueSlots: Int) {
        guard times.contains(where: { $0 <= cutoff }) else { return }
        var kept: Int?
        if keepsLatest {
            for (row, time) in times.enumerated() where time <= cutoff {
                if kept == nil || time >= times[kept!] { kept = row }
            }
        }
        var write = 0
        for row in times.indices where times[row] > cutoff || row == kept {
            if write != row {
                times[write] = times[row]
                for slot in 0..<numberSlots { numbers[write * numberSlots + slot] = numbers[row * numberSlots + slot] }
                for slot in 0..<valueSlots { values[write * valueSlots + slot] = values[row * valueSlots + slot] }
            }
            write += 1
        }
        times.removeLast(times.count - write)
        numbers.removeLast(numbers.count - write * numberSlots)
        values.removeLast(values.count - write * valueSlots)
    }
}
