import Testing

@testable import Lurker

/// Loads configurations as the daemon does, with the environment as a dictionary and files as text.
enum ConfigurationFixture {
    /// The path the configuration file is given as.
    static let path = "lurker.yaml"

    /// Loads `file` (as `lurker.yaml`, when given), `environment` and `flags`; `files` are the other files
    /// that can be read (secrets).
    static func load(
        file: String? = nil,
        environment: [String: String] = [:],
        flags: [ConfigurationFlag] = [],
        files: [String: String] = [:]
    ) throws -> RunConfiguration {
        var readable = files
        if let file { readable[path] = file }
        let contents = readable
        let loader = ConfigurationLoader(environment: environment) { path in
            guard let text = contents[path] else {
                throw LurkerError(.fileUnreadable, "cannot read '\(path)': No such file or directory")
            }
            return text
        }
        return try loader.load(configurationPath: file == nil ? nil : path, flags: flags)
    }

    /// The reason of the error loading throws, or nil when it loads.
    static func failure(
        file: String? = nil,
        environment: [String: String] = [:],
        flags: [ConfigurationFlag] = [],
        files: [String: String] = [:]
    ) -> String? {
        do {
            _ = try load(file: file, environment: environment, flags: flags, files: files)
            return nil
        } catch let error as LurkerError {
            #expect(error.code == .invalidConfiguration)
            return error.reason
        } catch {
            return "unexpected error: \(error)"
        }
    }
}

@Suite struct ConfigurationLoaderTests {
    /// One setting given by each source: the file, the environment and a flag.
    struct PrecedenceCase: Sendable, CustomTestStringConvertible {
        var setting: ConfigurationSetting
        var file: String
        var environment: String
        var flags: [String]
        var byDefault: ConfigurationValue
        var fromFile: ConfigurationValue
        var fromEnvironment: ConfigurationValue
        var fromFlags: ConfigurationValue

        var testDescription: String { setting.key }
    }

    static let precedenceCases: [PrecedenceCase] = [
        PrecedenceCase(
            setting: .group, file: "group: from-file\n", environment: "from-env", flags: ["from-flag"],
            byDefault: .string("lurker"), fromFile: .string("from-file"), fromEnvironment: .string("from-env"),
            fromFlags: .string("from-flag")),
        PrecedenceCase(
            setting: .bootstrapServers, file: "bootstrap_servers: file-1:9092,file-2:9092\n", environment: "env:9092",
            flags: ["flag:9092"], byDefault: .string("127.0.0.1:9092"), fromFile: .string("file-1:9092,file-2:9092"),
            fromEnvironment: .string("env:9092"), fromFlags: .string("flag:9092")),
        PrecedenceCase(
            setting: .eventsTopics, file: "topics:\n  events: [web, app]\n", environment: "env-a, env-b",
            flags: ["flag-a", "flag-b,flag-c"], byDefault: .list(["events"]), fromFile: .list(["web", "app"]),
            fromEnvironment: .list(["env-a", "env-b"]), fromFlags: .list(["flag-a", "flag-b", "flag-c"])),
        PrecedenceCase(
            setting: .offerTopicPrefix, file: "topics.offer_prefix: ''\n", environment: "env.", flags: ["flag-"],
            byDefault: .string("offers."), fromFile: .string(""), fromEnvironment: .string("env."),
            fromFlags: .string("flag-")),
        PrecedenceCase(
            setting: .batchSize, file: "batch_size: 10\n", environment: "20", flags: ["30"],
            byDefault: .integer(1000), fromFile: .integer(10), fromEnvironment: .integer(20), fromFlags: .integer(30)),
        PrecedenceCase(
            setting: .logLevel, file: "log:\n  level: debug\n", environment: "notice", flags: ["error"],
            byDefault: .string("info"), fromFile: .string("debug"), fromEnvironment: .string("notice"),
            fromFlags: .string("error")),
        PrecedenceCase(
            setting: .metricsAddress, file: "metrics.address: 0.0.0.0:9000\n", environment: "[::1]:9001",
            flags: ["localhost:9002"], byDefault: .string("127.0.0.1:9464"), fromFile: .string("0.0.0.0:9000"),
            fromEnvironment: .string("[::1]:9001"), fromFlags: .string("localhost:9002")),
    ]

