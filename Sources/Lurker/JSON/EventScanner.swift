/// Reads an event message (spec §3) without building it: validates the whole JSON text, checks `customer`,
/// `type` and `ts`, and records where each top-level field that the campaign set reads is, leaving every other
/// field as bytes it never looks at again.
///
/// The checks run in this order, and the first that fails gives the dead-letter reason:
/// 1. more than ``maximumSize`` bytes: ``DeadLetterReason/tooLarge``;
/// 2. not one JSON text (`1e400` and invalid UTF-8 included, as ``JSONReader``): ``DeadLetterReason/notJSON``;
/// 3. not an object: ``DeadLetterReason/notObject``;
/// 4. `customer` absent or `null`: ``DeadLetterReason/missingCustomer``; not a string, empty, or over 256
///    UTF-8 bytes: ``DeadLetterReason/invalidCustomer``;
/// 5. `type` absent or `null`: ``DeadLetterReason/missingType``; not a string or empty:
///    ``DeadLetterReason/invalidType``;
/// 6. `ts` present and not `null`: an RFC 3339 string (``Timestamp``) or a number with an integral value,
///    epoch milliseconds, either within years 0001-9999 UTC; anything else: ``DeadLetterReason/invalidTimestamp``.
///    `ts` absent or `null`: the fallback time (the Kafka message timestamp), and without one (replay):
///    ``DeadLetterReason/missingTimestamp``.
///
/// A key written twice counts by its last occurrence, as in `JSONSerialization`.
///
/// Allocations: none once warm. Strings with escapes are unescaped into an arena owned by the scanner, sized
/// to the largest message seen; a pointer into it stays valid until the next ``scan(_:fallbackTime:)``.
struct EventScanner: ~Copyable {
    /// The largest message accepted: 1 MiB.
    static let maximumSize = 1_048_576
    /// The largest customer id accepted, in UTF-8 bytes.
    static let maximumCustomerLength = 256
    /// The slots of the fields every event has, in every field table.
    static let customerSlot = 0
    static let typeSlot = 1
    static let timeSlot = 2
    /// The names of those slots, the first entries of every field table.
    static let reservedFields = ["customer", "type", "ts", "channel"]

    /// The top-level fields to record, by name, each with its slot.
    let fields: BytesTable
    /// Per slot, the field found in the last message scanned.
    private(set) var slots: UnsafeMutableBufferPointer<FieldSlot>
    /// The message last scanned.
    private(set) var message = UnsafeRawBufferPointer(start: nil, count: 0)
    private var arena: UnsafeMutableRawBufferPointer
    private var arenaUsed = 0
    /// The event time of the last message scanned.
    private(set) var time: Int64 = 0

    /// Creates a scanner that records `fields` (the reserved fields first, in ``reservedFields`` order).
    init(fields: BytesTable) {
        precondition(fields.count >= Self.reservedFields.count, "a field table starts with the reserved fields")
        self.fields = fields
        slots = .allocate(capacity: fields.count)
        slots.initialize(repeating: FieldSlot())
        arena = .allocate(byteCount: 4096, alignment: 8)
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
    }

    // MARK: Scanning

    /// Reads `message`; afterwards ``slots``, ``time`` and the string accessors describe it. Returns why the
    /// message is not a valid event, or nil.
    mutating func scan(_ message: UnsafeRawBufferPointer, fallbackTime: Int64?) -> DeadLetterReason? {
        guard message.count <= Self.maximumSize else { return .tooLarge }
        self.message = message
        arenaUsed = 0
        if arena.count < message.count {
            arena.deallocate()
            arena = .allocate(byteCount: max(message.count, arena.count * 2), alignment: 8)
        }
        for index in slots.indices { slots[index] = FieldSlot() }
        let isObject: Bool
        do throws(JSONReaderError) {
            isObject = try scanDocument()
        } catch {
            return .notJSON
        }
        guard isObject else { return .notObject }
        return checkRequiredFields(fallbackTime: fallbackTime)
    }

