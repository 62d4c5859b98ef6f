import RuleDSL

/// One setting of `lurker run`: its key in the configuration file, its environment variable, its flag,
/// its kind and its default. ``all`` lists them in the order of the reference and of `--print-config`.
public struct ConfigurationSetting: Sendable {
    /// What values a setting takes, and how they are written.
    public enum Kind: Sendable, Equatable {
        /// A string; empty only when `allowsEmpty`.
        case string(allowsEmpty: Bool)
        /// A list of names: a YAML sequence in the file, comma-separated in the environment and in flags.
        case list
        /// A whole number, at least `minimum`.
        case integer(minimum: Int)
        /// One of these words.
        case choice([String])
        /// `HOST:PORT`, the host a name, an IPv4 address or a bracketed IPv6 address; the port 0 to 65535.
        case address
    }

    /// The key in the configuration file, dotted for nested mappings: `topics.events` is `events` under `topics`.
    public let key: String
    /// The long flag of `lurker run`, without its dashes.
    public let flag: String
    /// What the value stands for in help and docs (`HOST:PORT`, `NAME`).
    public let valueName: String
    /// What values it takes.
    public let kind: Kind
    /// One sentence on what it does.
    public let summary: String
    private let read: @Sendable (RunConfiguration) -> ConfigurationValue
    private let write: @Sendable (inout RunConfiguration, ConfigurationValue) -> Void

    init(
        key: String,
        flag: String,
        valueName: String,
        kind: Kind,
        summary: String,
        read: @escaping @Sendable (RunConfiguration) -> ConfigurationValue,
        write: @escaping @Sendable (inout RunConfiguration, ConfigurationValue) -> Void
    ) {
        self.key = key
        self.flag = flag
        self.valueName = valueName
        self.kind = kind
        self.summary = summary
        self.read = read
        self.write = write
    }

    /// The environment variable: `LURKER_` and the key in upper case, dots as underscores
    /// (`topics.dead_letter` is `LURKER_TOPICS_DEAD_LETTER`).
    public var environmentVariable: String {
        "LURKER_" + key.uppercased().replacingDots(with: "_")
    }

    /// The value in a default ``RunConfiguration``.
    public var defaultValue: ConfigurationValue {
        read(RunConfiguration())
    }

    /// This setting's value in `configuration`.
    public func value(in configuration: RunConfiguration) -> ConfigurationValue {
        read(configuration)
    }

    /// Sets this setting in `configuration`; `value` must be one ``parse(_:)`` gave.
    public func set(_ value: ConfigurationValue, in configuration: inout RunConfiguration) {
        write(&configuration, value)
    }

    /// Reads a value as written in an environment variable, a flag or a secret file.
    ///
    /// - Throws: ``LurkerError`` with code ``LurkerError/Code/invalidConfiguration`` and a reason naming
    ///   the key: `batch_size: expected an integer, found 'many'`.
    public func parse(_ text: String) throws(LurkerError) -> ConfigurationValue {
        switch kind {
        case .string(let allowsEmpty):
            guard allowsEmpty || !text.isEmpty else { throw problem("expected a non-empty string, found ''") }
            return .string(text)
        case .list:
            let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            guard !items.contains(where: \.isEmpty) else {
                throw problem("expected a comma-separated list of names, found '\(text)'")
            }
            return .list(items)
        case .integer(let minimum):
            guard let number = Int(text) else { throw problem("expected an integer, found '\(text)'") }
            return try checked(number, minimum: minimum)
        case .choice(let words):
            guard words.contains(text) else {
                let suggestion = Suggestion.closest(to: text, among: words).map { "; did you mean '\($0)'?" } ?? ""
                throw problem("expected one of \(words.joined(separator: ", ")), found '\(text)'\(suggestion)")
            }
            return .string(text)
        case .address:
            guard MetricsServer.hostAndPort(text) != nil else {
                throw problem("expected HOST:PORT (a port from 0 to 65535), found '\(text)'")
            }
            return .string(text)
        }
    }

    /// Checks a number read from the configuration file against the minimum of its kind.
    func checked(_ number: Int, minimum: Int) throws(LurkerError) -> ConfigurationValue {
        guard number >= minimum else { throw problem("expected an integer of at least \(minimum), found \(number)") }
        return .integer(number)
    }

    /// An error for this setting: the reason starts with the key.
    func problem(_ message: String) -> LurkerError {
        LurkerError(.invalidConfiguration, "\(key): \(message)")
    }
}
