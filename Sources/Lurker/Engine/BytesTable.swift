#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An immutable hash table from byte strings to small integers, looked up by bytes without allocating: event
/// types, field names and the values a campaign index is keyed on, as they come out of a message.
///
/// Open addressing with linear probing at a load factor of at most one half; keys live in one byte arena.
struct BytesTable: Sendable {
    private struct Slot: Sendable {
        /// The key's hash with the top bit set; 0 marks an empty slot.
        var hash: UInt64 = 0
        var keyStart: Int32 = 0
        var keyCount: Int32 = 0
        var value: Int32 = 0
    }

    private let slots: [Slot]
    private let keys: [UInt8]
    private let mask: Int

    /// The number of keys.
    let count: Int

    /// Builds the table; a key given twice keeps its first value.
    init(_ entries: [(key: [UInt8], value: Int32)]) {
        var capacity = 8
        while capacity < entries.count * 2 { capacity *= 2 }
        var slots = [Slot](repeating: Slot(), count: capacity)
        var keys: [UInt8] = []
        var count = 0
        let mask = capacity - 1
        for (key, value) in entries {
            let hash = key.withUnsafeBytes { Self.hash($0) }
            var index = Int(truncatingIfNeeded: hash) & mask
            var isNew = true
            while slots[index].hash != 0 {
                let slot = slots[index]
                if slot.hash == hash, keys[Int(slot.keyStart)..<Int(slot.keyStart + slot.keyCount)].elementsEqual(key) {
                    isNew = false
                    break
                }
                index = (index + 1) & mask
            }
            guard isNew else { continue }
            slots[index] = Slot(hash: hash, keyStart: Int32(keys.count), keyCount: Int32(key.count), value: value)
            keys.append(contentsOf: key)
            count += 1
        }
        self.slots = slots
        self.keys = keys
        self.mask = mask
        self.count = count
    }

    /// The value of `key`, nil when it is not in the table.
    @inline(__always)
    func value(for key: UnsafeRawBufferPointer) -> Int32? {
        let hash = Self.hash(key)
        var index = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBytes { keys in
                while true {
                    let slot = slots[index]
                    if slot.hash == 0 { return nil }
                    if slot.hash == hash, Int(slot.keyCount) == key.count,
                        key.count == 0 || memcmp(keys.baseAddress! + Int(slot.keyStart), key.baseAddress!, key.count) == 0
                    {
                        return slot.value
                    }
                    index = (index + 1) & mask
                }
            }
        }
    }

    /// The value of `key`, nil when it is not in the table.
    func value(for key: String) -> Int32? {
        var key = key
        return key.withUTF8 { value(for: UnsafeRawBufferPointer($0)) }
    }

    /// FNV-1a 64 of `bytes` with the top bit set, so no key hashes to 0.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = FNV1a.offsetBasis
        FNV1a.add(bytes, to: &hash)
        return hash | (1 << 63)
    }
}
