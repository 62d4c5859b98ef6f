import CKafka
import Testing

@testable import Lurker

@Suite struct KafkaConfigurationTests {
    @Test func unknownPropertyFailsWithLibrdkafkasMessage() {
        let configuration = KafkaConfiguration(["bootstrap.servers": "127.0.0.1:9092", "foo": "bar"])
        #expect {
            try configuration.validate()
        } throws: { error in
            let error = error as? KafkaError
            return error?.code == .configuration && error?.reason == "No such configuration property: \"foo\""
                && "\(error!)" == "kafka configuration error: No such configuration property: \"foo\""
        }
    }

    /// librdkafka names the canonical property: `linger.ms` is an alias of `queue.buffering.max.ms`.
    @Test func invalidValueFailsWithLibrdkafkasMessage() {
        let configuration = KafkaConfiguration(["linger.ms": "soon"])
        #expect {
            try configuration.validate()
        } throws: { error in
            (error as? KafkaError)?.reason == "Invalid value for configuration property \"queue.buffering.max.ms\""
        }
    }

    @Test func defaultsAreValid() throws {
        try KafkaConfiguration.consumerDefaults.validate()
        try KafkaConfiguration.producerDefaults.validate()
    }

    @Test(arguments: [
        ("linger.ms=5", "linger.ms", "5"),
        ("sasl.jaas=a=b=c", "sasl.jaas", "a=b=c"),
        ("client.id=", "client.id", ""),
        (" group.id = lurker-eu", "group.id", " lurker-eu"),
    ])
    func overrideSplitsAtFirstEquals(text: String, key: String, value: String) throws {
        let parsed = try KafkaConfiguration.parseOverride(text)
        #expect(parsed.key == key)
        #expect(parsed.value == value)
    }

    @Test func overrideWithoutEqualsFailsPrecisely() {
        #expect {
            try KafkaConfiguration.parseOverride("linger.ms")
        } throws: { error in
            let error = error as? KafkaError
            return error?.code == .configuration
                && error?.reason == "expected key=value in -X override, found 'linger.ms' (missing '=')"
        }
    }

    @Test func overrideWithEmptyKeyFails() {
        #expect {
            try KafkaConfiguration.parseOverride("=5")
        } throws: { error in
            (error as? KafkaError)?.reason == "expected key=value in -X override, found '=5' (empty key)"
        }
    }

    @Test func malformedSecretOverrideIsNotEchoed() {
        #expect {
            try KafkaConfiguration.parseOverride("sasl.password:hunter2")
        } throws: { error in
            (error as? KafkaError)?.reason == "expected key=value in -X override, found [REDACTED] (missing '=')"
        }
    }

    @Test func applyingOverridesKeepsFirstPositionAndLastValue() throws {
        var configuration = KafkaConfiguration(["bootstrap.servers": "a:9092"])
        try configuration.applyOverride("linger.ms=10")
        try configuration.applyOverride("bootstrap.servers=b:9092")
        #expect(configuration.properties.map { "\($0.key)=\($0.value)" } == ["bootstrap.servers=b:9092", "linger.ms=10"])
        configuration["linger.ms"] = nil
        #expect(configuration.count == 1)
        #expect(configuration.bootstrapServers == "b:9092")
    }

    @Test func mergingLetsTheOtherWinAndAppendsNewKeys() {
        let merged = KafkaConfiguration.producerDefaults.merging(
            KafkaConfiguration(["linger.ms": "50", "bootstrap.servers": "b:9092"])
        )
        #expect(merged.redacted == "client.id=lurker, enable.idempotence=true, linger.ms=50, bootstrap.servers=b:9092")
    }

    @Test func redactedHidesEverySecretValue() {
        let configuration = KafkaConfiguration([
            "bootstrap.servers": "kafka:9093",
            "sasl.username": "lurker",
            "sasl.password": "hunter2",
            "ssl.key.password": "pem-pass",
            "sasl.oauthbearer.client.secret": "s3cr3t",
            "ssl.keystore.password": "store-pass",
        ])
        let expected =
            "bootstrap.servers=kafka:9093, sasl.username=lurker, sasl.password=[REDACTED], "
            + "ssl.key.password=[REDACTED], sasl.oauthbearer.client.secret=[REDACTED], "
            + "ssl.keystore.password=[REDACTED]"
        #expect(configuration.redacted == expected)
        #expect("\(configuration)" == expected)
        #expect(!configuration.redacted.contains("hunter2"))
    }

    @Test func consumerDefaultsStoreOffsetsOnlyOnRequest() {
        let defaults = KafkaConfiguration.consumerDefaults
        #expect(defaults["partition.assignment.strategy"] == "cooperative-sticky")
        #expect(defaults["enable.auto.offset.store"] == "false")
        #expect(defaults["enable.auto.commit"] == "true")
        #expect(defaults["auto.offset.reset"] == "earliest")
        #expect(defaults.groupID == "lurker")
    }

    @Test func versionIsLibrdkafkas() {
        #expect(KafkaVersion.string == String(cString: rd_kafka_version_str()))
        #expect(KafkaVersion.string.first?.isNumber == true)
    }
}
