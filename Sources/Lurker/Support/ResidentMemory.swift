#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's resident memory, for benchmarks.
enum ResidentMemory {
    /// Resident bytes from `/proc/self/statm` (its second number, in pages); 0 where the file does not exist.
    static func bytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        let fields = buffer[0..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Gives the heap's free memory back to the system (glibc's `malloc_trim(0)`), so that memory an earlier
    /// run freed, which glibc keeps resident for reuse, does not hide what the next run adds. Does nothing where
    /// glibc's allocator is not the one in use.
    static func releaseFreeHeap() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let address = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(address, to: Trim.self)(0)
        #endif
    }
}
