import Foundation
import Testing

@testable import Lurker

/// `lurker run`'s configuration as the built executable sees it: flags, a real environment, a real file.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: DeployFixture.lurker.path)))
struct RunCommandConfigurationTests {
    static func lurker(_ arguments: [String], environment: [String: String] = [:]) throws -> DeployFixture.Result {
        try DeployFixture.run(
            DeployFixture.lurker.path, arguments, environment: environment.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a })
    }

    @Test func printConfigShowsTheEffectiveConfigurationRedactedAndExitsWithoutConnecting() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("print-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "group: from-file\nbatch_size: 10\nkafka:\n  sasl.password: {file: \(folder.path)/password}\n"
            .write(to: folder.appendingPathComponent("lurker.yaml"), atomically: true, encoding: .utf8)
        try "file-secret\n".write(to: folder.appendingPathComponent("password"), atomically: true, encoding: .utf8)
        let result = try Self.lurker(
            ["run", "--config", folder.appendingPathComponent("lurker.yaml").path, "--print-config", "--batch-size", "30",
             "-X", "sasl.username=lurker"],
            environment: ["LURKER_BATCH_SIZE": "20", "LURKER_BOOTSTRAP_SERVERS": "127.0.0.1:1", "LURKER_KAFKA_SSL_KEY_PASSWORD": "env-secret"])
        #expect(result.status == 0)
        #expect(result.errors == "")
        #expect(result.output == """
            campaigns: campaigns
            bootstrap_servers: 127.0.0.1:1
            group: from-file
            topics:
              events:
              - events
              profiles: profiles
              decisions: lurker.decisions
              escalations: escalations
              dead_letter: lurker.deadletter
              responses: responses
              offer_prefix: offers.
            idle_threshold_ms: 5000
            batch_size: 30
            log:
              level: info
              format: logfmt
            metrics:
              address: 127.0.0.1:9464
            kafka:
              sasl.password: '[REDACTED]'
              ssl.key.password: '[REDACTED]'
              sasl.username: lurker
            kafka_consumer: {}

            """)
    }

    @Test func configurationErrorsGoToStandardErrorAndExit78() throws {
        let result = try Self.lurker(
            ["run", "--print-config", "--log-format", "xml"], environment: ["LURKER_BOOTSTRAP_SERVER": "kafka:9092"])
        #expect(result.status == 78)
        #expect(result.output == "")
        #expect(result.errors == """
            environment: error: unknown variable LURKER_BOOTSTRAP_SERVER; did you mean LURKER_BOOTSTRAP_SERVERS?
            --log-format: error: log.format: expected one of logfmt, json, found 'xml'

            """)
    }

    /// Every setting has its flag, with its default and variable in the help.
    @Test func helpListsEverySettingsFlagDefaultAndVariable() throws {
        let result = try Self.lurker(["run", "--help"])
        #expect(result.status == 0)
        let help = result.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for setting in ConfigurationSetting.all {
            #expect(help.contains("--\(setting.flag) <\(setting.valueName.lowercased())>"), "\(setting.flag)")
            #expect(help.contains("env \(setting.environmentVariable))"), "\(setting.environmentVariable)")
        }
        for flag in ["--config <path>", "--print-config", "-X <key=value>"] {
            #expect(help.contains(flag), "\(flag)")
        }
    }

    /// Each setting's flag reaches the setting: all given at once, each value shows in --print-config.
    @Test func everySettingsFlagSetsIt() throws {
        let values: [String: String] = [
            "campaigns": "/c", "bootstrap-servers": "k:1", "group": "g", "events-topic": "e1", "profiles-topic": "p",
            "decisions-topic": "d", "escalations-topic": "x", "dead-letter-topic": "dl", "responses-topic": "r",
            "offer-topic-prefix": "o.", "idle-threshold-ms": "7", "batch-size": "8", "log-level": "trace",
            "log-format": "json", "metrics-address": "0.0.0.0:1",
        ]
        #expect(values.keys.sorted() == ConfigurationSetting.all.map(\.flag).sorted())
        let arguments = ["run", "--print-config"] + values.sorted { $0.key < $1.key }.flatMap { ["--\($0.key)", $0.value] }
        let result = try Self.lurker(arguments)
        #expect(result.status == 0, "\(result.errors)")
        let configuration = try ConfigurationFixture.load(file: result.output)
        for setting in ConfigurationSetting.all {
            #expect(setting.value(in: configuration).description == values[setting.flag], "\(setting.key)")
        }
    }
}
