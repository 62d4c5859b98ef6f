import RuleDSL

/// A customer profile kept compact: every member of the profile's JSON object, keys as ids of the engine's
/// ``ProfileKeys``, values in a small binary form, so a million profiles fit in little memory and a lookup walks
/// a few bytes. All members are kept, not only those the campaigns read today, so a reloaded campaign set that
/// reads another field finds it.
///
/// Layout, member after member: the key id (4 bytes, little endian), a tag byte, then the payload: nothing for
/// `false` and `true`, 8 bytes for a number, a 4-byte length and the UTF-8 bytes for a string, a 4-byte length
/// and the JSON text for an array or an object. `null` members are left out (they read as missing), and of a
/// key written twice only the last is kept, as in `JSONSerialization`.
struct Profile: Sendable {
    private enum Tag: UInt8 {
        case `false`, `true`, number, string, json
    }

    /// The encoded members.
    private(set) var bytes: [UInt8]

    /// Encodes the JSON object in `json`, or tells why it is not one.
    static func encode(_ json: UnsafeRawBufferPointer, keys: inout ProfileKeys) -> Result<Profile, DeadLetterReason> {
        json.withMemoryRebound(to: UInt8.self) { bytes in
            var members: [(key: UInt32, field: FieldSlot)] = []
            var scanner = JSONScanner(bytes, maximumDepth: 512)
            var unescaped = [UInt8](repeating: 0, count: bytes.count)
            func string(_ range: JSONScanner.StringRange) -> [UInt8] {
                let content = UnsafeBufferPointer(rebasing: bytes[range.start..<range.end])
                guard range.hasEscapes else { return Array(content) }
                let count = unescaped.withUnsafeMutableBufferPointer { JSONScanner.unescape(content, to: $0.baseAddress!) }
                return Array(unescaped[0..<count])
            }
            do throws(JSONReaderError) {
                scanner.skipByteOrderMark()
                guard try scanner.next() == UInt8(ascii: "{") else {
                    try scanner.skipValue()
                    try scanner.expectEnd()
                    return .failure(.notObject)
                }
                try scanner.enterContainer()
                if try scanner.next() == UInt8(ascii: "}") {
                    scanner.index += 1
                    scanner.leaveContainer()
                } else {
                    repeat {
                        guard try scanner.next() == UInt8(ascii: "\"") else {
                            throw JSONReaderError(.unexpectedCharacter, at: scanner.index)
                        }
                        let key = keys.id(string(try scanner.scanString()))
                        try scanner.expect(UInt8(ascii: ":"))
                        var field: FieldSlot
                        switch try scanner.next() {
                        case UInt8(ascii: "\""):
                            let range = try scanner.scanString()
                            field = FieldSlot(kind: .string, start: range.start, end: range.end, hasEscapes: range.hasEscapes)
                        case UInt8(ascii: "{"), UInt8(ascii: "["):
                            let open = scanner.index
                            try scanner.skipValue()
                            field = FieldSlot(kind: .object, start: open, end: scanner.index)
                        default:
                            switch try scanner.scanScalar() {
                            case .number(let number): field = FieldSlot(kind: .number, number: number)
                            case .bool(let bool): field = FieldSlot(kind: .bool, number: bool ? 1 : 0)
                            case .null: field = FieldSlot()
                            }
                        }
                        members.removeAll { $0.key == key }
                        members.append((key, field))
                    } while try scanner.continues(before: UInt8(ascii: "}"))
                }
                try scanner.expectEnd()
            } catch {
                return .failure(.notJSON)
            }
            var encoded: [UInt8] = []
            encoded.reserveCapacity(bytes.count)
            func append(_ value: UInt32) {
                for shift in stride(from: 0, to: 32, by: 8) { encoded.append(UInt8(truncatingIfNeeded: value >> shift)) }
            }
            for (key, field) in members where field.kind != .absent {
                append(key)
                switch field.kind {
                case .bool:
                    encoded.append(field.number == 1 ? Tag.true.rawValue : Tag.false.rawValue)
                case .number:
                    encoded.append(Tag.number.rawValue)
                    let bits = field.number.bitPattern
                    append(UInt32(truncatingIfNeeded: bits))
                    append(UInt32(truncatingIfNeeded: bits >> 32))
                case .string:
                    let content = string(JSONScanner.StringRange(start: field.start, end: field.end, hasEscapes: field.hasEscapes))
                    encoded.append(Tag.string.rawValue)
                    append(UInt32(content.count))
                    encoded.append(contentsOf: content)
                default:
                    encoded.append(Tag.json.rawValue)
                    append(UInt32(field.end - field.start))
                    encoded.append(contentsOf: bytes[field.start..<field.end])
                }
            }
            return .success(Profile(bytes: encoded))
        }
    }

    /// The value of member `key` in the encoded `bytes` of a profile; strings and JSON point into `bytes`.
    static func value(of key: UInt32, in bytes: UnsafeRawBufferPointer) -> Operand {
        var offset = 0
        while offset < bytes.count {
            let found = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
            let tag = Tag(rawValue: bytes[offset + 4])!
            offset += 5
            var length = 0
            switch tag {
            case .false, .true: length = 0
            case .number: length = 8
            case .string, .json:
                length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
                offset += 4
            }
            if found == key {
                switch tag {
                case .false: return .bool(false)
                case .true: return .bool(true)
                case .number:
                    return .number(Double(bitPattern: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian))
                case .string: return .string(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]))
                case .json: return .json(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]))
                }
            }
            offset += length
        }
        return .missing
    }
}
