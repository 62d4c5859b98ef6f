import CKafka

/// Builds librdkafka configuration objects (`rd_kafka_conf_t`) from a ``KafkaConfiguration``.
enum RDKafkaConfig {
    /// A new `rd_kafka_conf_t` with every property set in order; the caller owns it (it goes to
    /// `rd_kafka_new` or `rd_kafka_conf_destroy`).
    ///
    /// - Throws: ``KafkaError`` with code ``KafkaError/Code/configuration`` and librdkafka's
    ///   message for the first property it rejects.
    static func make(_ configuration: KafkaConfiguration) throws -> OpaquePointer {
        let conf = rd_kafka_conf_new()!
        do {
            for (key, value) in configuration.properties {
                try set(conf, key, value)
            }
        } catch {
            rd_kafka_conf_destroy(conf)
            throw error
        }
        return conf
    }

    /// Checks every property against librdkafka on a scratch `rd_kafka_conf_t`.
    static func validate(_ configuration: KafkaConfiguration) throws {
        rd_kafka_conf_destroy(try make(configuration))
    }

    /// Sets one property, with librdkafka's message as the error; a secret value never appears in it.
    static func set(_ conf: OpaquePointer, _ key: String, _ value: String) throws {
        try RDKafka.withErrorString { buffer, size in
            guard rd_kafka_conf_set(conf, key, value, buffer, size) != RD_KAFKA_CONF_OK else {
                return
            }
            var reason = String(cString: buffer)
            if KafkaConfiguration.isSensitive(key: key), !value.isEmpty {
                reason = reason.replacing(value, with: KafkaConfiguration.redactedValue)
            }
            throw KafkaError(code: .configuration, reason: reason)
        }
    }
}
