import RuleDSL

/// The kept events of one tracked type for one customer, in processing order (spec §3, §4).
struct TypeHistory: Sendable {
    /// One kept event: its time and the fields `sum` and `last` read, by slot.
    struct Entry: Sendable {
        var time: Int64
        var fields: [Value]
    }

    /// The tracked type's index in the compiled set.
    var type: Int
    /// The kept events in processing order.
    var entries: [Entry] = []

    /// The events in the window (now − D, now], the current one included when it is of this type.
    /// A window of zero or less is empty; one over 366d counts as 366d.
    func forEachInWindow(now: Int64, window: Int64, _ body: (Entry) -> Void) {
        guard window > 0 else { return }
        let start = now - min(window, HistoryRequirements.longestWindow)
        for entry in entries where entry.time > start && entry.time <= now {
            body(entry)
        }
    }

    /// The latest earlier event with time ≤ now (ties: the one processed last), skipping the current event,
    /// which is the last entry when `excludingLast` is set.
    func latest(atOrBefore now: Int64, excludingLast: Bool) -> Entry? {
        var best: Entry?
        let end = excludingLast ? entries.count - 1 : entries.count
        guard end > 0 else { return nil }
        for entry in entries[0..<end] where entry.time <= now {
            if best == nil || entry.time >= best!.time { best = entry }
        }
        return best
    }

    /// Forgets events at or before `cutoff`, keeping the latest of them when `keepsLatest` is set.
    mutating func prune(cutoff: Int64, keepsLatest: Bool) {
        var oldest: Int?
        var latestOld: Int?
        for (index, entry) in entries.enumerated() where entry.time <= cutoff {
            if oldest == nil { oldest = index }
            if latestOld == nil || entry.time >= entries[latestOld!].time { latestOld = index }
        }
        guard oldest != nil else { return }
        let kept = keepsLatest ? latestOld : nil
        var remaining: [Entry] = []
        remaining.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() where entry.time > cutoff || index == kept {
            remaining.append(entry)
        }
        entries = remaining
    }
}
