/// A value of the campaign language (spec §4): what an expression, an event field or a profile field gives.
public enum Value: Sendable, Hashable {
    /// An absent field, JSON `null`, or an operation without a result.
    case missing
    /// A 64-bit floating point number.
    case number(Double)
    /// A string, compared by its UTF-8 bytes.
    case string(String)
    /// A boolean.
    case bool(Bool)
    /// A duration in whole milliseconds.
    case duration(Int64)
    /// A list; JSON `null` elements are `.missing`.
    case list([Value])
    /// A JSON object: present, but only ever written back out.
    case object(JSONObject)
}

/// A JSON object kept in the order of its members, for writing back out as it was given.
public struct JSONObject: Sendable, Hashable {
    /// One member of the object; a JSON `null` value is `.missing`.
    public struct Member: Sendable, Hashable {
        /// The member's key.
        public var key: String
        /// The member's value.
        public var value: Value

        /// Creates a member.
        public init(key: String, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// The members in the order they were written; a key written twice appears twice.
    public var members: [Member]

    /// Creates an object from its members.
    public init(members: [Member] = []) {
        self.members = members
    }

    /// The value of the last member named `key`, or `.missing` when there is none.
    public subscript(key: String) -> Value {
        for member in members.reversed() where member.key.utf8.elementsEqual(key.utf8) {
            return member.value
        }
        return .missing
    }
}
