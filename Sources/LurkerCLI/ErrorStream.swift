#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about standard error.
enum ErrorStream {
    /// Whether standard error is a terminal, so diagnostics may use colour.
    static var isTerminal: Bool { isatty(2) != 0 }
}
