import RuleDSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads the configuration of `lurker run` from flags, the environment and a YAML file, in that order of
/// precedence, over the defaults.
///
/// - The file is `--config PATH`, else the variable `LURKER_CONFIG`, else none (``ConfigurationDocument``
///   says how it is read).
/// - A setting's variable is ``ConfigurationSetting/environmentVariable``; `LURKER_KAFKA_<PROPERTY>` sets
///   a librdkafka property for both clients and `LURKER_KAFKA_CONSUMER_<PROPERTY>` one for the consumer, the
///   property in lower case with `_` read as `.` (`LURKER_KAFKA_SASL_PASSWORD` is `sasl.password`). Any
///   variable with the suffix `_FILE` names a file whose text is the value, without its final line feed
///   (`LURKER_KAFKA_SASL_PASSWORD_FILE=/run/secrets/kafka`). Any other variable starting with `LURKER_` is
///   an error.
/// - A flag replaces the value of the environment and the file; a list flag given several times gives the
///   list of all of them. `-X key=value` sets a property for both clients.
/// - librdkafka properties add up across the sources, a later source replacing a property it sets again.
///   Each is checked by librdkafka as it is loaded. `bootstrap.servers` and `group.id` are settings of their
///   own (`bootstrap_servers`, `group`) and are errors as properties.
///
/// Every problem is found before the first is reported: the error lists them all, one per line.
public struct ConfigurationLoader: Sendable {
    /// The variable naming the configuration file when `--config` is not given.
    public static let configurationVariable = "LURKER_CONFIG"

    /// The environment, by variable name; only variables starting with `LURKER_` are read.
    public var environment: [String: String]
    /// Reads the text of a file: the configuration file and `{file: PATH}` / `_FILE` secrets. Default: from
    /// the file system (``readFileFromDisk(_:)``); tests give files as text.
    public var readFile: @Sendable (String) throws -> String

    /// Creates a loader over `environment` (for the daemon, the process environment).
    public init(
        environment: [String: String],
        readFile: @escaping @Sendable (String) throws -> String = ConfigurationLoader.readFileFromDisk
    ) {
        self.environment = environment
        self.readFile = readFile
    }

    /// Loads the configuration.
    ///
    /// - Parameters:
    ///   - configurationPath: `--config`; when nil, `LURKER_CONFIG`; when neither, no file.
    ///   - flags: The flags given, in command-line order.
    /// - Throws: ``LurkerError`` with code ``LurkerError/Code/invalidConfiguration`` whose reason lists
    ///   every problem, one per line: `lurker.yaml:4:3: error: unknown key 'topics.event'; did you mean
    ///   'topics.events'?`.
    public func load(configurationPath: String? = nil, flags: [ConfigurationFlag] = []) throws -> RunConfiguration {
        var diagnostics: [ConfigurationDiagnostic] = []
        var assignments: [ConfigurationAssignment] = []
        if let path = configurationPath ?? environment[Self.configurationVariable] {
            do {
                let document = ConfigurationDocument(yaml: try readFile(path), path: path, readFile: readFile)
                assignments += document.assignments
                diagnostics += document.diagnostics
            } catch {
                diagnostics.append(ConfigurationDiagnostic(location: path, message: "\(error)"))
            }
        }
        readEnvironment(into: &assignments, diagnostics: &diagnostics)
        read(flags, into: &assignments, diagnostics: &diagnostics)

        var configuration = RunConfiguration()
        for assignment in assignments {
            switch assignment.target {
            case .setting(let setting):
                setting.set(assignment.value, in: &configuration)
            case .kafka(let property):
                configuration.daemon.kafka[property] = assignment.value.stringValue
            case .consumerKafka(let property):
                configuration.daemon.consumerKafka[property] = assignment.value.stringValue
            }
        }
        guard diagnostics.isEmpty else {
            throw LurkerError(.invalidConfiguration, diagnostics.map(\.description).joined(separator: "\n"))
        }
        return configuration
    }

    private func readEnvironment(into assignments: inout [ConfigurationAssignment], diagnostics: inout [ConfigurationDiagnostic]) {
        let settings = Dictionary(uniqueKeysWithValues: ConfigurationSetting.all.map { ($0.environmentVariable, $0) })
        for name in environment.keys.sorted() where name.hasPrefix("LURKER_") && name != Self.configurationVariable {
            let stem = name.droppingSuffix("_FILE")
            let base = stem ?? name
            let target: ConfigurationAssignment.Target
            if let setting = settings[base] {
                target = .setting(setting)
            } else if let property = base.dropping(prefix: "LURKER_KAFKA_CONSUMER_") {
                target = .consumerKafka(Self.property(property))
            } else if let property = base.dropping(prefix: "LURKER_KAFKA_") {
                target = .kafka(Self.property(property))
            } else {
                let known = (settings.keys.sorted() + [Self.configurationVariable]).map { $0.lowercased() }
                let suggestion = Suggestion.closest(to: base, among: known).map { "; did you mean \($0.uppercased())?" } ?? ""
                diagnostics.append(ConfigurationDiagnostic(location: "environment", message: "unknown variable \(name)\(suggestion)"))
                continue
            }
            var text = environment[name]!
            if let stem {
                guard environment[stem] == nil else {
                    diagnostics.append(ConfigurationDiagnostic(location: name, message: "set either \(stem) or \(name), not both"))
                    continue
                }
                do {
                    text = try Self.secret(atPath: text, readFile: readFile)
                } catch {
                    diagnostics.append(ConfigurationDiagnostic(location: name, message: "\(error)"))
                    continue
                }
            }
            switch target {
            case .setting(let setting):
                do throws(LurkerError) {
                    assignments.append(ConfigurationAssignment(target: target, value: try setting.parse(text), location: name))
                } catch {
                    diagnostics.append(ConfigurationDiagnostic(location: name, message: error.reason))
                }
            case .kafka(let property), .consumerKafka(let property):
                Self.add(
                    ConfigurationAssignment(target: target, value: .string(text), location: name), property: property,
                    to: &assignments, diagnostics: &diagnostics)
            }
        }
    }

