import RuleDSL
import Yams

/// Reads a YAML configuration file into assignments, recording every problem with its line and column.
///
/// Settings nest by the dots of their keys (`topics:` then `events:`), or are written dotted at any level
/// (`topics.events:`, `metrics.address:`). Under `kafka:` and `kafka_consumer:` every key is a librdkafka
/// property as librdkafka spells it (`sasl.password`); `kafka.sasl.password:` at the top level is the same.
/// Any value may be `{file: PATH}`: the file's text without its final line feed, read as the environment
/// would give it.
struct ConfigurationDocument {
    /// The settings and properties the file sets, in file order.
    private(set) var assignments: [ConfigurationAssignment] = []
    /// Every problem found.
    private(set) var diagnostics: [ConfigurationDiagnostic] = []

    private let path: String
    private let readFile: @Sendable (String) throws -> String
    private var seen: [String: Mark] = [:]

    /// Reads `yaml`, the text of the file at `path`; `readFile` reads `{file: PATH}` values.
    init(yaml: String, path: String, readFile: @escaping @Sendable (String) throws -> String) {
        self.path = path
        self.readFile = readFile
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, path: path))
            return
        } catch {
            diagnostics.append(ConfigurationDiagnostic(location: path, message: "\(error)"))
            return
        }
        guard let root, root.null == nil else { return }
        guard case .mapping(let mapping) = root else {
            report(at: root.mark, "expected a mapping of settings, found \(Self.kind(of: root))")
            return
        }
        walk(mapping, prefix: "")
    }

    private mutating func walk(_ mapping: Node.Mapping, prefix: String) {
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode, keyNode.null == nil else {
                report(at: keyNode.mark, "expected a key, found \(Self.kind(of: keyNode))")
                continue
            }
            let key = prefix.isEmpty ? scalar.string : prefix + "." + scalar.string
            if let setting = ConfigurationSetting.named(key) {
                guard firstSight(of: key, at: keyNode.mark) else { continue }
                if let parsed = self.value(of: value, for: setting) {
                    assignments.append(ConfigurationAssignment(target: .setting(setting), value: parsed, location: location(value.mark)))
                }
            } else if key == "kafka" || key == "kafka_consumer" {
                guard value.null == nil else { continue }
                guard case .mapping(let properties) = value else {
                    report(at: value.mark, "\(key): expected a mapping of librdkafka properties, found \(Self.kind(of: value))")
                    continue
                }
                for (propertyNode, propertyValue) in properties {
                    guard case .scalar(let property) = propertyNode, propertyNode.null == nil else {
                        report(at: propertyNode.mark, "expected a key, found \(Self.kind(of: propertyNode))")
                        continue
                    }
                    addProperty(key, property.string, value: propertyValue, keyMark: propertyNode.mark)
                }
            } else if let property = key.dropping(prefix: "kafka_consumer.") {
                addProperty("kafka_consumer", property, value: value, keyMark: keyNode.mark)
            } else if let property = key.dropping(prefix: "kafka.") {
                addProperty("kafka", property, value: value, keyMark: keyNode.mark)
            } else if Self.sections.contains(key) {
                guard value.null == nil else { continue }
                guard case .mapping(let nested) = value else {
                    report(at: value.mark, "\(key): expected a mapping, found \(Self.kind(of: value))")
                    continue
                }
                walk(nested, prefix: key)
            } else {
                let suggestion = Self.suggestion(for: key).map { "; did you mean '\($0)'?" } ?? ""
                report(at: keyNode.mark, "unknown key '\(key)'\(suggestion)")
            }
        }
    }

    /// The mappings that hold settings.
    private static let sections: Set<String> = Set(ConfigurationSetting.all.compactMap { setting in
        setting.key.split(separator: ".").count > 1 ? String(setting.key.split(separator: ".")[0]) : nil
    })

    /// The key an unknown key was likely meant to be: one within a typo's distance, a setting whose last
    /// part it is (`events` for `topics.events`), or whose flag it is (`dead_letter_topic`).
    static func suggestion(for key: String) -> String? {
        let keys = ConfigurationSetting.all.map(\.key) + sections.sorted() + ["kafka", "kafka_consumer"]
        if let close = Suggestion.closest(to: key, among: keys) { return close }
        let spelled = String(key.lowercased().map { $0 == "-" ? "_" : $0 })
        if let setting = ConfigurationSetting.all.first(where: { $0.key.split(separator: ".").last.map(String.init) == spelled }) {
            return setting.key
        }
        let flags = ConfigurationSetting.all.map { String($0.flag.map { $0 == "-" ? "_" : $0 }) }
        if let flag = Suggestion.closest(to: spelled, among: flags), let index = flags.firstIndex(of: flag) {
            return ConfigurationSetting.all[index].key
        }
        return nil
    }

    private mutating func addProperty(_ section: String, _ property: String, value: Node, keyMark: Mark?) {
        let name = section + "." + property
        guard firstSight(of: name, at: keyMark) else { return }
        guard let text = text(of: value, name: name, acceptsBooleans: true) else { return }
        let target: ConfigurationAssignment.Target = section == "kafka" ? .kafka(property) : .consumerKafka(property)
        let assignment = ConfigurationAssignment(target: target, value: .string(text), location: location(value.mark))
        ConfigurationLoader.add(assignment, property: property, to: &assignments, diagnostics: &diagnostics)
    }

    /// Records a key the first time; a key given twice (`topics: {events: …}` and `topics.events:`) is an error.
    private mutating func firstSight(of key: String, at mark: Mark?) -> Bool {
        if let first = seen[key] {
            report(at: mark, "'\(key)' is set twice (first at line \(first.line))")
            return false
        }
        if let mark { seen[key] = mark }
        return true
    }

    private mutating func value(of node: Node, for setting: ConfigurationSetting) -> ConfigurationValue? {
        if isFileReference(node) {
            guard let text = fileText(of: node, name: setting.key) else { return nil }
            return parse(text, for: setting, at: node.mark)
        }
        switch setting.kind {
        case .list:
            guard case .sequence(let sequence) = node else {
                report(at: node.mark, "\(setting.key): expected a list of names, found \(Self.kind(of: node))")
                return nil
            }
            var items: [String] = []
            for item in sequence {
                guard let text = text(of: item, name: setting.key, acceptsBooleans: false) else { return nil }
                guard !text.isEmpty else {
                    report(at: item.mark, "\(setting.key): expected a non-empty name, found ''")
                    return nil
                }
                items.append(text)
            }
            guard !items.isEmpty else {
                report(at: node.mark, "\(setting.key): expected a list of names, found an empty list")
                return nil
            }
            return .list(items)
        case .integer(let minimum):
            guard node.tag == Tag(.int), let number = node.int else {
                report(at: node.mark, "\(setting.key): expected an integer, found \(Self.kind(of: node))")
                return nil
            }
            do throws(LurkerError) {
                return try setting.checked(number, minimum: minimum)
            } catch {
                report(at: node.mark, error.reason)
                return nil
            }
        case .string, .choice, .address:
            guard let text = text(of: node, name: setting.key, acceptsBooleans: false) else { return nil }
            return parse(text, for: setting, at: node.mark)
        }
    }

    private mutating func parse(_ text: String, for setting: ConfigurationSetting, at mark: Mark?) -> ConfigurationValue? {
        do throws(LurkerError) {
            return try setting.parse(text)
        } catch {
            report(at: mark, error.reason)
            return nil
        }
    }

    /// A scalar's text as written, or a `{file: PATH}`'s text; nil after recording a problem otherwise.
    /// Booleans are text only for librdkafka properties (`true` there is what librdkafka reads).
    private mutating func text(of node: Node, name: String, acceptsBooleans: Bool) -> String? {
        if isFileReference(node) { return fileText(of: node, name: name) }
        guard case .scalar(let scalar) = node, node.null == nil, acceptsBooleans || node.tag != Tag(.bool) else {
            let hint = node.tag == Tag(.bool) ? " (quote it to mean the text)" : ""
            report(at: node.mark, "\(name): expected a string, found \(Self.kind(of: node))\(hint)")
            return nil
        }
        return scalar.string
    }

    private func isFileReference(_ node: Node) -> Bool {
        guard case .mapping(let mapping) = node, mapping.count == 1 else { return false }
        return mapping.first?.key.string == "file"
    }

    /// The text of a `{file: PATH}` value, or nil when `node` is not one or the file cannot be read (recorded).
    private mutating func fileText(of node: Node, name: String) -> String? {
        guard isFileReference(node), case .mapping(let mapping) = node, let pathNode = mapping["file"] else { return nil }
        guard case .scalar(let scalar) = pathNode, pathNode.null == nil, !scalar.string.isEmpty else {
            report(at: pathNode.mark, "\(name): expected a file path, found \(Self.kind(of: pathNode))")
            return nil
        }
        do {
            return try ConfigurationLoader.secret(atPath: scalar.string, readFile: readFile)
        } catch {
            report(at: pathNode.mark, "\(name): \(error)")
            return nil
        }
    }

    private func location(_ mark: Mark?) -> String {
        guard let mark else { return path }
        return "\(path):\(mark.line):\(mark.column)"
    }

    private mutating func report(at mark: Mark?, _ message: String) {
        diagnostics.append(ConfigurationDiagnostic(location: location(mark), message: message))
    }

    /// How a node is named in "found …": `a string`, `an integer`, `a list`, `a mapping`, `null`.
    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch node.tag {
            case Tag(.null): return "null"
            case Tag(.bool): return "a boolean '\(scalar.string)'"
            case Tag(.int): return "an integer"
            case Tag(.float): return "a number"
            default: return "a string"
            }
        }
    }

    private static func diagnostic(for error: YamlError, path: String) -> ConfigurationDiagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text))" } ?? ""
            return ConfigurationDiagnostic(location: "\(path):\(mark.line):\(mark.column)", message: "\(problem)\(during)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigurationDiagnostic(
                location: "\(path):\(context.mark.line):\(context.mark.column)",
                message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        default:
            return ConfigurationDiagnostic(location: path, message: "\(error)")
        }
    }
}
