import Logging
import Testing
import Yams

@testable import Lurker

@Suite struct RunConfigurationTests {
    static let secrets: [String: String] = [
        "LURKER_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
        "LURKER_KAFKA_SASL_MECHANISMS": "SCRAM-SHA-512",
        "LURKER_KAFKA_SASL_USERNAME": "lurker",
        "LURKER_KAFKA_SASL_PASSWORD": "hunter2",
        "LURKER_KAFKA_SSL_KEY_PASSWORD_FILE": "/run/secrets/key",
        "LURKER_KAFKA_CONSUMER_SSL_KEYSTORE_PASSWORD": "keystore-secret",
    ]

    static func configurationWithSecrets() throws -> RunConfiguration {
        try ConfigurationFixture.load(
            file: "topics:\n  events: [web, app]\nlog.format: json\n",
            environment: secrets,
            files: ["/run/secrets/key": "key-secret\n"]
        )
    }

    @Test func printedConfigurationRedactsSecrets() throws {
        #expect(
            try Self.configurationWithSecrets().redactedYAML == """
                campaigns: campaigns
                bootstrap_servers: 127.0.0.1:9092
                group: lurker
                topics:
                  events:
                  - web
                  - app
                  profiles: profiles
                  decisions: lurker.decisions
                  escalations: escalations
                  dead_letter: lurker.deadletter
                  responses: responses
                  offer_prefix: offers.
                idle_threshold_ms: 5000
                batch_size: 1000
                log:
                  level: info
                  format: json
                metrics:
                  address: 127.0.0.1:9464
                kafka:
                  sasl.mechanisms: SCRAM-SHA-512
                  sasl.password: '[REDACTED]'
                  sasl.username: lurker
                  security.protocol: SASL_SSL
                  ssl.key.password: '[REDACTED]'
                kafka_consumer:
                  ssl.keystore.password: '[REDACTED]'

                """)
    }

    @Test func defaultConfigurationPrintsEmptyKafkaSections() {
        let yaml = RunConfiguration().redactedYAML
        #expect(yaml.hasSuffix("metrics:\n  address: 127.0.0.1:9464\nkafka: {}\nkafka_consumer: {}\n"))
    }

    /// The printed configuration is a configuration file: read back, it gives the same settings (strings that
    /// YAML would read as something else are quoted).
    @Test func printedConfigurationReadsBack() throws {
        let original = try ConfigurationFixture.load(
            file: """
                group: "true"
                campaigns: "123"
                topics: {offer_prefix: "", events: ["null", "a b", "#x"]}
                kafka: {client.id: "yes", linger.ms: 7}
                """)
        let reread = try ConfigurationFixture.load(file: original.redactedYAML)
        #expect(reread.redactedSettings.map { "\($0.key)=\($0.value)" } == original.redactedSettings.map { "\($0.key)=\($0.value)" })
        #expect(reread.daemon.groupID == "true")
        #expect(reread.daemon.eventTopics == ["null", "a b", "#x"])
        #expect(reread.daemon.kafka["client.id"] == "yes")
    }

    @Test func startUpLogLineRedactsSecrets() throws {
        let lines = LineCollector()
        let logger = Logger(label: "lurker") { label in
            StructuredLogHandler(label: label, format: .logfmt, clock: { 0 }, sink: { lines.append($0) })
        }
        try Self.configurationWithSecrets().logRedacted(to: logger)
        #expect(lines.lines == [
            "ts=1970-01-01T00:00:00.000Z level=info logger=lurker msg=configuration config.batch_size=1000"
                + " config.bootstrap_servers=127.0.0.1:9092 config.campaigns=campaigns config.group=lurker"
                + " config.idle_threshold_ms=5000 config.kafka.sasl.mechanisms=SCRAM-SHA-512"
                + " config.kafka.sasl.password=[REDACTED] config.kafka.sasl.username=lurker"
                + " config.kafka.security.protocol=SASL_SSL config.kafka.ssl.key.password=[REDACTED]"
                + " config.kafka_consumer.ssl.keystore.password=[REDACTED] config.log.format=json"
                + " config.log.level=info config.metrics.address=127.0.0.1:9464"
                + " config.topics.dead_letter=lurker.deadletter config.topics.decisions=lurker.decisions"
                + " config.topics.escalations=escalations config.topics.events=web,app config.topics.offer_prefix=offers."
                + " config.topics.profiles=profiles config.topics.responses=responses"
        ])
        for secret in ["hunter2", "key-secret", "keystore-secret"] {
            #expect(!lines.lines[0].contains(secret))
        }
    }

    @Test func startUpLogLineInJSONRedactsSecrets() throws {
        let lines = LineCollector()
        let logger = Logger(label: "lurker") { label in
            StructuredLogHandler(label: label, format: .json, clock: { 0 }, sink: { lines.append($0) })
        }
        try Self.configurationWithSecrets().logRedacted(to: logger)
        #expect(lines.lines.count == 1)
        #expect(lines.lines[0].contains(#""config.kafka.sasl.password":"[REDACTED]""#))
        #expect(lines.lines[0].contains(#""config.topics.events":["web","app"]"#))
        for secret in ["hunter2", "key-secret", "keystore-secret"] {
            #expect(!lines.lines[0].contains(secret))
        }
    }

    @Test func kafkaDescriptionOfTheDaemonConfigurationIsRedactedToo() throws {
        let configuration = try Self.configurationWithSecrets()
        #expect(
            "\(configuration.daemon.kafka)"
                == "bootstrap.servers=127.0.0.1:9092, sasl.mechanisms=SCRAM-SHA-512, sasl.password=[REDACTED],"
                + " sasl.username=lurker, security.protocol=SASL_SSL, ssl.key.password=[REDACTED]")
    }
}
