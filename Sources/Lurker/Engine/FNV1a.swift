/// Decision ids and holdout membership: FNV-1a 64-bit hashes over UTF-8 bytes.
enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Folds `bytes` into `hash`.
    static func add(_ bytes: some Sequence<UInt8>, to hash: inout UInt64) {
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
    }

    /// Whether `customer` is in the control group of a campaign holding out `basisPoints` (spec §5.4.4).
    static func isHeldOut(campaign: String, customer: String, basisPoints: Int) -> Bool {
        guard basisPoints > 0 else { return false }
        var hash = offsetBasis
        add(campaign.utf8, to: &hash)
        add(CollectionOfOne(0), to: &hash)
        add(customer.utf8, to: &hash)
        return hash % 10_000 < UInt64(basisPoints)
    }

    /// The id of the one decision a campaign makes for a triggering event: the hash of the campaign name,
    /// the customer and where the trigger was read, fields separated by a 0x00 byte. A campaign makes at
    /// most one decision per trigger, so ids differ between decisions; a redelivered event gives the same ids.
    static func decisionID(campaign: String, customer: String, trigger: EventReference) -> String {
        var hash = offsetBasis
        for part in [campaign, customer, trigger.topic, String(trigger.partition), String(trigger.offset)] {
            add(part.utf8, to: &hash)
            add(CollectionOfOne(0), to: &hash)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
