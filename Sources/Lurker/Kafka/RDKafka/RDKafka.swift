import CKafka
import Logging

/// Helpers shared by the C-facing layer: errors, version, logging.
enum RDKafka {
    /// The size of the error-string buffers handed to librdkafka.
    static let errorStringCapacity = 512

    /// librdkafka's version string.
    static var versionString: String {
        String(cString: rd_kafka_version_str())
    }

    /// Calls `body` with a zeroed buffer for librdkafka's `errstr` out-parameter and its size.
    static func withErrorString<Result>(
        _ body: (UnsafeMutablePointer<CChar>, Int) throws -> Result
    ) rethrows -> Result {
        try withUnsafeTemporaryAllocation(of: CChar.self, capacity: errorStringCapacity) { buffer in
            let base = buffer.baseAddress!
            base.initialize(repeating: 0, count: errorStringCapacity)
            return try body(base, errorStringCapacity)
        }
    }

    /// A ``KafkaError`` for a librdkafka response code; `reason` defaults to librdkafka's text.
    static func error(
        _ code: KafkaError.Code,
        _ err: rd_kafka_resp_err_t,
        reason: String? = nil
    ) -> KafkaError {
        let isQueueFull = err == RD_KAFKA_RESP_ERR__QUEUE_FULL
        return KafkaError(
            code: isQueueFull ? .queueFull : (err == RD_KAFKA_RESP_ERR__FATAL ? .fatal : code),
            reason: reason ?? String(cString: rd_kafka_err2str(err)),
            rdKafkaCode: err.rawValue,
            rdKafkaCodeName: String(cString: rd_kafka_err2name(err)),
            isFatal: err == RD_KAFKA_RESP_ERR__FATAL,
            isRetriable: isRetriable(err)
        )
    }

    /// A ``KafkaError`` for a librdkafka error object, which it destroys.
    static func error(_ code: KafkaError.Code, consuming error: OpaquePointer) -> KafkaError {
        defer { rd_kafka_error_destroy(error) }
        let err = rd_kafka_error_code(error)
        let isFatal = rd_kafka_error_is_fatal(error) != 0
        return KafkaError(
            code: err == RD_KAFKA_RESP_ERR__QUEUE_FULL ? .queueFull : (isFatal ? .fatal : code),
            reason: String(cString: rd_kafka_error_string(error)),
            rdKafkaCode: err.rawValue,
            rdKafkaCodeName: String(cString: rd_kafka_error_name(error)),
            isFatal: isFatal,
            isRetriable: rd_kafka_error_is_retriable(error) != 0 || isRetriable(err)
        )
    }

    /// The client's fatal error (`rd_kafka_fatal_error`), if one was raised.
    static func fatalError(_ handle: OpaquePointer) -> KafkaError? {
        guard rd_kafka_fatal_error(handle, nil, 0) != RD_KAFKA_RESP_ERR_NO_ERROR else {
            return nil
        }
        return withErrorString { buffer, size in
            let err = rd_kafka_fatal_error(handle, buffer, size)
            return KafkaError(
                code: .fatal,
                reason: String(cString: buffer),
                rdKafkaCode: err.rawValue,
                rdKafkaCodeName: String(cString: rd_kafka_err2name(err)),
                isFatal: true,
                isRetriable: false
            )
        }
    }

    /// Whether a plain librdkafka code is transient (Kafka's retriable set and librdkafka's
    /// local transient errors); error objects carry their own flag.
    static func isRetriable(_ err: rd_kafka_resp_err_t) -> Bool {
        switch err {
        case RD_KAFKA_RESP_ERR__TRANSPORT,
            RD_KAFKA_RESP_ERR__TIMED_OUT,
            RD_KAFKA_RESP_ERR__MSG_TIMED_OUT,
            RD_KAFKA_RESP_ERR__QUEUE_FULL,
            RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN,
            RD_KAFKA_RESP_ERR__WAIT_COORD,
            RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
            RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
            RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
            RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
            RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND,
            RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION,
            RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS,
            RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
            RD_KAFKA_RESP_ERR_NOT_COORDINATOR,
            RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS,
            RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
            RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR:
            return true
        default:
            return false
        }
    }

    /// The swift-log level of a syslog level as librdkafka uses them (0 emergency … 7 debug).
    static func logLevel(syslog level: Int32) -> Logger.Level {
        switch level {
        case ...2: .critical
        case 3: .error
        case 4: .warning
        case 5: .notice
        case 6: .info
        default: .debug
        }
    }

    /// Creates a client handle (`rd_kafka_new`) of `type` from `conf`, which it takes over: `callbacks`, retained
    /// for the client to release, becomes librdkafka's `opaque` with the common callbacks
    /// (``installCommonCallbacks(_:_:)``), and `installRoleCallbacks` installs the role's own on `conf`.
    ///
    /// - Throws: ``KafkaError`` with code ``KafkaError/Code/clientCreation`` and librdkafka's message; `conf`
    ///   is destroyed and `callbacks` released.
    static func makeClient(
        _ type: rd_kafka_type_t,
        _ conf: OpaquePointer,
        _ callbacks: RDKafkaCallbacks,
        installRoleCallbacks: (OpaquePointer) -> Void
    ) throws -> (handle: OpaquePointer, callbacks: Unmanaged<RDKafkaCallbacks>) {
        let retained = Unmanaged.passRetained(callbacks)
        rd_kafka_conf_set_opaque(conf, retained.toOpaque())
        installCommonCallbacks(conf, callbacks)
        installRoleCallbacks(conf)
        let created = withErrorString { buffer, size in
            (rd_kafka_new(type, conf, buffer, size), String(cString: buffer))
        }
        guard let handle = created.0 else {
            rd_kafka_conf_destroy(conf)
            retained.release()
            throw KafkaError(code: .clientCreation, reason: created.1)
        }
        return (handle, retained)
    }

    /// Installs the log, error and (when `callbacks` has a handler for them) statistics callbacks;
    /// librdkafka's `opaque` must be `callbacks`.
    static func installCommonCallbacks(_ conf: OpaquePointer, _ callbacks: RDKafkaCallbacks) {
        if callbacks.statisticsHandler != nil {
            rd_kafka_conf_set_stats_cb(conf) { _, json, length, opaque in
                guard let json, let opaque else { return 0 }
                let callbacks = Unmanaged<RDKafkaCallbacks>.fromOpaque(opaque).takeUnretainedValue()
                callbacks.statistics(Array(UnsafeRawBufferPointer(start: json, count: length)))
                return 0
            }
        }
        rd_kafka_conf_set_log_cb(conf) { handle, level, facility, message in
            guard let handle, let opaque = rd_kafka_opaque(handle) else { return }
            let callbacks = Unmanaged<RDKafkaCallbacks>.fromOpaque(opaque).takeUnretainedValue()
            callbacks.log(
                level: level,
                facility: facility.map { String(cString: $0) } ?? "",
                message: message.map { String(cString: $0) } ?? ""
            )
        }
        rd_kafka_conf_set_error_cb(conf) { handle, err, reason, opaque in
            guard let opaque else { return }
            let callbacks = Unmanaged<RDKafkaCallbacks>.fromOpaque(opaque).takeUnretainedValue()
            callbacks.error(
                rd_kafka_resp_err_t(rawValue: err),
                reason: reason.map { String(cString: $0) } ?? ""
            )
        }
    }
}
