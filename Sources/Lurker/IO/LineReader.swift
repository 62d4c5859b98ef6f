#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file line by line in large chunks, handing each line's bytes (without the newline) to a closure.
public struct LineReader {
    /// The file's path, for messages.
    public let path: String

    /// Opens nothing yet; ``forEachLine(_:)`` does.
    public init(path: String) {
        self.path = path
    }

    /// Calls `body` with each line's number (from 1) and bytes; a final line without newline counts too.
    /// A trailing carriage return is removed. Throws when the file cannot be read.
    public func forEachLine(_ body: (Int, UnsafeRawBufferPointer) throws -> Void) throws {
        guard let file = fopen(path, "rb") else {
            throw LurkerError(.fileUnreadable, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var lineNumber = 0
        func emit(_ line: UnsafeRawBufferPointer) throws {
            lineNumber += 1
            var end = line.count
            if end > 0, line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            try body(lineNumber, UnsafeRawBufferPointer(rebasing: line[0..<end]))
        }
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 {
                if ferror(file) != 0 { throw LurkerError(.fileUnreadable, "cannot read \(path)") }
                break
            }
            try chunk.withUnsafeBytes { buffer in
                var start = 0
                for index in 0..<count where buffer[index] == UInt8(ascii: "\n") {
                    if pending.isEmpty {
                        try emit(UnsafeRawBufferPointer(rebasing: buffer[start..<index]))
                    } else {
                        pending.append(contentsOf: buffer[start..<index])
                        try pending.withUnsafeBytes { try emit($0) }
                        pending.removeAll(keepingCapacity: true)
                    }
                    start = index + 1
                }
                pending.append(contentsOf: buffer[start..<count])
            }
        }
        if !pending.isEmpty {
            try pending.withUnsafeBytes { try emit($0) }
        }
    }
}
