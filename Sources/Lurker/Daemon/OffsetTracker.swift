/// Tracks, per input partition, which consumed offsets still have produced messages awaiting the broker's
/// acknowledgement, and which offset may be stored: the one after the last offset whose every output was
/// acknowledged and that has no earlier offset still pending. No event is lost: an offset is stored only
/// when all it produced is durable.
///
/// It also measures latencies: an offset begun with a consume time is observed once its last output is
/// acknowledged, or, without outputs, when it is drained.
struct OffsetTracker {
    private struct Entry {
        var offset: Int64
        var remaining: Int
        /// Monotonic nanoseconds when it was consumed; 0 once observed, or when not measured.
        var consumedAt: Int64
    }

    private struct PartitionQueue {
        var entries: [Entry] = []
        var head = 0

        /// Counts one acknowledged output of `offset`, observing its latency when it was the last.
        mutating func acknowledge(_ offset: Int64, at now: Int64, into latencies: inout LatencyHistogram) {
            var low = head
            var high = entries.count - 1
            while low <= high {
                let middle = (low + high) / 2
                if entries[middle].offset == offset {
                    entries[middle].remaining -= 1
                    if entries[middle].remaining == 0, entries[middle].consumedAt != 0 {
                        latencies.observe(nanoseconds: now - entries[middle].consumedAt)
                        entries[middle].consumedAt = 0
                    }
                    return
                } else if entries[middle].offset < offset {
                    low = middle + 1
                } else {
                    high = middle - 1
                }
            }
        }

        /// Removes the leading completed entries and returns the last of their offsets.
        mutating func drain(at now: Int64, into latencies: inout LatencyHistogram, completed: inout Int) -> Int64? {
            var last: Int64?
            while head < entries.count, entries[head].remaining == 0 {
                completed += 1
                last = entries[head].offset
                if entries[head].consumedAt != 0 {
                    latencies.observe(nanoseconds: now - entries[head].consumedAt)
                }
                head += 1
            }
            if head > 1024, head * 2 > entries.count {
                entries.removeFirst(head)
                head = 0
            }
            return last
        }
    }

    private var queues: [TopicPartition: PartitionQueue] = [:]
    private var tokens: [UInt64: (TopicPartition, Int64)] = [:]
    private var lastToken: UInt64 = 0

    /// The consumed messages whose outputs are all acknowledged, since the tracker started.
    private(set) var completed = 0

    /// Registers a consumed offset; its outputs are added with ``expect(_:offset:)``. `consumedAt`, in
    /// monotonic nanoseconds, is where its latency starts; 0 leaves it out of the latencies.
    mutating func begin(_ partition: TopicPartition, offset: Int64, consumedAt: Int64 = 0) {
        queues[partition, default: PartitionQueue()].entries.append(
            Entry(offset: offset, remaining: 0, consumedAt: consumedAt))
    }

    /// Registers one output of the last begun offset of `partition` and returns its delivery token.
    mutating func expect(_ partition: TopicPartition, offset: Int64) -> UInt64 {
        lastToken += 1
        tokens[lastToken] = (partition, offset)
        let last = queues[partition]!.entries.count - 1
        queues[partition]!.entries[last].remaining += 1
        return lastToken
    }

    /// A token for an output that belongs to no consumed offset (a timer fired by the idle clock).
    mutating func untracked() -> UInt64 {
        lastToken += 1
        return lastToken
    }

    /// Records an acknowledgement at `now` (monotonic nanoseconds), observing into `latencies` the latency
    /// of the offset whose last output it was; returns false when the token was unknown.
    @discardableResult
    mutating func acknowledge(_ token: UInt64, at now: Int64, into latencies: inout LatencyHistogram) -> Bool {
        guard let (partition, offset) = tokens.removeValue(forKey: token) else { return false }
        queues[partition]?.acknowledge(offset, at: now, into: &latencies)
        return true
    }

    /// Removes the leading offsets whose outputs are all acknowledged and returns, per partition, the last
    /// of them: everything up to and including it is durable. The latencies of offsets that had no output
    /// end at `now` (monotonic nanoseconds).
    mutating func drainCompleted(at now: Int64, into latencies: inout LatencyHistogram) -> [(TopicPartition, Int64)] {
        var completed: [(TopicPartition, Int64)] = []
        for partition in Array(queues.keys) {
            if let last = queues[partition]!.drain(at: now, into: &latencies, completed: &self.completed) {
                completed.append((partition, last))
            }
        }
        return completed
    }

    /// Forgets partitions that were revoked.
    mutating func remove(_ partitions: [TopicPartition]) {
        for partition in partitions { queues[partition] = nil }
        tokens = tokens.filter { !partitions.contains($0.value.0) }
    }
}
