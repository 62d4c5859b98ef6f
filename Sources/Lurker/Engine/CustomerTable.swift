#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The customers the engine holds, found by the bytes of their id as they come out of a message, without
/// building a string: open addressing with linear probing (load at most one half, deletion by backward shift)
/// over records kept in one array, whose freed places are reused.
struct CustomerTable: Sendable {
    /// One held customer.
    struct Record: Sendable {
        /// The customer id (inline, without allocation, up to 15 UTF-8 bytes).
        var id: String
        /// The id's hash, as ``BytesTable/hash(_:)`` gives it.
        var hash: UInt64
        /// What is held.
        var state: CustomerState
    }

    private struct Slot: Sendable {
        /// The id's hash; 0 marks an empty slot.
        var hash: UInt64 = 0
        var record: Int32 = 0
    }

    private var slots = [Slot](repeating: Slot(), count: 16)
    /// The records; a freed one has an empty id and is listed in `free`.
    var records: ContiguousArray<Record> = []
    private var free: [Int32] = []
    /// The number of customers held.
    private(set) var count = 0

    /// The record of the customer with id `id`, nil when not held.
    @inline(__always)
    func find(_ id: UnsafeRawBufferPointer) -> Int32? {
        find(id, hash: BytesTable.hash(id))
    }

    /// The record of the customer with id `id` and hash `hash`, nil when not held.
    func find(_ id: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.hash == 0 { return nil }
            if slot.hash == hash, Self.equals(records[Int(slot.record)].id, id) { return slot.record }
            index = (index + 1) & mask
        }
    }

    /// The record of the customer with id `id`, nil when not held.
    func find(_ id: String) -> Int32? {
        var id = id
        return id.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    /// Holds a new customer (not held yet) with an empty state and returns its record.
    mutating func insert(_ id: String, hash: UInt64) -> Int32 {
        if (count + 1) * 2 > slots.count { grow() }
        let record: Int32
        if let reused = free.popLast() {
            record = reused
            records[Int(record)] = Record(id: id, hash: hash, state: CustomerState())
        } else {
            record = Int32(records.count)
            records.append(Record(id: id, hash: hash, state: CustomerState()))
        }
        place(Slot(hash: hash, record: record))
        count += 1
        return record
    }

    /// Drops a held customer; its record may be reused.
    mutating func remove(_ record: Int32) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: records[Int(record)].hash) & mask
        while slots[index].record != record || slots[index].hash == 0 { index = (index + 1) & mask }
        // Backward shift: move later entries of the probe run into the hole so lookups never stop early.
        var next = (index + 1) & mask
        while slots[next].hash != 0 {
            let home = Int(truncatingIfNeeded: slots[next].hash) & mask
            let isBetween = index <= next ? (home > index && home <= next) : (home > index || home <= next)
            if !isBetween {
                slots[index] = slots[next]
                index = next
            }
            next = (next + 1) & mask
        }
        slots[index] = Slot()
        records[Int(record)] = Record(id: "", hash: 0, state: CustomerState())
        free.append(record)
        count -= 1
    }

    /// The records in use, for sweeps and counts.
    var liveRecords: some Sequence<Int32> {
        records.indices.lazy.filter { self.records[$0].hash != 0 }.map { Int32($0) }
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[index].hash != 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for slot in old where slot.hash != 0 { place(slot) }
    }

    private static func equals(_ id: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let matches = id.utf8.withContiguousStorageIfAvailable { stored in
            stored.count == bytes.count && (bytes.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return matches ?? id.utf8.elementsEqual(bytes)
    }
}
