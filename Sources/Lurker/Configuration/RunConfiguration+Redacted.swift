import Logging
import Yams

extension RunConfiguration {
    /// Every setting and librdkafka property with its value, secrets (``KafkaConfiguration/isSensitive(key:)``)
    /// as `[REDACTED]`: the keys of the configuration file, dotted (`topics.events`, `kafka.sasl.password`),
    /// in reference order, then `kafka.` and `kafka_consumer.` properties in the order they were set
    /// (``KafkaConfiguration/redactedProperties``).
    public var redactedSettings: [(key: String, value: ConfigurationValue)] {
        var settings = ConfigurationSetting.all.map { ($0.key, $0.value(in: self)) }
        for (key, value) in daemon.kafka.redactedProperties where key != "bootstrap.servers" {
            settings.append(("kafka." + key, .string(value)))
        }
        for (key, value) in daemon.consumerKafka.redactedProperties {
            settings.append(("kafka_consumer." + key, .string(value)))
        }
        return settings
    }

    /// The configuration as a YAML file that `--config` reads back (`lurker run --print-config`), secrets
    /// as `[REDACTED]`; `kafka:` and `kafka_consumer:` always appear, `{}` when empty.
    public var redactedYAML: String {
        var root: [(key: String, node: Node)] = []
        for setting in ConfigurationSetting.all {
            let node = Self.node(setting.value(in: self))
            let parts = setting.key.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                root.append((setting.key, node))
                continue
            }
            if let index = root.firstIndex(where: { $0.key == parts[0] }), case .mapping(var section) = root[index].node {
                section[parts[1]] = node
                root[index].node = .mapping(section)
            } else {
                root.append((parts[0], .mapping(Node.Mapping([(Node(parts[1]), node)]))))
            }
        }
        let settings = redactedSettings
        for (section, prefix) in [("kafka", "kafka."), ("kafka_consumer", "kafka_consumer.")] {
            let properties = settings.compactMap { entry in
                entry.key.dropping(prefix: prefix).map { (Node($0), Self.node(entry.value)) }
            }
            root.append((section, .mapping(Node.Mapping(properties))))
        }
        let document = Node.mapping(Node.Mapping(root.map { (Node($0.key), $0.node) }))
        do {
            return try Yams.serialize(node: document, indent: 2, width: -1, allowUnicode: true)
        } catch {
            preconditionFailure("a configuration always serializes: \(error)")
        }
    }

    /// Logs the configuration at `info`, secrets redacted: message `configuration`, one metadata entry
    /// per ``redactedSettings`` key prefixed with `config.` (`config.kafka.sasl.password=[REDACTED]`),
    /// lists as arrays.
    public func logRedacted(to logger: Logger) {
        var metadata: Logger.Metadata = [:]
        for (key, value) in redactedSettings {
            switch value {
            case .list(let items): metadata["config." + key] = .array(items.map { .string($0) })
            default: metadata["config." + key] = .string(value.description)
            }
        }
        logger.info("configuration", metadata: metadata)
    }

    private static func node(_ value: ConfigurationValue) -> Node {
        switch value {
        case .string(let text): string(text)
        case .integer(let number): .scalar(Node.Scalar(String(number), Tag(.int)))
        case .list(let items): .sequence(Node.Sequence(items.map(string)))
        }
    }

    /// A string scalar, quoted when YAML would read it plain as null or a boolean (`''`, `'null'`, `'yes'`).
    private static func string(_ text: String) -> Node {
        let plain = Node(text)
        let isText = plain.tag != Tag(.null) && plain.tag != Tag(.bool)
        return .scalar(Node.Scalar(text, Tag(.str), isText ? .any : .singleQuoted))
    }
}
