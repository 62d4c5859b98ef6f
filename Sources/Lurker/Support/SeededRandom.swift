/// A small, fast, seeded pseudo-random generator for the demo stream and the benchmarks: xoshiro256** seeded through
/// SplitMix64.
///
/// Everything the demo and the benchmarks draw comes from here, with integer arithmetic only, so the same seed gives
/// the same stream on every platform and Swift version (the standard library's `random(in:using:)`
/// promises no such thing).
struct SeededRandom: Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose four words of state are the first four outputs of SplitMix64
    /// started at `seed` (never all zero).
    init(seed: UInt64) {
        var splitMix = seed
        state = (
            Self.splitMix64(&splitMix), Self.splitMix64(&splitMix),
            Self.splitMix64(&splitMix), Self.splitMix64(&splitMix)
        )
    }

    /// Creates the generator of one stream derived from `seed`, for example one customer's: streams
    /// with different indices are independent, so adding customers does not change the others.
    init(seed: UInt64, stream index: UInt64) {
        var mix = seed ^ ((index &+ 1) &* 0x9E37_79B9_7F4A_7C15)
        self.init(seed: Self.splitMix64(&mix))
    }

    /// The next 64 random bits (xoshiro256**).
    mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    /// A number in `range`, by Lemire's multiply-shift (the bias is below 2^-40 for the ranges used).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    /// A number in `range`, as ``int(in:)``.
    mutating func int64(in range: ClosedRange<Int64>) -> Int64 {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        return range.lowerBound + Int64(next().multipliedFullWidth(by: span).high)
    }

    /// A number in [0, 1) with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of `elements`, which must not be empty.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[int(in: 0...elements.count - 1)]
    }

    /// An index into `weights`, each drawn with probability proportional to its weight.
    mutating func index(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var draw = unit() * total
        for (index, weight) in weights.enumerated() {
            if draw < weight { return index }
            draw -= weight
        }
        return weights.count - 1
    }

    /// One of `choices`, drawn with probability proportional to its weight.
    mutating func pick<Element>(weighted choices: [(Element, Double)]) -> Element {
        choices[index(weights: choices.map(\.1))].0
    }

    private static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    private func rotateLeft(_ value: UInt64, by count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}