    @Test(arguments: precedenceCases)
    func flagBeatsEnvironmentBeatsFileBeatsDefault(_ test: PrecedenceCase) throws {
        let environment = [test.setting.environmentVariable: test.environment]
        let flags = test.flags.map { ConfigurationFlag(test.setting.flag, $0) }
        #expect(test.setting.value(in: try ConfigurationFixture.load()) == test.byDefault)
        #expect(test.setting.value(in: try ConfigurationFixture.load(file: test.file)) == test.fromFile)
        #expect(test.setting.value(in: try ConfigurationFixture.load(environment: environment)) == test.fromEnvironment)
        #expect(test.setting.value(in: try ConfigurationFixture.load(flags: flags)) == test.fromFlags)
        #expect(
            test.setting.value(in: try ConfigurationFixture.load(file: test.file, environment: environment))
                == test.fromEnvironment)
        #expect(
            test.setting.value(in: try ConfigurationFixture.load(file: test.file, environment: environment, flags: flags))
                == test.fromFlags)
    }

    @Test func kafkaPropertiesAddUpAndLaterSourcesReplace() throws {
        let configuration = try ConfigurationFixture.load(
            file: """
                kafka:
                  linger.ms: 10
                  client.id: from-file
                  enable.idempotence: true
                kafka_consumer:
                  session.timeout.ms: 6000
                """,
            environment: [
                "LURKER_KAFKA_LINGER_MS": "20",
                "LURKER_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
                "LURKER_KAFKA_CONSUMER_FETCH_WAIT_MAX_MS": "10",
            ],
            flags: [ConfigurationFlag("X", "client.id=from-flag")]
        )
        #expect(
            configuration.daemon.kafka.properties.map { "\($0.key)=\($0.value)" } == [
                "bootstrap.servers=127.0.0.1:9092", "linger.ms=20", "client.id=from-flag", "enable.idempotence=true",
                "security.protocol=SASL_SSL",
            ])
        #expect(
            configuration.daemon.consumerKafka.properties.map { "\($0.key)=\($0.value)" } == [
                "session.timeout.ms=6000", "fetch.wait.max.ms=10",
            ])
    }

    @Test func fileSetsEveryField() throws {
        let configuration = try ConfigurationFixture.load(
            file: """
                campaigns: /etc/lurker/campaigns
                bootstrap_servers: kafka-1:9092
                group: lurker-eu
                topics:
                  events: [web, callcenter]
                  profiles: crm.profiles
                  decisions: audit.decisions
                  escalations: team.escalations
                  dead_letter: audit.deadletter
                  responses: channel.responses
                  offer_prefix: out.
                idle_threshold_ms: 2500
                batch_size: 500
                log: {level: warning, format: json}
                metrics: {address: "0.0.0.0:9464"}
                """)
        let daemon = configuration.daemon
        #expect(daemon.campaignsPath == "/etc/lurker/campaigns")
        #expect(daemon.kafka.bootstrapServers == "kafka-1:9092")
        #expect(daemon.groupID == "lurker-eu")
        #expect(daemon.eventTopics == ["web", "callcenter"])
        #expect(daemon.profilesTopic == "crm.profiles")
        #expect(daemon.decisionsTopic == "audit.decisions")
        #expect(daemon.escalationsTopic == "team.escalations")
        #expect(daemon.deadLetterTopic == "audit.deadletter")
        #expect(daemon.responsesTopic == "channel.responses")
        #expect(daemon.offerTopic("sms") == "out.sms")
        #expect(daemon.idleMilliseconds == 2500)
        #expect(daemon.batchSize == 500)
        #expect(daemon.metricsAddress == "0.0.0.0:9464")
        #expect(configuration.logLevel == .warning)
        #expect(configuration.logFormat == .json)
    }

    @Test func emptyFileAndNoSourcesGiveTheDefaults() throws {
        let configuration = try ConfigurationFixture.load(file: "# nothing set\n")
        #expect(configuration.redactedSettings.map { "\($0.key)=\($0.value)" } == [
            "campaigns=campaigns", "bootstrap_servers=127.0.0.1:9092", "group=lurker", "topics.events=events",
            "topics.profiles=profiles", "topics.decisions=lurker.decisions", "topics.escalations=escalations",
            "topics.dead_letter=lurker.deadletter", "topics.responses=responses", "topics.offer_prefix=offers.",
            "idle_threshold_ms=5000", "batch_size=1000", "log.level=info", "log.format=logfmt",
            "metrics.address=127.0.0.1:9464",
        ])
    }

    @Test func configurationVariableNamesTheFileWhenNoFlagDoes() throws {
        let files = ["/etc/lurker/lurker.yaml": "group: from-variable\n", "other.yaml": "group: from-flag\n"]
        let loader = ConfigurationLoader(environment: ["LURKER_CONFIG": "/etc/lurker/lurker.yaml"]) { files[$0]! }
        #expect(try loader.load().daemon.groupID == "from-variable")
        #expect(try loader.load(configurationPath: "other.yaml").daemon.groupID == "from-flag")
    }

    @Test(arguments: [
        ("bootstrap_server: kafka:9092\n",
         "lurker.yaml:1:1: error: unknown key 'bootstrap_server'; did you mean 'bootstrap_servers'?"),
        ("topics:\n  event: [web]\n", "lurker.yaml:2:3: error: unknown key 'topics.event'; did you mean 'topics.events'?"),
        ("events: [web]\n", "lurker.yaml:1:1: error: unknown key 'events'; did you mean 'topics.events'?"),
        ("dead-letter-topic: dlq\n", "lurker.yaml:1:1: error: unknown key 'dead-letter-topic'; did you mean 'topics.dead_letter'?"),
        ("log:\n  levle: debug\n", "lurker.yaml:2:3: error: unknown key 'log.levle'; did you mean 'log.level'?"),
        ("kafak:\n  linger.ms: 5\n", "lurker.yaml:1:1: error: unknown key 'kafak'; did you mean 'kafka'?"),
        ("colour: blue\n", "lurker.yaml:1:1: error: unknown key 'colour'"),
    ])
    func unknownFileKeyIsAnErrorWithSuggestionAndPosition(file: String, reason: String) {
        #expect(ConfigurationFixture.failure(file: file) == reason)
    }

    @Test(arguments: [
        ("LURKER_BOOTSTRAP_SERVER", "environment: error: unknown variable LURKER_BOOTSTRAP_SERVER; did you mean LURKER_BOOTSTRAP_SERVERS?"),
        ("LURKER_TOPIC_EVENTS", "environment: error: unknown variable LURKER_TOPIC_EVENTS; did you mean LURKER_TOPICS_EVENTS?"),
        ("LURKER_COLOUR", "environment: error: unknown variable LURKER_COLOUR"),
        ("LURKER_CONFIG_FILE", "environment: error: unknown variable LURKER_CONFIG_FILE; did you mean LURKER_CONFIG?"),
    ])
    func unknownVariableIsAnErrorWithSuggestion(name: String, reason: String) {
        #expect(ConfigurationFixture.failure(environment: [name: "x"]) == reason)
    }

    @Test func variablesNotStartingWithThePrefixAreIgnored() throws {
        let configuration = try ConfigurationFixture.load(environment: ["HOME": "/root", "LURKERS": "x", "lurker_group": "x"])
        #expect(configuration.daemon.groupID == "lurker")
    }

    @Test(arguments: [
        ("batch_size: ten\n", "lurker.yaml:1:13: error: batch_size: expected an integer, found a string"),
        ("batch_size: 0\n", "lurker.yaml:1:13: error: batch_size: expected an integer of at least 1, found 0"),
        ("idle_threshold_ms: 2.5\n", "lurker.yaml:1:20: error: idle_threshold_ms: expected an integer, found a number"),
        ("topics:\n  events: web\n", "lurker.yaml:2:11: error: topics.events: expected a list of names, found a string"),
        ("topics:\n  events: []\n", "lurker.yaml:2:11: error: topics.events: expected a list of names, found an empty list"),
        ("group: [a, b]\n", "lurker.yaml:1:8: error: group: expected a string, found a list"),
        ("group:\n", "lurker.yaml:1:7: error: group: expected a string, found null"),
        ("group: yes\n", "lurker.yaml:1:8: error: group: expected a string, found a boolean 'yes' (quote it to mean the text)"),
        ("log:\n  level: debg\n",
         "lurker.yaml:2:10: error: log.level: expected one of trace, debug, info, notice, warning, error, critical, found 'debg'; did you mean 'debug'?"),
        ("log.format: xml\n", "lurker.yaml:1:13: error: log.format: expected one of logfmt, json, found 'xml'"),
        ("metrics:\n  address: 9464\n",
         "lurker.yaml:2:12: error: metrics.address: expected HOST:PORT (a port from 0 to 65535), found '9464'"),
        ("topics: events\n", "lurker.yaml:1:9: error: topics: expected a mapping, found a string"),
        ("kafka: [linger.ms=5]\n", "lurker.yaml:1:8: error: kafka: expected a mapping of librdkafka properties, found a list"),
        ("kafka:\n  linger.ms: soon\n",
         "lurker.yaml:2:14: error: kafka.linger.ms: Invalid value for configuration property \"queue.buffering.max.ms\""),
        ("kafka:\n  lingr.ms: 5\n", "lurker.yaml:2:13: error: kafka.lingr.ms: No such configuration property: \"lingr.ms\""),
        ("kafka:\n  bootstrap.servers: k:9092\n",
         "lurker.yaml:2:22: error: kafka.bootstrap.servers: set it with 'bootstrap_servers' (LURKER_BOOTSTRAP_SERVERS, --bootstrap-servers)"),
        ("kafka_consumer:\n  group.id: other\n",
         "lurker.yaml:2:13: error: kafka_consumer.group.id: set it with 'group' (LURKER_GROUP, --group)"),
        ("- group\n", "lurker.yaml:1:1: error: expected a mapping of settings, found a list"),
        ("group: [\n", "lurker.yaml:2:1: error: did not find expected node content (while parsing a flow node)"),
        ("group: a\ngroup: b\n", "lurker.yaml:1:1: error: duplicate key 'group'"),
        ("topics:\n  events: [a]\ntopics.events: [b]\n", "lurker.yaml:3:1: error: 'topics.events' is set twice (first at line 2)"),
    ])
    func wrongFileValueIsAPreciseError(file: String, reason: String) {
        #expect(ConfigurationFixture.failure(file: file) == reason)
    }

    @Test(arguments: [
        ("LURKER_BATCH_SIZE", "many", "LURKER_BATCH_SIZE: error: batch_size: expected an integer, found 'many'"),
        ("LURKER_TOPICS_EVENTS", "web,,app", "LURKER_TOPICS_EVENTS: error: topics.events: expected a comma-separated list of names, found 'web,,app'"),
        ("LURKER_GROUP", "", "LURKER_GROUP: error: group: expected a non-empty string, found ''"),
        ("LURKER_LOG_FORMAT", "jsno", "LURKER_LOG_FORMAT: error: log.format: expected one of logfmt, json, found 'jsno'; did you mean 'json'?"),
        ("LURKER_KAFKA_LINGER_MS", "soon", "LURKER_KAFKA_LINGER_MS: error: kafka.linger.ms: Invalid value for configuration property \"queue.buffering.max.ms\""),
        ("LURKER_KAFKA_CONSUMER_NO_SUCH", "1", "LURKER_KAFKA_CONSUMER_NO_SUCH: error: kafka_consumer.no.such: No such configuration property: \"no.such\""),
    ])
    func wrongVariableValueIsAPreciseError(name: String, value: String, reason: String) {
        #expect(ConfigurationFixture.failure(environment: [name: value]) == reason)
    }

    @Test func wrongFlagValuesArePreciseErrors() {
        #expect(
            ConfigurationFixture.failure(flags: [
                ConfigurationFlag("batch-size", "-1"), ConfigurationFlag("X", "linger.ms"), ConfigurationFlag("X", "foo=bar"),
            ]) == """
                --batch-size: error: batch_size: expected an integer of at least 1, found -1
                -X: error: expected key=value in -X override, found 'linger.ms' (missing '=')
                -X foo: error: kafka.foo: No such configuration property: "foo"
                """)
    }

    @Test func secretInLibrdkafkaMessageIsRedactedOnce() {
        #expect(
            ConfigurationFixture.failure(flags: [ConfigurationFlag("X", "my.secret.RED=RED")])
                == #"-X my.secret.RED: error: kafka.my.secret.RED: No such configuration property: "my.secret.[REDACTED]""#)
    }

    @Test func everyProblemIsReportedInSourceOrder() {
        #expect(
            ConfigurationFixture.failure(
                file: "batch_size: ten\ngroup: ok\ntopic: x\n",
                environment: ["LURKER_LOG_LEVEL": "loud", "LURKER_BATCH_SIZ": "1"],
                flags: [ConfigurationFlag("metrics-address", "nowhere")]
            ) == """
                lurker.yaml:1:13: error: batch_size: expected an integer, found a string
                lurker.yaml:3:1: error: unknown key 'topic'; did you mean 'topics'?
                environment: error: unknown variable LURKER_BATCH_SIZ; did you mean LURKER_BATCH_SIZE?
                LURKER_LOG_LEVEL: error: log.level: expected one of trace, debug, info, notice, warning, error, critical, found 'loud'
                --metrics-address: error: metrics.address: expected HOST:PORT (a port from 0 to 65535), found 'nowhere'
                """)
    }

    @Test func unreadableConfigurationFileIsAnError() {
        let loader = ConfigurationLoader(environment: [:]) { path in
            throw LurkerError(.fileUnreadable, "cannot read '\(path)': Permission denied")
        }
        #expect {
            try loader.load(configurationPath: "/etc/lurker/lurker.yaml")
        } throws: { error in
            (error as? LurkerError)?.reason == "/etc/lurker/lurker.yaml: error: cannot read '/etc/lurker/lurker.yaml': Permission denied"
        }
    }

    @Test func secretsComeFromFilesWithoutTheirFinalLineFeed() throws {
        let configuration = try ConfigurationFixture.load(
            file: """
                bootstrap_servers: {file: /etc/lurker/servers}
                kafka:
                  sasl.password: {file: /run/secrets/sasl}
                  sasl.username: {file: /run/secrets/user}
                """,
            environment: [
                "LURKER_KAFKA_SSL_KEY_PASSWORD_FILE": "/run/secrets/key",
                "LURKER_BATCH_SIZE_FILE": "/etc/lurker/batch",
                "LURKER_TOPICS_EVENTS_FILE": "/etc/lurker/topics",
            ],
            files: [
                "/etc/lurker/servers": "kafka-1:9093,kafka-2:9093\n",
                "/run/secrets/sasl": "hunter2\n",
                "/run/secrets/user": "lurker\r\n",
                "/run/secrets/key": "two lines\n\n",
                "/etc/lurker/batch": "250",
                "/etc/lurker/topics": "web,app\n",
            ]
        )
        #expect(configuration.daemon.kafka.bootstrapServers == "kafka-1:9093,kafka-2:9093")
        #expect(configuration.daemon.kafka["sasl.password"] == "hunter2")
        #expect(configuration.daemon.kafka["sasl.username"] == "lurker")
        #expect(configuration.daemon.kafka["ssl.key.password"] == "two lines\n")
        #expect(configuration.daemon.batchSize == 250)
        #expect(configuration.daemon.eventTopics == ["web", "app"])
    }

    @Test func secretFileProblemsAreErrors() {
        #expect(
            ConfigurationFixture.failure(
                file: "kafka:\n  sasl.password: {file: /run/secrets/missing}\n  sasl.username: {file: ~}\n",
                environment: [
                    "LURKER_KAFKA_SASL_MECHANISMS": "PLAIN", "LURKER_KAFKA_SASL_MECHANISMS_FILE": "/run/secrets/mechanisms",
                    "LURKER_GROUP_FILE": "/run/secrets/group",
                ]
            ) == """
                lurker.yaml:2:25: error: kafka.sasl.password: cannot read '/run/secrets/missing': No such file or directory
                lurker.yaml:3:25: error: kafka.sasl.username: expected a file path, found null
                LURKER_GROUP_FILE: error: cannot read '/run/secrets/group': No such file or directory
                LURKER_KAFKA_SASL_MECHANISMS_FILE: error: set either LURKER_KAFKA_SASL_MECHANISMS or LURKER_KAFKA_SASL_MECHANISMS_FILE, not both
                """)
    }
}
