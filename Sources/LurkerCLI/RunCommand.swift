import ArgumentParser
import Foundation
import Logging
import Lurker

/// `lurker run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Consume channel events from Kafka, decide them against the campaigns, publish offers and decisions.",
        discussion: """
            Settings come from flags, then LURKER_* environment variables, then the YAML file of --config \
            (or LURKER_CONFIG), then the defaults. See docs/running-in-production.md for every key. A \
            configuration error exits with status 78 (EX_CONFIG).
            """
    )

    /// The exit status of a configuration error (sysexits' `EX_CONFIG`): systemd does not restart on it.
    static let configurationErrorStatus: Int32 = 78

    @Option(help: ArgumentHelp("A YAML configuration file (default: LURKER_CONFIG, else none).", valueName: "path"))
    var config: String?

    @Flag(help: "Print the effective configuration as YAML, secrets redacted, and exit without connecting.")
    var printConfig = false

    @Option(name: .customLong(ConfigurationSetting.campaigns.flag), help: .setting(.campaigns))
    var campaigns: String?

    @Option(name: .customLong(ConfigurationSetting.bootstrapServers.flag), help: .setting(.bootstrapServers))
    var bootstrapServers: String?

    @Option(name: .customLong(ConfigurationSetting.group.flag), help: .setting(.group))
    var group: String?

    @Option(name: .customLong(ConfigurationSetting.eventsTopics.flag), help: .setting(.eventsTopics))
    var eventTopics: [String] = []

    @Option(name: .customLong(ConfigurationSetting.profilesTopic.flag), help: .setting(.profilesTopic))
    var profilesTopic: String?

    @Option(name: .customLong(ConfigurationSetting.decisionsTopic.flag), help: .setting(.decisionsTopic))
    var decisionsTopic: String?

    @Option(name: .customLong(ConfigurationSetting.escalationsTopic.flag), help: .setting(.escalationsTopic))
    var escalationsTopic: String?

    @Option(name: .customLong(ConfigurationSetting.deadLetterTopic.flag), help: .setting(.deadLetterTopic))
    var deadLetterTopic: String?

    @Option(name: .customLong(ConfigurationSetting.responsesTopic.flag), help: .setting(.responsesTopic))
    var responsesTopic: String?

    @Option(name: .customLong(ConfigurationSetting.offerTopicPrefix.flag), help: .setting(.offerTopicPrefix))
    var offerTopicPrefix: String?

    @Option(name: .customLong(ConfigurationSetting.idleThreshold.flag), help: .setting(.idleThreshold))
    var idleThresholdMs: String?

    @Option(name: .customLong(ConfigurationSetting.batchSize.flag), help: .setting(.batchSize))
    var batchSize: String?

    @Option(name: .customLong(ConfigurationSetting.logLevel.flag), help: .setting(.logLevel))
    var logLevel: String?

    @Option(name: .customLong(ConfigurationSetting.logFormat.flag), help: .setting(.logFormat))
    var logFormat: String?

    @Option(name: .customLong(ConfigurationSetting.metricsAddress.flag), help: .setting(.metricsAddress))
    var metricsAddress: String?

    @Option(
        name: .customShort("X"),
        help: ArgumentHelp("A librdkafka property for both clients (repeatable; env LURKER_KAFKA_<PROPERTY>).", valueName: "key=value")
    )
    var properties: [String] = []

    /// The flags given, in the order of ``ConfigurationSetting/all``, then `-X` in command-line order.
    var flags: [ConfigurationFlag] {
        let given: [(ConfigurationSetting, [String])] = [
            (.campaigns, campaigns.map { [$0] } ?? []),
            (.bootstrapServers, bootstrapServers.map { [$0] } ?? []),
            (.group, group.map { [$0] } ?? []),
            (.eventsTopics, eventTopics),
            (.profilesTopic, profilesTopic.map { [$0] } ?? []),
            (.decisionsTopic, decisionsTopic.map { [$0] } ?? []),
            (.escalationsTopic, escalationsTopic.map { [$0] } ?? []),
            (.deadLetterTopic, deadLetterTopic.map { [$0] } ?? []),
            (.responsesTopic, responsesTopic.map { [$0] } ?? []),
            (.offerTopicPrefix, offerTopicPrefix.map { [$0] } ?? []),
            (.idleThreshold, idleThresholdMs.map { [$0] } ?? []),
            (.batchSize, batchSize.map { [$0] } ?? []),
            (.logLevel, logLevel.map { [$0] } ?? []),
            (.logFormat, logFormat.map { [$0] } ?? []),
            (.metricsAddress, metricsAddress.map { [$0] } ?? []),
        ]
        return given.flatMap { setting, values in values.map { ConfigurationFlag(setting.flag, $0) } }
            + properties.map { ConfigurationFlag("X", $0) }
    }

    func run() async throws {
        let configuration: RunConfiguration
        do {
            configuration = try ConfigurationLoader(environment: ProcessInfo.processInfo.environment)
                .load(configurationPath: config, flags: flags)
        } catch let error as LurkerError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(Self.configurationErrorStatus)
        }
        if printConfig {
            FileHandle.standardOutput.write(Data(configuration.redactedYAML.utf8))
            return
        }
        LoggingSystem.bootstrap { label in
            StructuredLogHandler(label: label, format: configuration.logFormat, level: configuration.logLevel)
        }
        let logger = Logger(label: "lurker")
        configuration.logRedacted(to: logger)
        let campaigns = try CampaignLoader.load(
            [configuration.daemon.campaignsPath], terminal: OutputStream.standardError().isTerminal)
        try await Daemon.run(configuration: configuration.daemon, campaigns: campaigns, logger: logger)
    }
}

extension ArgumentHelp {
    /// The help of a setting's flag: its summary, its default and its environment variable.
    static func setting(_ setting: ConfigurationSetting) -> ArgumentHelp {
        let shown = setting.defaultValue.description.isEmpty ? "''" : setting.defaultValue.description
        return ArgumentHelp(
            "\(setting.summary) (default: \(shown); env \(setting.environmentVariable))",
            valueName: setting.valueName.lowercased()
        )
    }
}
