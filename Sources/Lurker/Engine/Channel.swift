/// Channel names: where an offer can be published.
enum Channel {
    /// Whether `name` is a usable channel: `[a-z0-9_-]{1,64}` (spec §5).
    static func isUsable(_ name: String) -> Bool {
        isUsable(name.utf8)
    }

    /// Whether the UTF-8 bytes `bytes` are a usable channel.
    static func isUsable(_ bytes: some Collection<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 64 else { return false }
        return bytes.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
