extension StringProtocol {
    /// The text with every `.` replaced by `separator`.
    func replacingDots(with separator: String) -> String {
        split(separator: ".", omittingEmptySubsequences: false).joined(separator: separator)
    }

    /// The text without spaces and tabs at either end.
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

extension String {
    /// The rest of the string after `prefix`, or nil when it does not start with it or nothing follows.
    func dropping(prefix: String) -> String? {
        guard hasPrefix(prefix), count > prefix.count else { return nil }
        return String(dropFirst(prefix.count))
    }

    /// The string without `suffix`, or nil when it does not end with it or nothing comes before it.
    func droppingSuffix(_ suffix: String) -> String? {
        guard hasSuffix(suffix), count > suffix.count else { return nil }
        return String(dropLast(suffix.count))
    }
}
