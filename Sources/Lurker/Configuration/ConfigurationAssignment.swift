/// A value one source (the file, the environment or the flags) gives to a setting or a librdkafka property.
struct ConfigurationAssignment: Sendable {
    /// What the value is for.
    enum Target: Sendable {
        /// A setting of ``ConfigurationSetting/all``.
        case setting(ConfigurationSetting)
        /// A librdkafka property for both clients (`kafka:`, `LURKER_KAFKA_…`, `-X`).
        case kafka(String)
        /// A librdkafka property for the consumer only (`kafka_consumer:`, `LURKER_KAFKA_CONSUMER_…`).
        case consumerKafka(String)
    }

    /// What the value is for.
    var target: Target
    /// The value; a librdkafka property's is a string.
    var value: ConfigurationValue
    /// Where it was given, for diagnostics.
    var location: String

    /// How the target is named in diagnostics: the setting's key, or `kafka.` / `kafka_consumer.` and the property.
    var name: String {
        switch target {
        case .setting(let setting): setting.key
        case .kafka(let property): "kafka." + property
        case .consumerKafka(let property): "kafka_consumer." + property
        }
    }
}
