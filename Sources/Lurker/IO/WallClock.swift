#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The machine's clocks in milliseconds: the wall clock for the idle rule and warnings, the monotonic clock
/// for measuring durations.
public enum WallClock {
    /// Milliseconds since the Unix epoch, from the real-time clock.
    public static func milliseconds() -> Int64 {
        read(CLOCK_REALTIME)
    }

    /// Milliseconds from an arbitrary fixed point, never going backwards: for elapsed time.
    public static func monotonicMilliseconds() -> Int64 {
        read(CLOCK_MONOTONIC)
    }

    private static func read(_ clock: clockid_t) -> Int64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
