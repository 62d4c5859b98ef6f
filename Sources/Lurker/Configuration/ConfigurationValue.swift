/// The value of one ``ConfigurationSetting``, checked against its kind.
public enum ConfigurationValue: Sendable, Equatable, CustomStringConvertible {
    /// A string: a path, a name, a word of a choice, an address.
    case string(String)
    /// A list of strings (the events topics).
    case list([String])
    /// A whole number.
    case integer(Int)

    /// The string; only for settings whose kind gives one (a programmer error otherwise).
    var stringValue: String {
        guard case .string(let value) = self else { preconditionFailure("expected a string value, found \(self)") }
        return value
    }

    /// The list; only for settings of kind ``ConfigurationSetting/Kind/list``.
    var listValue: [String] {
        guard case .list(let value) = self else { preconditionFailure("expected a list value, found \(self)") }
        return value
    }

    /// The number; only for settings of kind ``ConfigurationSetting/Kind/integer(minimum:)``.
    var integerValue: Int {
        guard case .integer(let value) = self else { preconditionFailure("expected an integer value, found \(self)") }
        return value
    }

    /// The value as an environment variable or a flag would give it: a list joined with `,`.
    public var description: String {
        switch self {
        case .string(let value): value
        case .list(let values): values.joined(separator: ",")
        case .integer(let value): String(value)
        }
    }
}
