import Logging

/// Every setting of `lurker run`, as loaded by ``ConfigurationLoader``: what the daemon needs, and how it logs.
///
/// ``ConfigurationSetting/all`` describes each setting with its key, environment variable, flag and default.
public struct RunConfiguration: Sendable {
    /// The daemon's settings; `kafka` holds `bootstrap.servers` (default `127.0.0.1:9092`) and the
    /// `kafka:` section, `consumerKafka` the `kafka_consumer:` section.
    public var daemon: DaemonConfiguration
    /// The least severe log level written. Default `info`.
    public var logLevel: Logger.Level = .info
    /// The log line format. Default `logfmt`.
    public var logFormat: LogFormat = .logfmt

    /// The bootstrap servers when none are configured.
    public static let defaultBootstrapServers = "127.0.0.1:9092"

    /// Creates the default configuration.
    public init() {
        daemon = DaemonConfiguration()
        daemon.kafka.bootstrapServers = Self.defaultBootstrapServers
    }
}
