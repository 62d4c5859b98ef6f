import RuleDSL

/// A customer profile kept compact: every member of the profile's JSON object, keys as ids of the engine's
/// ``ProfileKeys``, values in a small binary form, in one allocation of a few dozen bytes, so a million profiles
/// fit in little memory and a lookup walks a few bytes. All members are kept, not only those the campaigns read
/// today, so a reloaded campaign set that reads another field finds it.
///
/// Layout, member after member: the key id (a varint), a tag byte, then the payload: nothing for `false` and
/// `true`, a zigzag varint for an integral number of at most 2^53, 8 bytes for any other number, a varint length
/// and the UTF-8 bytes for a string, a varint length and the JSON text for an array or an object. `null` members
/// are left out (they read as missing), and of a key written twice only the last is kept, as in
/// `JSONSerialization`.
struct Profile: @unchecked Sendable {
    // @unchecked: `storage` is written once when the profile is encoded, then only read.

    private enum Tag: UInt8 {
        case `false`, `true`, integer, number, string, json
    }

    /// The encoded members, in a buffer of their own.
    private let storage: ProfileStorage

    /// Calls `body` with the encoded members, valid for the call.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        storage.withUnsafeMutablePointers { count, bytes in body(UnsafeRawBufferPointer(start: bytes, count: count.pointee)) }
    }

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
                let isObject = try scanner.scanObjectDocument(key: { keys.id(string($0)) }) {
                    scanner, key throws(JSONReaderError) in
                    let field = try scanner.scanField()
                    members.removeAll { $0.key == key }
                    members.append((key, field))
                }
                guard isObject else { return .failure(.notObject) }
            } catch {
                return .failure(.notJSON)
            }
            var encoded: [UInt8] = []
            encoded.reserveCapacity(bytes.count)
            func varint(_ value: UInt64) {
                var rest = value
                while rest >= 0x80 {
                    encoded.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                    rest >>= 7
                }
                encoded.append(UInt8(rest))
            }
            for (key, field) in members where field.kind != .absent {
                varint(UInt64(key))
                switch field.kind {
                case .bool:
                    encoded.append(field.number == 1 ? Tag.true.rawValue : Tag.false.rawValue)
                case .number where field.number == field.number.rounded() && abs(field.number) <= 9_007_199_254_740_992:
                    // The sign of a zero is never observable in the language (-0 == 0, and both are written 0).
                    let integer = Int64(field.number)
                    encoded.append(Tag.integer.rawValue)
                    varint(UInt64(bitPattern: (integer << 1) ^ (integer >> 63)))
                case .number:
                    encoded.append(Tag.number.rawValue)
                    let bits = field.number.bitPattern
                    for shift in stride(from: 0, to: 64, by: 8) { encoded.append(UInt8(truncatingIfNeeded: bits >> shift)) }
                case .string:
                    let content = string(JSONScanner.StringRange(start: field.start, end: field.end, hasEscapes: field.hasEscapes))
                    encoded.append(Tag.string.rawValue)
                    varint(UInt64(content.count))
                    encoded.append(contentsOf: content)
                default:
                    encoded.append(Tag.json.rawValue)
                    varint(UInt64(field.end - field.start))
                    encoded.append(contentsOf: bytes[field.start..<field.end])
                }
            }
            return .success(Profile(storage: ProfileStorage.make(encoded)))
        }
    }

    /// The value of member `key` in the encoded `bytes` of a profile; strings and JSON point into `bytes`.
    static func value(of key: UInt32, in bytes: UnsafeRawBufferPointer) -> Operand {
        var offset = 0
        func varint() -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }
        while offset < bytes.count {
            let found = varint()
            let tag = Tag(rawValue: bytes[offset])!
            offset += 1
            let start: Int
            switch tag {
            case .false, .true:
                if found == key { return .bool(tag == .true) }
            case .integer:
                let zigzag = varint()
                if found == key { return .number(Double(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))) }
            case .number:
                start = offset
                offset += 8
                if found == key {
                    return .number(Double(bitPattern: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self).littleEndian))
                }
            case .string, .json:
                let length = Int(varint())
                start = offset
                offset += length
                if found == key {
                    let content = UnsafeRawBufferPointer(rebasing: bytes[start..<offset])
                    return tag == .string ? .string(content) : .json(content)
                }
            }
        }
        return .missing
    }
}

/// The heap buffer of one ``Profile``: its byte count, then its bytes, in one allocation.
final class ProfileStorage: ManagedBuffer<Int, UInt8> {
    /// A buffer holding `bytes`.
    static func make(_ bytes: [UInt8]) -> ProfileStorage {
        let storage = create(minimumCapacity: bytes.count) { _ in bytes.count } as! ProfileStorage
        storage.withUnsafeMutablePointerToElements { elements in
            bytes.withUnsafeBufferPointer { source in
                guard let base = source.baseAddress else { return }
                elements.initialize(from: base, count: source.count)
            }
        }
        return storage
    }
}
