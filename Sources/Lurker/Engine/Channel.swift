import RuleDSL

/// Channel names: where an offer can be published.
enum Channel {
    /// Whether `name` is a usable channel: `[a-z0-9_-]{1,64}` (spec §5).
    static func isUsable(_ name: String) -> Bool {
        ChannelSource.isUsable(name.utf8)
    }

    /// Whether the UTF-8 bytes `bytes` are a usable channel (``ChannelSource/isUsable(_:)``).
    static func isUsable(_ bytes: some Collection<UInt8>) -> Bool {
        ChannelSource.isUsable(bytes)
    }
}
