#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The monotonic clock (`CLOCK_MONOTONIC`, as ``WallClock/monotonicMilliseconds()``) at the resolution
/// latencies need.
enum MonotonicClock {
    /// Nanoseconds from an arbitrary fixed point, never going backwards.
    static func nanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
