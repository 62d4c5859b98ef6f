#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts the process's heap allocations through ordo-one's malloc interposer
/// (`libMallocInterposerSwift.so`), when it is preloaded: `LD_PRELOAD=…/libMallocInterposerSwift.so`.
///
/// The interposer's C entry points are found at run time, so the `lurker` binary does not link the interposer
/// and runs unchanged without it; ``count(_:)`` then counts nothing.
struct AllocationCounter {
    private typealias Toggle = @convention(c) () -> Void
    private typealias Statistics = @convention(c) (
        UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int64>?,
        UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int64>?
    ) -> Void

    private let reset: Toggle?
    private let enable: Toggle?
    private let disable: Toggle?
    private let statistics: Statistics?

    /// Looks the interposer up in the running process.
    init() {
        func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
            #if canImport(Darwin)
            let everyImage = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT
            #else
            let everyImage: UnsafeMutableRawPointer? = nil  // RTLD_DEFAULT
            #endif
            guard let address = dlsym(everyImage, name) else { return nil }
            return unsafeBitCast(address, to: type)
        }
        reset = symbol("malloc_interposer_reset", as: Toggle.self)
        enable = symbol("malloc_interposer_enable", as: Toggle.self)
        disable = symbol("malloc_interposer_disable", as: Toggle.self)
        statistics = symbol("malloc_interposer_get_stats", as: Statistics.self)
    }

    /// Runs `body` and returns the number of allocations it made, nil without the interposer.
    func count(_ body: () -> Void) -> Int64? {
        guard let reset, let enable, let disable, let statistics else {
            body()
            return nil
        }
        reset()
        enable()
        body()
        disable()
        var counts = [Int64](repeating: 0, count: 6)
        counts.withUnsafeMutableBufferPointer { count in
            let base = count.baseAddress!
            statistics(base, base + 1, base + 2, base + 3, base + 4, base + 5)
        }
        return counts[0]
    }
}
