#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer to a file descriptor (standard output or error), flushed when full and on ``flush()``.
public final class OutputStream {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int

    /// Standard output, buffered.
    public static func standardOutput() -> OutputStream { OutputStream(descriptor: 1) }
    /// Standard error, written at once.
    public static func standardError() -> OutputStream { OutputStream(descriptor: 2, capacity: 0) }

    init(descriptor: Int32, capacity: Int = 1 << 16) {
        self.descriptor = descriptor
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    deinit { flush() }

    /// Whether the descriptor is a terminal (for colour and progress lines).
    public var isTerminal: Bool { isatty(descriptor) != 0 }

    /// Appends bytes.
    public func write(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    /// Appends a string's UTF-8 bytes.
    public func write(_ text: String) {
        write(text.utf8)
    }

    /// Writes out what is buffered, retrying short writes.
    public func flush() {
        var written = 0
        buffer.withUnsafeBytes { bytes in
            while written < bytes.count {
                #if canImport(Glibc)
                let count = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                #else
                let count = Darwin.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                #endif
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return }
                written += count
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
