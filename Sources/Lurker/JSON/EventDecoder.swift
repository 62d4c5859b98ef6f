import RuleDSL

/// Turns a message into an ``Event``, or tells why it is not one (spec §3).
///
/// The checks run in this order, and the first that fails gives the reason:
/// 1. more than ``maximumSize`` bytes: ``DeadLetterReason/tooLarge``;
/// 2. not one JSON text (see ``JSONReader``; `1e400` and invalid UTF-8 included): ``DeadLetterReason/notJSON``;
/// 3. not an object: ``DeadLetterReason/notObject``;
/// 4. `customer` absent or `null`: ``DeadLetterReason/missingCustomer``; not a string, empty, or over
///    256 UTF-8 bytes: ``DeadLetterReason/invalidCustomer``;
/// 5. `type` absent or `null`: ``DeadLetterReason/missingType``; not a string or empty:
///    ``DeadLetterReason/invalidType`` (no length limit);
/// 6. `ts` present and not `null`: an RFC 3339 string (``Timestamp``) or a number with an integral value,
///    epoch milliseconds, either within years 0001-9999 UTC; anything else: ``DeadLetterReason/invalidTimestamp``.
///    `ts` absent or `null`: the `fallbackTime` (the Kafka message timestamp), and without one
///    (replay): ``DeadLetterReason/missingTimestamp``.
///
/// A key written twice counts by its last occurrence, as ``JSONObject``'s subscript and Foundation's
/// `JSONSerialization` both do; ``Event/fields`` keeps every occurrence.
///
/// Allocations: those of ``JSONReader`` for the fields; the checks themselves allocate nothing.
public struct EventDecoder: Sendable {
    /// The largest message accepted: 1 MiB.
    public static let maximumSize = 1_048_576
    /// The largest customer id accepted, in UTF-8 bytes.
    public static let maximumCustomerLength = 256

    private let reader = JSONReader()

    /// Creates a decoder.
    public init() {}

    /// Decodes the event in `bytes`; `fallbackTime` (epoch milliseconds) stands in for an absent `ts`.
    public func decode(_ bytes: UnsafeRawBufferPointer, fallbackTime: Int64?) -> Result<Event, DeadLetterReason> {
        guard bytes.count <= Self.maximumSize else { return .failure(.tooLarge) }
        let value: Value
        do {
            value = try reader.read(bytes)
        } catch {
            return .failure(.notJSON)
        }
        guard case .object(let fields) = value else { return .failure(.notObject) }
        return event(from: fields, fallbackTime: fallbackTime)
    }

    /// Decodes the event in `bytes`; `fallbackTime` (epoch milliseconds) stands in for an absent `ts`.
    public func decode(_ bytes: [UInt8], fallbackTime: Int64?) -> Result<Event, DeadLetterReason> {
        bytes.withUnsafeBytes { decode($0, fallbackTime: fallbackTime) }
    }

    /// Decodes the event in the UTF-8 of `text`; `fallbackTime` stands in for an absent `ts`.
    public func decode(_ text: String, fallbackTime: Int64?) -> Result<Event, DeadLetterReason> {
        var text = text
        return text.withUTF8 { decode(UnsafeRawBufferPointer($0), fallbackTime: fallbackTime) }
    }

    /// Checks the fields of an object already read and makes it an event.
    public func event(from fields: JSONObject, fallbackTime: Int64?) -> Result<Event, DeadLetterReason> {
        let customer: String
        switch Self.customer(in: fields) {
        case .success(let value): customer = value
        case .failure(let reason): return .failure(reason)
        }

        let type: String
        switch fields["type"] {
        case .missing:
            return .failure(.missingType)
        case .string(let value) where !value.utf8.isEmpty:
            type = value
        default:
            return .failure(.invalidType)
        }

        let time: Int64
        switch fields["ts"] {
        case .missing:
            guard let fallbackTime else { return .failure(.missingTimestamp) }
            time = fallbackTime
        case .string(let text):
            guard let parsed = Timestamp.parse(text) else { return .failure(.invalidTimestamp) }
            time = parsed
        case .number(let number):
            guard let milliseconds = Self.epochMilliseconds(number) else { return .failure(.invalidTimestamp) }
            time = milliseconds
        default:
            return .failure(.invalidTimestamp)
        }

        return .success(Event(customer: customer, type: type, time: time, fields: fields))
    }

    /// The customer id of an event or a profile: `customer`, a non-empty string of at most 256 bytes.
    public static func customer(in fields: JSONObject) -> Result<String, DeadLetterReason> {
        switch fields["customer"] {
        case .missing:
            return .failure(.missingCustomer)
        case .string(let value) where !value.utf8.isEmpty && value.utf8.count <= maximumCustomerLength:
            return .success(value)
        default:
            return .failure(.invalidCustomer)
        }
    }

    /// A JSON number as epoch milliseconds: integral and within years 0001-9999, else `nil`.
    static func epochMilliseconds(_ number: Double) -> Int64? {
        guard number >= Double(Timestamp.minimum), number <= Double(Timestamp.maximum) else { return nil }
        let milliseconds = Int64(number)
        return Double(milliseconds) == number ? milliseconds : nil
    }
}
