/// The version of the librdkafka library Lurker runs on.
public enum KafkaVersion {
    /// librdkafka's version string (`rd_kafka_version_str()`), for example `2.0.2`.
    public static var string: String {
        RDKafka.versionString
    }
}
