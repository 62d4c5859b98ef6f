/// An ordered set of librdkafka configuration properties (`key=value`, as librdkafka spells them).
///
/// Keys keep the order in which they were first set; setting a key again replaces its value in
/// place. The clients layer their role defaults (``consumerDefaults``, ``producerDefaults``)
/// under the configuration they are given, so a configuration normally holds only the
/// deployment's own properties: `bootstrap.servers`, security settings and `-X` overrides.
///
/// Every property is validated by librdkafka itself (``validate()``, and again when a client is
/// created): an unknown property or a bad value is a ``KafkaError`` with code
/// ``KafkaError/Code/configuration`` carrying librdkafka's message.
///
/// The ``description`` is ``redacted``: values of secret properties never reach a log.
public struct KafkaConfiguration: Sendable, Equatable, CustomStringConvertible {
    private var keys: [String] = []
    private var values: [String: String] = [:]

    /// Creates an empty configuration.
    public init() {}

    /// Creates a configuration from properties in order; a later duplicate key replaces an earlier one.
    public init(_ properties: KeyValuePairs<String, String>) {
        for (key, value) in properties {
            self[key] = value
        }
    }

    /// The value of a property, or `nil` when it is not set; assigning `nil` removes it.
    public subscript(key: String) -> String? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil {
                    keys.append(key)
                }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The properties in order.
    public var properties: [(key: String, value: String)] {
        keys.map { ($0, values[$0]!) }
    }

    /// The number of properties.
    public var count: Int {
        keys.count
    }

    /// The comma-separated list of initial brokers (`bootstrap.servers`); default: not set
    /// (librdkafka then has no broker to contact).
    public var bootstrapServers: String? {
        get { self["bootstrap.servers"] }
        set { self["bootstrap.servers"] = newValue }
    }

    /// The consumer group (`group.id`); default: `lurker` (from ``consumerDefaults``).
    public var groupID: String? {
        get { self["group.id"] }
        set { self["group.id"] = newValue }
    }

    /// This configuration with `other`'s properties set on top: `other` wins, new keys go last.
    public func merging(_ other: KafkaConfiguration) -> KafkaConfiguration {
        var merged = self
        for key in other.keys {
            merged[key] = other.values[key]
        }
        return merged
    }

    /// Sets the property of a `-X key=value` override (see ``parseOverride(_:)``).
    ///
    /// - Throws: ``KafkaError`` with code ``KafkaError/Code/configuration`` when `text` is
    ///   malformed. The property itself is validated later, by ``validate()`` or the client.
    public mutating func applyOverride(_ text: String) throws {
        let (key, value) = try Self.parseOverride(text)
        self[key] = value
    }

    /// Splits a `-X key=value` override at its first `=`; the value may be empty or contain `=`.
    ///
    /// Whitespace around the key is dropped; the value is kept as written.
    ///
    /// - Throws: ``KafkaError`` with code ``KafkaError/Code/configuration`` when there is no
    ///   `=` or the key is empty. The text is not echoed when it looks like a secret.
    public static func parseOverride(_ text: String) throws -> (key: String, value: String) {
        let shown = isSensitive(key: text) ? redactedValue : "'\(text)'"
        guard let equals = text.firstIndex(of: "=") else {
            throw KafkaError(
                code: .configuration,
                reason: "expected key=value in -X override, found \(shown) (missing '=')"
            )
        }
        let key = text[..<equals].trimmingWhitespace()
        guard !key.isEmpty else {
            throw KafkaError(
                code: .configuration,
                reason: "expected key=value in -X override, found \(shown) (empty key)"
            )
        }
        return (key, String(text[text.index(after: equals)...]))
    }

    /// Whether a property holds a secret whose value must never be logged: any key containing
    /// `password` or `secret` (`sasl.password`, `ssl.key.password`,
    /// `sasl.oauthbearer.client.secret`, …), plus `ssl.key.pem` and `sasl.oauthbearer.config`.
    public static func isSensitive(key: String) -> Bool {
        let key = key.lowercased()
        return key.contains("password") || key.contains("secret") || key.contains("ssl.key.pem")
            || key.contains("sasl.oauthbearer.config")
    }

    /// The text that stands for a secret's value.
    public static let redactedValue = "[REDACTED]"

    /// The properties in order, secret values (``isSensitive(key:)``) as ``redactedValue``: safe to log.
    public var redactedProperties: [(key: String, value: String)] {
        keys.map { key in
            (key, Self.isSensitive(key: key) ? Self.redactedValue : values[key]!)
        }
    }

    /// The properties as `key=value, …` with secret values (``isSensitive(key:)``) shown as
    /// `[REDACTED]`: safe to log.
    public var redacted: String {
        redactedProperties.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }

    public var description: String {
        redacted
    }

    /// Checks every property with librdkafka (`rd_kafka_conf_set`), in order.
    ///
    /// - Throws: ``KafkaError`` with code ``KafkaError/Code/configuration`` and librdkafka's
    ///   message for the first unknown property or invalid value, for example
    ///   `No such configuration property: "foo"`.
    public func validate() throws {
        try RDKafkaConfig.validate(self)
    }

    /// The consumer's defaults, under any configuration given to ``KafkaConsumer``:
    /// - `group.id=lurker`
    /// - `client.id=lurker`
    /// - `partition.assignment.strategy=cooperative-sticky`: incremental rebalances.
    /// - `enable.auto.offset.store=false`: only offsets the daemon stores
    ///   (``KafkaConsumer/storeOffset(topic:partition:offset:)``) are committed. The consumer
    ///   always forces this one, as its at-least-once guarantee depends on it.
    /// - `enable.auto.commit=true`: stored offsets are committed every
    ///   `auto.commit.interval.ms` (librdkafka's default 5000), on revocation and on close.
    /// - `auto.offset.reset=earliest`: a group with no committed offset starts at the beginning.
    /// - `enable.partition.eof=false`
    /// - `queued.min.messages=1000000` and `queued.max.messages.kbytes=262144`: librdkafka 2.0 stops fetching a
    ///   partition whose local queue reaches these and fetches again only after about a second; with its
    ///   defaults (100,000 messages, 64 MiB) a consumer that decides slower than the brokers deliver stalls in
    ///   bursts. The queue holds at most 256 MiB.
    public static let consumerDefaults = KafkaConfiguration([
        "group.id": "lurker",
        "client.id": "lurker",
        "partition.assignment.strategy": "cooperative-sticky",
        "enable.auto.offset.store": "false",
        "enable.auto.commit": "true",
        "auto.offset.reset": "earliest",
        "enable.partition.eof": "false",
        "queued.min.messages": "1000000",
        "queued.max.messages.kbytes": "262144",
    ])

    /// The producer's defaults, under any configuration given to ``KafkaProducer``:
    /// - `client.id=lurker`
    /// - `enable.idempotence=true`: no duplicates or reordering from retries (implies `acks=all`).
    /// - `linger.ms=1`: batch for up to 1 ms; an offer waits at most that long for company (under load,
    ///   batches fill anyway).
    public static let producerDefaults = KafkaConfiguration([
        "client.id": "lurker",
        "enable.idempotence": "true",
        "linger.ms": "1",
    ])
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
