import Foundation
import Testing

@testable import Lurker

/// The byte-level event scanner against Foundation's `JSONSerialization` on a corpus of events: both accept
/// the same messages and read the same values, and both reject malformed ones, for the same dead-letter reason.
@Suite struct EventScannerTests {
    static let fields = ["customer", "type", "ts", "channel", "name", "value", "nested", "tags", "é"]

    static let corpus: [String] = [
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000}"#,
        #"{"customer":"c1","type":"visit","ts":"2026-11-24T10:15:00.000Z","channel":"web"}"#,
        #"  {"customer": "c1", "type": "visit", "ts": 1795478400000}  "#,
        "\u{FEFF}{\"customer\": \"c1\", \"type\": \"visit\", \"ts\": 1795478400000}",
        #"{"customer": "c\u0031", "type": "vis\u0069t", "ts": 1795478400000, "name": "caf\u00e9"}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "name": "\ud83d\ude00 emoji"}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "name": "tab\tnewline\nquote\"slash\/back\\"}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "name": "Zürich 😀 é"}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "nested": {"a": {"b": [1, null, {"c": "d"}]}}}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "tags": ["a", 1, true, null, [2], {}]}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "value": 1e308}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "value": -0.0}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "value": 123456789012345678901234567890}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "value": 0.30000000000000004}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "value": 1e-400}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "value": 2.5E+3}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "value": 9007199254740993}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "value": null}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "value": false}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "name": "first", "name": "second"}"#,
        #"{"customer": "c0", "customer": "c1", "type": "visit", "ts": 1795478400000}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "\u00e9": "escaped key"}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000, "other": {"customer": "nested is not the customer"}}"#,
        #"{"type": "visit", "ts": 1795478400000, "customer": "c1", "channel": 3}"#,
        #"{"customer": "c1", "type": "visit", "ts": "2026-11-24T10:15:00.123456Z"}"#,
        #"{"customer": "c1", "type": "visit", "ts": "2026-11-24T11:15:00+01:00"}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000.0}"#,
        // Malformed: not JSON.
        #"{"customer": "c1", "type": "visit""#,
        #"{"customer": "c1", "type": "visit",}"#,
        #"{'customer': 'c1'}"#,
        #"{"customer": "c1", "type": "visit", "ts": 01}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1e400}"#,
        #"{"customer": "c1", "type": "visit", "value": NaN}"#,
        #"{"customer": "c1", "type": "visit", "name": "\x"}"#,
        #"{"customer": "c1", "type": "visit", "name": "\ud83d"}"#,
        #"{"customer": "c1", "type": "visit", "name": "\ude00"}"#,
        #"{"customer": "c1", "type": "visit"} {"second": 1}"#,
        #"{"customer": "c1", "type": "visit", "nested": {"a": [1, 2}}"#,
        "{\"customer\": \"c1\", \"type\": \"visit\", \"name\": \"raw\u{01}control\"}",
        "",
        "   ",
        "nul",
        // Malformed: not an object.
        #"[{"customer": "c1", "type": "visit"}]"#,
        #""just a string""#,
        "42",
        "null",
        // Malformed: customer, type or ts.
        #"{"type": "visit", "ts": 1795478400000}"#,
        #"{"customer": null, "type": "visit", "ts": 1795478400000}"#,
        #"{"customer": "", "type": "visit", "ts": 1795478400000}"#,
        #"{"customer": 42, "type": "visit", "ts": 1795478400000}"#,
        #"{"customer": ["c1"], "type": "visit", "ts": 1795478400000}"#,
        "{\"customer\": \"\(String(repeating: "x", count: 257))\", \"type\": \"visit\", \"ts\": 1795478400000}",
        "{\"customer\": \"\(String(repeating: "x", count: 256))\", \"type\": \"visit\", \"ts\": 1795478400000}",
        #"{"customer": "c1", "ts": 1795478400000}"#,
        #"{"customer": "c1", "type": null, "ts": 1795478400000}"#,
        #"{"customer": "c1", "type": "", "ts": 1795478400000}"#,
        #"{"customer": "c1", "type": true, "ts": 1795478400000}"#,
        #"{"customer": "c1", "type": "visit"}"#,
        #"{"customer": "c1", "type": "visit", "ts": null}"#,
        #"{"customer": "c1", "type": "visit", "ts": "yesterday"}"#,
        #"{"customer": "c1", "type": "visit", "ts": "2026-02-30T10:00:00Z"}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1795478400000.5}"#,
        #"{"customer": "c1", "type": "visit", "ts": true}"#,
        #"{"customer": "c1", "type": "visit", "ts": 1e20}"#,
    ]

    /// Where Foundation on Linux is more lenient than RFC 8259 (and Python's `json`, and the scanner): a trailing
    /// comma in an object. Such messages are not JSON.
    static let foundationLeniencies = [#"{"customer": "c1", "type": "visit",}"#]

    /// What Foundation makes of a message, by the rules of spec §3; nil when the scanner must accept it.
    static func foundationReason(_ message: String) -> DeadLetterReason? {
        if foundationLeniencies.contains(message) { return .notJSON }
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(message.utf8), options: [.fragmentsAllowed])
        else { return .notJSON }
        guard let object = parsed as? [String: Any] else { return .notObject }
        switch object["customer"] {
        case nil, is NSNull: return .missingCustomer
        case let customer as String where !customer.isEmpty && customer.utf8.count <= 256: break
        default: return .invalidCustomer
        }
        switch object["type"] {
        case nil, is NSNull: return .missingType
        case let type as String where !type.isEmpty: break
        default: return .invalidType
        }
        switch object["ts"] {
        case nil, is NSNull: return .missingTimestamp
        case let text as String: return Timestamp.parse(text) == nil ? .invalidTimestamp : nil
        case let number as NSNumber where !isBoolean(number):
            return EventScanner.epochMilliseconds(number.doubleValue) == nil ? .invalidTimestamp : nil
        default: return .invalidTimestamp
        }
    }

    /// Whether Foundation read a JSON `true` or `false` (its numbers and booleans are both `NSNumber`).
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    @Test(arguments: corpus)
    func scannerAgreesWithFoundation(message: String) throws {
        let table = BytesTable(Self.fields.enumerated().map { (Array($1.utf8), Int32($0)) })
        var scanner = EventScanner(fields: table)
        let bytes = Array(message.utf8)
        let expected = Self.foundationReason(message)
        try bytes.withUnsafeBytes { buffer in
            let reason = scanner.scan(buffer, fallbackTime: nil)
            #expect(reason == expected, "\(message)")
            guard reason == nil, expected == nil else { return }
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(message.utf8), options: [.fragmentsAllowed]) as? [String: Any])
            for (slot, name) in Self.fields.enumerated() {
                let field = scanner.slots[slot]
                switch object[name] {
                case nil, is NSNull:
                    #expect(field.kind == .absent, "\(name) in \(message)")
                case let string as String:
                    #expect(field.kind == .string, "\(name) in \(message)")
                    #expect(Array(scanner.string(in: slot)) == Array(string.utf8), "\(name) in \(message)")
                case let number as NSNumber where Self.isBoolean(number):
                    #expect(field.kind == .bool && (field.number == 1) == number.boolValue, "\(name) in \(message)")
                case let number as NSNumber:
                    // Foundation on Linux rounds some long decimals (0.30000000000000004) to a neighbour; the
                    // scanner gives the correctly rounded value, as Swift's `Double(text)` and Python do.
                    let text = String(decoding: buffer[field.start..<field.end], as: UTF8.self)
                    #expect(field.kind == .number, "\(name) in \(message)")
                    #expect(field.number == Double(text), "\(name) in \(message)")
                    #expect(abs(field.number - number.doubleValue) <= abs(field.number).ulp, "\(name) in \(message)")
                case let nested:
                    let text = Data(scanner.bytes(of: field))
                    let ours = try JSONSerialization.jsonObject(with: text, options: [.fragmentsAllowed])
                    #expect((ours as? NSObject) == (nested as? NSObject), "\(name) in \(message)")
                }
            }
        }
    }

    @Test func rejectsMessagesOverOneMebibyteBeforeReadingThem() {
        var scanner = EventScanner(fields: BytesTable(EventScanner.reservedFields.enumerated().map { (Array($1.utf8), Int32($0)) }))
        let message = #"{"customer": "c1", "type": "visit", "ts": 1, "pad": ""# + String(repeating: "x", count: 1_048_576) + #""}"#
        var bytes = Array(message.utf8)
        #expect(bytes.withUnsafeMutableBytes { scanner.scan(UnsafeRawBufferPointer($0), fallbackTime: nil) } == .tooLarge)
    }

    @Test func usesTheFallbackTimeWhenTsIsAbsent() {
        var scanner = EventScanner(fields: BytesTable(EventScanner.reservedFields.enumerated().map { (Array($1.utf8), Int32($0)) }))
        var bytes = Array(#"{"customer": "c1", "type": "visit"}"#.utf8)
        #expect(bytes.withUnsafeMutableBytes { scanner.scan(UnsafeRawBufferPointer($0), fallbackTime: 42) } == nil)
        #expect(scanner.time == 42)
    }
}
