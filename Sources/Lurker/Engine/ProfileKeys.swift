/// The keys of every profile member the engine has seen, as small ids, so each kept profile stores 4 bytes
/// per key instead of the key's text. Keys are few (the profile schema's); they are never forgotten.
struct ProfileKeys: Sendable {
    private var ids: [[UInt8]: UInt32] = [:]

    /// The id of `key`, registering it.
    mutating func id(_ key: [UInt8]) -> UInt32 {
        if let id = ids[key] { return id }
        let id = UInt32(ids.count)
        ids[key] = id
        return id
    }

    /// The id of `key`, nil when no profile had it.
    func existingID(_ key: [UInt8]) -> UInt32? {
        ids[key]
    }
}
