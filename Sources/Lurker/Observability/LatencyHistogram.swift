import Metrics

/// Latencies observed on the pipeline's thread between two exports: a count and a sum per bucket, plain
/// integers without a lock, so that observing one costs no metric call.
///
/// ``drain(into:)`` hands them to a swift-metrics timer as observations at the mean of each bucket, so the
/// exported bucket counts, count and sum are exactly those of the observed values.
struct LatencyHistogram {
    /// The upper bounds of the buckets in nanoseconds, 0.5 ms to 10 s; a last bucket takes the rest.
    static let bounds: [Int64] = [
        500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000, 100_000_000, 250_000_000,
        500_000_000, 1_000_000_000, 2_500_000_000, 5_000_000_000, 10_000_000_000,
    ]

    private var counts = [Int](repeating: 0, count: bounds.count + 1)
    private var sums = [Int64](repeating: 0, count: bounds.count + 1)

    /// The number of observations not yet drained.
    private(set) var count = 0

    /// Records one latency in nanoseconds (a negative one as zero).
    mutating func observe(nanoseconds: Int64) {
        let value = max(nanoseconds, 0)
        var bucket = 0
        while bucket < Self.bounds.count, value > Self.bounds[bucket] { bucket += 1 }
        counts[bucket] += 1
        sums[bucket] &+= value
        count += 1
    }

    /// Records every observation in `timer` and starts afresh. The `c` observations of a bucket whose sum is
    /// `s` are recorded as `s / c`, and `s % c` of them one nanosecond more: all lie in the bucket (between its
    /// smallest and largest observation) and their sum is `s`.
    mutating func drain(into timer: Timer) {
        guard count > 0 else { return }
        for bucket in counts.indices where counts[bucket] > 0 {
            let (quotient, remainder) = sums[bucket].quotientAndRemainder(dividingBy: Int64(counts[bucket]))
            for index in 0..<Int64(counts[bucket]) {
                timer.recordNanoseconds(index < remainder ? quotient + 1 : quotient)
            }
            counts[bucket] = 0
            sums[bucket] = 0
        }
        count = 0
    }
}