    /// Validates the document, recording the top-level fields when it is an object; returns whether it is one.
    private mutating func scanDocument() throws(JSONReaderError) -> Bool {
        try message.withMemoryRebound(to: UInt8.self) { bytes throws(JSONReaderError) in
            var scanner = JSONScanner(bytes, maximumDepth: 512)
            return try scanner.scanObjectDocument(key: { slot(of: $0, in: bytes) }) { scanner, slot throws(JSONReaderError) in
                if let slot {
                    slots[slot] = try scanner.scanField()
                } else {
                    try scanner.skipValue()
                }
            }
        }
    }

    /// The slot of a key, nil when the campaigns do not read it.
    private mutating func slot(of key: JSONScanner.StringRange, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let content = UnsafeBufferPointer(rebasing: bytes[key.start..<key.end])
        guard key.hasEscapes else { return fields.value(for: UnsafeRawBufferPointer(content)).map(Int.init) }
        let output = arena.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let count = JSONScanner.unescape(content, to: output)
        return fields.value(for: UnsafeRawBufferPointer(start: output, count: count)).map(Int.init)
    }

    private mutating func checkRequiredFields(fallbackTime: Int64?) -> DeadLetterReason? {
        switch slots[Self.customerSlot].kind {
        case .absent: return .missingCustomer
        case .string:
            let customer = string(in: Self.customerSlot)
            guard customer.count > 0, customer.count <= Self.maximumCustomerLength else { return .invalidCustomer }
        default: return .invalidCustomer
        }
        switch slots[Self.typeSlot].kind {
        case .absent: return .missingType
        case .string:
            guard string(in: Self.typeSlot).count > 0 else { return .invalidType }
        default: return .invalidType
        }
        let slot = slots[Self.timeSlot]
        switch slot.kind {
        case .absent:
            guard let fallbackTime else { return .missingTimestamp }
            time = fallbackTime
        case .string:
            guard let parsed = Timestamp.parse(utf8: string(in: Self.timeSlot)) else { return .invalidTimestamp }
            time = parsed
        case .number:
            guard let milliseconds = Self.epochMilliseconds(slot.number) else { return .invalidTimestamp }
            time = milliseconds
        default:
            return .invalidTimestamp
        }
        return nil
    }

    /// A JSON number as epoch milliseconds: integral and within years 0001-9999, else `nil`.
    static func epochMilliseconds(_ number: Double) -> Int64? {
        guard number >= Double(Timestamp.minimum), number <= Double(Timestamp.maximum) else { return nil }
        let milliseconds = Int64(number)
        return Double(milliseconds) == number ? milliseconds : nil
    }

    // MARK: Reading what was scanned

    /// The customer id's bytes, unescaped.
    var customer: UnsafeRawBufferPointer { mutating get { string(in: Self.customerSlot) } }

    /// The type's bytes, unescaped.
    var type: UnsafeRawBufferPointer { mutating get { string(in: Self.typeSlot) } }

    /// The unescaped bytes of the string in `slot` (which must hold a string), valid until the next scan.
    mutating func string(in slot: Int) -> UnsafeRawBufferPointer {
        let field = slots[slot]
        guard field.hasEscapes else { return bytes(of: field) }
        let content = UnsafeBufferPointer(
            start: message.baseAddress!.assumingMemoryBound(to: UInt8.self) + field.start, count: field.end - field.start)
        let output = arena.baseAddress!.assumingMemoryBound(to: UInt8.self) + arenaUsed
        let count = JSONScanner.unescape(content, to: output)
        let start = arenaUsed
        arenaUsed += count
        // Later reads find the unescaped copy in the arena.
        slots[slot] = FieldSlot(kind: .string, start: start, end: start + count, inArena: true)
        return UnsafeRawBufferPointer(start: output, count: count)
    }

    /// The unescaped bytes of a string field recorded with ``FieldSlot/inArena``, or the raw content otherwise.
    func bytes(of field: FieldSlot) -> UnsafeRawBufferPointer {
        field.inArena
            ? UnsafeRawBufferPointer(start: arena.baseAddress! + field.start, count: field.end - field.start)
            : UnsafeRawBufferPointer(rebasing: message[field.start..<field.end])
    }
}
