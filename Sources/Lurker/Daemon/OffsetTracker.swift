/// Tracks, per input partition, which consumed offsets still have produced messages awaiting the broker's
/// acknowledgement, and which offset may be stored: the one after the last offset whose every output was
/// acknowledged and that has no earlier offset still pending. No event is lost: an offset is stored only
/// when all it produced is durable.
struct OffsetTracker {
    private struct Entry {
        var offset: Int64
        var remaining: Int
    }

    private struct PartitionQueue {
        var entries: [Entry] = []
        var head = 0

        mutating func compact() {
            if head > 1024, head * 2 > entries.count {
                entries.removeFirst(head)
                head = 0
            }
        }
    }

    private var queues: [TopicPartition: PartitionQueue] = [:]
    private var tokens: [UInt64: (TopicPartition, Int64)] = [:]
    private var lastToken: UInt64 = 0

    /// The number of produced messages not yet acknowledged.
    var outstanding: Int { tokens.count }

    /// Registers a consumed offset; its outputs are added with ``expect(_:offset:)``.
    mutating func begin(_ partition: TopicPartition, offset: Int64) {
        queues[partition, default: PartitionQueue()].entries.append(Entry(offset: offset, remaining: 0))
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

    /// Records an acknowledgement; returns false when the token was unknown.
    @discardableResult
    mutating func acknowledge(_ token: UInt64) -> Bool {
        guard let (partition, offset) = tokens.removeValue(forKey: token) else { return false }
        guard var queue = queues[partition] else { return true }
        var low = queue.head
        var high = queue.entries.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if queue.entries[middle].offset == offset {
                queue.entries[middle].remaining -= 1
                break
            } else if queue.entries[middle].offset < offset {
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        queues[partition] = queue
        return true
    }

    /// Removes the leading offsets whose outputs are all acknowledged and returns, per partition, the last
    /// of them: everything up to and including it is durable.
    mutating func drainCompleted() -> [(TopicPartition, Int64)] {
        var completed: [(TopicPartition, Int64)] = []
        for partition in Array(queues.keys) {
            var queue = queues[partition]!
            var last: Int64?
            while queue.head < queue.entries.count, queue.entries[queue.head].remaining == 0 {
                last = queue.entries[queue.head].offset
                queue.head += 1
            }
            queue.compact()
            queues[partition] = queue
            if let last { completed.append((partition, last)) }
        }
        return completed
    }

    /// Forgets partitions that were revoked.
    mutating func remove(_ partitions: [TopicPartition]) {
        for partition in partitions { queues[partition] = nil }
        tokens = tokens.filter { !partitions.contains($0.value.0) }
    }
}
