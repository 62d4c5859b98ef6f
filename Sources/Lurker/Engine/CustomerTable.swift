#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The customers the engine holds, found by the bytes of their id as they come out of a message, without
/// building a string.
///
/// Compact for a million customers: an open-addressing index of 8-byte slots (a 32-bit tag of the id's hash and
/// a record number; linear probing, load at most one half, deletion by backward shift) over records kept in
/// pages of 4,096 that never move, so the table grows without copying records and a record is mutated in place.
/// Freed records are reused.
struct CustomerTable: ~Copyable {
    /// One held customer.
    struct Record: Sendable {
        /// The customer id (inline, without allocation, up to 15 UTF-8 bytes).
        var id: String
        /// The id's hash, as ``BytesTable/hash(_:)`` gives it; 0 for a freed record.
        var hash: UInt64
        /// What is held.
        var state: CustomerState
    }

    private struct Slot {
        /// The upper half of the id's hash with its lowest bit set; 0 marks an empty slot.
        var tag: UInt32 = 0
        var record: Int32 = 0
    }

    private static let pageShift = 12
    private static let pageSize = 1 << pageShift

    private var slots: UnsafeMutableBufferPointer<Slot>
    private var pages: [UnsafeMutablePointer<Record>] = []
    /// Records ever used; those below it are initialized.
    private var used = 0
    private var free: [Int32] = []
    /// The number of customers held.
    private(set) var count = 0

    init() {
        slots = .allocate(capacity: 16)
        slots.initialize(repeating: Slot())
    }

    deinit {
        for index in 0..<used { (pages[index >> Self.pageShift] + (index & (Self.pageSize - 1))).deinitialize(count: 1) }
        for page in pages { page.deallocate() }
        slots.deallocate()
    }

    /// The record `record`, read and changed in place.
    subscript(record: Int32) -> Record {
        unsafeAddress { UnsafePointer(pointer(record)) }
        unsafeMutableAddress { pointer(record) }
    }

    @inline(__always)
    private func pointer(_ record: Int32) -> UnsafeMutablePointer<Record> {
        let index = Int(record)
        return pages[index >> Self.pageShift] + (index & (Self.pageSize - 1))
    }

    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: hash >> 32) | 1
    }

    /// The record of the customer with id `id`, nil when not held.
    @inline(__always)
    func find(_ id: UnsafeRawBufferPointer) -> Int32? {
        find(id, hash: BytesTable.hash(id))
    }

    /// The record of the customer with id `id` and hash `hash`, nil when not held.
    func find(_ id: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        let mask = slots.count - 1
        let tag = Self.tag(hash)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.tag == 0 { return nil }
            if slot.tag == tag {
                let record = pointer(slot.record)
                if record.pointee.hash == hash, Self.equals(record.pointee.id, id) { return slot.record }
            }
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
            pointer(record).pointee = Record(id: id, hash: hash, state: CustomerState())
        } else {
            if used == pages.count << Self.pageShift {
                pages.append(.allocate(capacity: Self.pageSize))
            }
            record = Int32(used)
            pointer(record).initialize(to: Record(id: id, hash: hash, state: CustomerState()))
            used += 1
        }
        place(Slot(tag: Self.tag(hash), record: record), hash: hash)
        count += 1
        return record
    }

    /// Drops a held customer; its record may be reused.
    mutating func remove(_ record: Int32) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: pointer(record).pointee.hash) & mask
        while slots[index].record != record || slots[index].tag == 0 { index = (index + 1) & mask }
        // Backward shift: move later entries of the probe run into the hole so lookups never stop early.
        var next = (index + 1) & mask
        while slots[next].tag != 0 {
            let home = Int(truncatingIfNeeded: pointer(slots[next].record).pointee.hash) & mask
            let isBetween = index <= next ? (home > index && home <= next) : (home > index || home <= next)
            if !isBetween {
                slots[index] = slots[next]
                index = next
            }
            next = (next + 1) & mask
        }
        slots[index] = Slot()
        pointer(record).pointee = Record(id: "", hash: 0, state: CustomerState())
        free.append(record)
        count -= 1
    }

    /// The records in use, for sweeps and counts.
    var liveRecords: [Int32] {
        (0..<used).compactMap { pointer(Int32($0)).pointee.hash != 0 ? Int32($0) : nil }
    }

    /// One past the highest record number in use or freed, to walk every record.
    var recordLimit: Int { used }

    /// Whether record `record` holds a customer.
    func isLive(_ record: Int32) -> Bool {
        pointer(record).pointee.hash != 0
    }

    private mutating func place(_ slot: Slot, hash: UInt64) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].tag != 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = .allocate(capacity: old.count * 2)
        slots.initialize(repeating: Slot())
        for slot in old where slot.tag != 0 { place(slot, hash: pointer(slot.record).pointee.hash) }
        old.deallocate()
    }

    private static func equals(_ id: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let matches = id.utf8.withContiguousStorageIfAvailable { stored in
            stored.count == bytes.count && (bytes.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return matches ?? id.utf8.elementsEqual(bytes)
    }
}
