/// A flag of `lurker run` as given on the command line, for ``ConfigurationLoader``.
public struct ConfigurationFlag: Sendable, Equatable {
    /// The long name of a setting's flag without its dashes (``ConfigurationSetting/flag``), or `X` for a
    /// librdkafka property.
    public var name: String
    /// The value as written; `key=value` for `X`.
    public var value: String

    /// Creates a flag.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
