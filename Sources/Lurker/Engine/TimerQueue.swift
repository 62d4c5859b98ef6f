/// The timers of one partition, in order of due time and then of start (spec §6): a binary min-heap.
/// A timer whose wait was cancelled stays in the heap and is skipped when it surfaces.
struct TimerQueue: Sendable {
    /// One started timer.
    struct Timer: Sendable {
        var due: Int64
        var sequence: UInt64
        var customer: String
        var campaign: Int32

        func precedes(_ other: Timer) -> Bool {
            (due, sequence) < (other.due, other.sequence)
        }
    }

    private var heap: [Timer] = []

    /// The number of timers held, cancelled ones included until they surface.
    var count: Int { heap.count }

    /// The due time of the earliest timer.
    var nextDue: Int64? { heap.first?.due }

    /// Adds a timer.
    mutating func insert(_ timer: Timer) {
        heap.append(timer)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest timer.
    mutating func popFirst() -> Timer? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }

    /// Keeps the timers `transform` maps to a timer (changed or not) and drops those it maps to nil.
    mutating func compactMap(_ transform: (Timer) -> Timer?) {
        let kept = heap.compactMap(transform)
        heap = []
        for timer in kept { insert(timer) }
    }
}
