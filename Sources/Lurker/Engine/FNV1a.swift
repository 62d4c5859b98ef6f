/// FNV-1a 64-bit hashes over UTF-8 bytes, computed without allocating: decision ids, holdout membership, and the
/// keys of ``BytesTable`` and ``CustomerTable``.
enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Folds `bytes` into `hash`.
    @inline(__always)
    static func add(_ bytes: some Sequence<UInt8>, to hash: inout UInt64) {
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* prime
        }
    }

    /// Folds the decimal digits of `number` (with a `-` when negative) into `hash`.
    static func add(decimal number: Int64, to hash: inout UInt64) {
        var magnitude = number.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 20 digits, most significant first once reversed
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if number < 0 { add(CollectionOfOne(UInt8(ascii: "-")), to: &hash) }
            for index in stride(from: count - 1, through: 0, by: -1) {
                hash = (hash ^ UInt64(buffer[index])) &* prime
            }
        }
    }

    /// The hash of a campaign name and one 0x00 byte: where the holdout and decision id hashes of the campaign
    /// start (``CompiledCampaign/hashPrefix`` keeps it).
    static func prefix(campaign: String) -> UInt64 {
        var hash = offsetBasis
        add(campaign.utf8, to: &hash)
        add(CollectionOfOne(0), to: &hash)
        return hash
    }

    /// Whether `customer` is in the control group of a campaign holding out `basisPoints` (spec §5.4.4):
    /// FNV-1a 64 of the campaign name, one 0x00 byte and the customer id, modulo 10,000, below the basis points.
    /// `prefix` is the campaign's ``prefix(campaign:)``.
    static func isHeldOut(prefix: UInt64, customer: UnsafeRawBufferPointer, basisPoints: Int) -> Bool {
        guard basisPoints > 0 else { return false }
        var hash = prefix
        add(customer, to: &hash)
        return hash % 10_000 < UInt64(basisPoints)
    }

    /// The id of the one decision a campaign makes for a triggering event: the hash of the campaign name, the
    /// customer and where the trigger was read (topic, partition and offset in decimal), each followed by a
    /// 0x00 byte. A campaign makes at most one decision per trigger, so ids differ between decisions; a
    /// redelivered event gives the same ids. `prefix` is the campaign's ``prefix(campaign:)``.
    static func decisionID(prefix: UInt64, customer: UnsafeRawBufferPointer, trigger: EventReference) -> UInt64 {
        var hash = prefix
        add(customer, to: &hash)
        add(CollectionOfOne(0), to: &hash)
        add(trigger.topic.utf8, to: &hash)
        add(CollectionOfOne(0), to: &hash)
        add(decimal: Int64(trigger.partition), to: &hash)
        add(CollectionOfOne(0), to: &hash)
        add(decimal: trigger.offset, to: &hash)
        add(CollectionOfOne(0), to: &hash)
        return hash
    }

    /// A decision id as it is written: 16 lower-case hex digits.
    static func hex(_ id: UInt64) -> String {
        let digits = String(id, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The id of ``decisionID(prefix:customer:trigger:)`` for a campaign name and a customer id given as strings.
    static func decisionID(campaign: String, customer: String, trigger: EventReference) -> UInt64 {
        var customer = customer
        return customer.withUTF8 {
            decisionID(prefix: prefix(campaign: campaign), customer: UnsafeRawBufferPointer($0), trigger: trigger)
        }
    }
}