    private func read(_ flags: [ConfigurationFlag], into assignments: inout [ConfigurationAssignment], diagnostics: inout [ConfigurationDiagnostic]) {
        var listIndex: [String: Int] = [:]
        for flag in flags {
            if flag.name == "X" {
                do {
                    let (key, value) = try KafkaConfiguration.parseOverride(flag.value)
                    let assignment = ConfigurationAssignment(target: .kafka(key), value: .string(value), location: "-X \(key)")
                    Self.add(assignment, property: key, to: &assignments, diagnostics: &diagnostics)
                } catch {
                    diagnostics.append(ConfigurationDiagnostic(location: "-X", message: (error as? KafkaError)?.reason ?? "\(error)"))
                }
                continue
            }
            guard let setting = ConfigurationSetting.all.first(where: { $0.flag == flag.name }) else {
                preconditionFailure("no setting has the flag --\(flag.name)")
            }
            let value: ConfigurationValue
            do throws(LurkerError) {
                value = try setting.parse(flag.value)
            } catch {
                diagnostics.append(ConfigurationDiagnostic(location: "--\(flag.name)", message: error.reason))
                continue
            }
            if setting.kind == .list, let index = listIndex[setting.key] {
                assignments[index].value = .list(assignments[index].value.listValue + value.listValue)
            } else {
                if setting.kind == .list { listIndex[setting.key] = assignments.count }
                assignments.append(ConfigurationAssignment(target: .setting(setting), value: value, location: "--\(flag.name)"))
            }
        }
    }

    /// The librdkafka property an environment variable's stem names: lower case, `_` read as `.`.
    private static func property(_ stem: String) -> String {
        String(stem.lowercased().map { $0 == "_" ? "." : $0 })
    }

    /// Adds the assignment of the librdkafka property `property` when librdkafka accepts it, else records why not.
    static func add(
        _ assignment: ConfigurationAssignment,
        property: String,
        to assignments: inout [ConfigurationAssignment],
        diagnostics: inout [ConfigurationDiagnostic]
    ) {
        if let diagnostic = check(property, assignment) {
            diagnostics.append(diagnostic)
            return
        }
        assignments.append(assignment)
    }

    /// Checks one librdkafka property with librdkafka; nil when it is valid. A secret's value never appears.
    private static func check(_ property: String, _ assignment: ConfigurationAssignment) -> ConfigurationDiagnostic? {
        let ownSetting: ConfigurationSetting? =
            switch property {
            case "bootstrap.servers": .bootstrapServers
            case "group.id": .group
            default: nil
            }
        if let ownSetting {
            return ConfigurationDiagnostic(
                location: assignment.location,
                message: "\(assignment.name): set it with '\(ownSetting.key)' (\(ownSetting.environmentVariable), --\(ownSetting.flag))")
        }
        var single = KafkaConfiguration()
        single[property] = assignment.value.stringValue
        do {
            try single.validate()
            return nil
        } catch {
            // librdkafka's message, a secret's value already redacted (RDKafkaConfig.set).
            let reason = (error as? KafkaError)?.reason ?? "\(error)"
            return ConfigurationDiagnostic(location: assignment.location, message: "\(assignment.name): \(reason)")
        }
    }

    /// A secret's text: the file's text without its final line feed (`\n` or `\r\n`).
    ///
    /// - Throws: What `readFile` throws, ``LurkerError`` with code ``LurkerError/Code/fileUnreadable`` by default.
    static func secret(atPath path: String, readFile: @Sendable (String) throws -> String) throws -> String {
        var scalars = try readFile(path).unicodeScalars
        if scalars.last == "\n" {
            scalars.removeLast()
            if scalars.last == "\r" { scalars.removeLast() }
        }
        return String(scalars)
    }

    /// Reads a file as UTF-8 text (invalid bytes become U+FFFD).
    ///
    /// - Throws: ``LurkerError`` with code ``LurkerError/Code/fileUnreadable``: `cannot read
    ///   '/run/secrets/kafka': No such file or directory`.
    @Sendable public static func readFileFromDisk(_ path: String) throws -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw LurkerError(.fileUnreadable, "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw LurkerError(.fileUnreadable, "cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
