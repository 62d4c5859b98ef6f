#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MallocInterposerSwift

// Exits 0 when the interposer counts this process's allocations, so scripts/bench knows the preload works.
MallocInterposerSwift.initialize()
MallocInterposerSwift.hook()
let buffer = [UInt8](repeating: 1, count: Int(CommandLine.arguments.count) * 4096)
MallocInterposerSwift.unhook()
let counted = MallocInterposerSwift.getStatistics().mallocCount
print("interposer counted \(counted) allocation(s) for a \(buffer.count)-byte array")
exit(counted > 0 ? 0 : 1)
