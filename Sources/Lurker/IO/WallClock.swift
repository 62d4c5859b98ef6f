#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The machine's clocks: the wall clock in milliseconds for the idle rule and warnings, the monotonic clock
/// for measuring durations, in milliseconds or at the resolution latencies need.
public enum WallClock {
    /// Milliseconds since the Unix epoch, from the real-time clock.
    public static func milliseconds() -> Int64 {
        read(CLOCK_REALTIME) / 1_000_000
    }

    /// Milliseconds from an arbitrary fixed point, never going backwards: for elapsed time.
    public static func monotonicMilliseconds() -> Int64 {
        monotonicNanoseconds() / 1_000_000
    }

    /// Nanoseconds from the point of ``monotonicMilliseconds()``, never going backwards (`CLOCK_MONOTONIC`).
    public static func monotonicNanoseconds() -> Int64 {
        read(CLOCK_MONOTONIC)
    }

    /// The clock's time in nanoseconds.
    private static func read(_ clock: clockid_t) -> Int64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
