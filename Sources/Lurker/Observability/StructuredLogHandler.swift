import Logging

/// A swift-log handler that writes one line per record, as logfmt or JSON, for log collectors.
///
/// Every line starts with `ts` (RFC 3339 UTC with milliseconds), `level`, `logger` (the logger's label) and
/// `msg`, then `error` when the record carries one, then the metadata sorted by key. Metadata keys are
/// written as they are (dotted, `kafka.topic`); a nested dictionary is flattened with dots (`a: [b: c]`
/// gives `a.b`); an array is one value, its elements joined with `,` in logfmt and a JSON array of strings
/// in JSON. The handler's own metadata, then the metadata provider's, then the record's: a later one wins
/// on the same key.
///
/// In logfmt a value is quoted when it is empty or holds a space, `=`, `"`, `\` or a control character;
/// inside quotes `"` and `\` are escaped with `\`, and `\n`, `\r`, `\t` and other control characters as
/// in JSON. Characters that cannot appear in a logfmt key (space, `=`, `"`, controls) become `_`.
public struct StructuredLogHandler: LogHandler {
    /// The least severe level written. Default `info`.
    public var logLevel: Logger.Level
    /// Metadata added to every record of this handler. Default none.
    public var metadata: Logger.Metadata = [:]
    /// Metadata computed for every record (for example from a task-local context). Default none.
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let format: LogFormat
    private let clock: @Sendable () -> Int64
    private let sink: @Sendable (String) -> Void

    /// Creates a handler for the logger labelled `label`.
    ///
    /// - Parameters:
    ///   - format: logfmt or JSON. Default logfmt.
    ///   - level: The least severe level written. Default `info`.
    ///   - clock: Epoch milliseconds for `ts`. Default the wall clock.
    ///   - sink: Receives each line, without its line feed. Default: written to standard error, one write each.
    public init(
        label: String,
        format: LogFormat = .logfmt,
        level: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil,
        clock: @escaping @Sendable () -> Int64 = WallClock.milliseconds,
        sink: @escaping @Sendable (String) -> Void = StructuredLogHandler.writeToStandardError
    ) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.clock = clock
        self.sink = sink
    }

    /// Writes `line` and a line feed to standard error in one write.
    @Sendable public static func writeToStandardError(_ line: String) {
        OutputStream.standardError().write(line + "\n")
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let recorded = event.metadata {
            merged.merge(recorded) { _, new in new }
        }
        var fields: [(key: String, value: Field)] = [
            ("ts", .text(Timestamp.format(clock()))),
            ("level", .text(event.level.rawValue)),
            ("logger", .text(label)),
            ("msg", .text(event.message.description)),
        ]
        if let error = event.error {
            fields.append(("error", .text("\(error)")))
        }
        var flattened: [(key: String, value: Field)] = []
        for (key, value) in merged {
            Self.flatten(value, key: key, into: &flattened)
        }
        fields += flattened.sorted { $0.key < $1.key }
        switch format {
        case .logfmt: sink(Self.logfmt(fields))
        case .json: sink(Self.json(fields))
        }
    }

    /// One value of a line: text, or a list of texts (from a metadata array).
    private enum Field {
        case text(String)
        case list([String])
    }

    private static func flatten(_ value: Logger.MetadataValue, key: String, into fields: inout [(key: String, value: Field)]) {
        switch value {
        case .string(let text):
            fields.append((key, .text(text)))
        case .stringConvertible(let convertible):
            fields.append((key, .text(convertible.description)))
        case .dictionary(let dictionary):
            for (subkey, subvalue) in dictionary {
                flatten(subvalue, key: key + "." + subkey, into: &fields)
            }
        case .array(let array):
            fields.append((key, .list(array.map(\.description))))
        }
    }

    private static func logfmt(_ fields: [(key: String, value: Field)]) -> String {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line += " " }
            line += logfmtKey(field.key)
            line += "="
            switch field.value {
            case .text(let text): line += logfmtValue(text)
            case .list(let texts): line += logfmtValue(texts.joined(separator: ","))
            }
        }
        return line
    }

    private static func logfmtKey(_ key: String) -> String {
        guard !key.isEmpty else { return "_" }
        return String(String.UnicodeScalarView(key.unicodeScalars.map { scalar in
            scalar == " " || scalar == "=" || scalar == "\"" || scalar.value < 0x20 || scalar.value == 0x7F ? "_" : scalar
        }))
    }

    private static func logfmtValue(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains { scalar in
            scalar == " " || scalar == "=" || scalar == "\"" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F
        }
        guard needsQuotes else { return value }
        var writer = JSONWriter()
        writer.append(string: value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private static func json(_ fields: [(key: String, value: Field)]) -> String {
        var writer = JSONWriter()
        writer.append(raw: "{")
        for (index, field) in fields.enumerated() {
            if index > 0 { writer.append(raw: ",") }
            writer.append(string: field.key)
            writer.append(raw: ":")
            switch field.value {
            case .text(let text):
                writer.append(string: text)
            case .list(let texts):
                writer.append(raw: "[")
                for (position, text) in texts.enumerated() {
                    if position > 0 { writer.append(raw: ",") }
                    writer.append(string: text)
                }
                writer.append(raw: "]")
            }
        }
        writer.append(raw: "}")
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
