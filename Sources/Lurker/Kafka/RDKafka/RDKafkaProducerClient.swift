import CKafka
import Foundation
import Logging

/// The librdkafka side of a ``KafkaProducer``: one producer handle (`rd_kafka_t`).
///
/// The handle lives as long as this object, so no call can race `rd_kafka_destroy`; `close()`
/// discards what is left but keeps the handle, and `deinit` destroys it.
final class RDKafkaProducerClient: @unchecked Sendable {
    // @unchecked: `handle` is a thread-safe librdkafka handle that lives until deinit; the
    // callbacks object is immutable; `isClosed` is guarded by `lock`.

    private let handle: OpaquePointer
    private let callbacks: Unmanaged<RDKafkaCallbacks>
    private let lock = NSLock()
    private var isClosed = false

    /// Creates the handle with `configuration`, validated by librdkafka.
    init(
        configuration: KafkaConfiguration,
        logger: Logger,
        deliveryHandler: @escaping @Sendable (DeliveryReport) -> Void,
        statisticsHandler: (@Sendable (KafkaStatistics) -> Void)?
    ) throws {
        let conf = try RDKafkaConfig.make(configuration)
        let callbacks = RDKafkaCallbacks(logger: logger, deliveryHandler: deliveryHandler, statisticsHandler: statisticsHandler)
        (handle, self.callbacks) = try RDKafka.makeClient(RD_KAFKA_PRODUCER, conf, callbacks) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
                guard let message, let opaque else { return }
                let callbacks = Unmanaged<RDKafkaCallbacks>.fromOpaque(opaque).takeUnretainedValue()
                callbacks.deliveryHandler?(RDKafkaProducerClient.report(message))
            }
        }
    }

    deinit {
        rd_kafka_destroy(handle)
        callbacks.release()
    }

    /// Enqueues one message (`rd_kafka_produceva`, librdkafka copies key, value and headers).
    func send(topic: String, key: [UInt8]?, value: [UInt8]?, headers: [(String, [UInt8])], token: UInt64) throws {
        guard !lock.withLock({ isClosed }) else {
            throw KafkaError(code: .closed, reason: "the producer is closed")
        }
        if let fatal = RDKafka.fatalError(handle) {
            throw fatal
        }
        let error = topic.withCString { topic in
            Self.withBytes(key) { key in
                Self.withBytes(value) { value in
                    withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 5 + headers.count) { fields in
                        var count = 0
                        func append(_ vtype: rd_kafka_vtype_t, _ fill: (inout rd_kafka_vu_t) -> Void) {
                            var field = rd_kafka_vu_t()
                            field.vtype = vtype
                            fill(&field)
                            fields.initializeElement(at: count, to: field)
                            count += 1
                        }
                        append(RD_KAFKA_VTYPE_TOPIC) { $0.u.cstr = topic }
                        append(RD_KAFKA_VTYPE_MSGFLAGS) { $0.u.i = RD_KAFKA_MSG_F_COPY }
                        append(RD_KAFKA_VTYPE_OPAQUE) { $0.u.ptr = UnsafeMutableRawPointer(bitPattern: UInt(token)) }
                        if let key {
                            append(RD_KAFKA_VTYPE_KEY) {
                                $0.u.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress)
                                $0.u.mem.size = key.count
                            }
                        }
                        if let value {
                            append(RD_KAFKA_VTYPE_VALUE) {
                                $0.u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress)
                                $0.u.mem.size = value.count
                            }
                        }
                        defer { fields.baseAddress!.deinitialize(count: count) }
                        return produce(fields, count, headers[...])
                    }
                }
            }
        }
        if let error {
            throw RDKafka.error(.produce, consuming: error)
        }
    }

    /// Serves delivery reports (and other callbacks) for up to `timeout` milliseconds.
    ///
    /// - Returns: The number of events served.
    /// - Throws: The fatal ``KafkaError`` once librdkafka raised one.
    func poll(timeout: Int32) throws -> Int {
        let served = rd_kafka_poll(handle, timeout)
        if let fatal = RDKafka.fatalError(handle) {
            throw fatal
        }
        return Int(served)
    }

    /// Waits up to `timeout` milliseconds for every outstanding message, serving delivery reports.
    func flush(timeout: Int32) throws {
        let err = rd_kafka_flush(handle, timeout)
        if let fatal = RDKafka.fatalError(handle) {
            throw fatal
        }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw RDKafka.error(
                .flush,
                err,
                reason: "\(outstanding) messages still outstanding after \(timeout) ms"
            )
        }
    }

    /// Raises a fabricated fatal error (`rd_kafka_test_fatal_error`), for tests of the error path.
    func raiseFatalErrorForTesting(_ reason: String) {
        _ = rd_kafka_test_fatal_error(handle, RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER, reason)
    }

    /// Messages (and requests) not yet acknowledged or reported (`rd_kafka_outq_len`).
    var outstanding: Int {
        Int(rd_kafka_outq_len(handle))
    }

    /// Discards queued and in-flight messages, reporting them as failed, and refuses new ones.
    /// Returns `false` when already closed.
    @discardableResult
    func close() -> Bool {
        let first = lock.withLock {
            defer { isClosed = true }
            return !isClosed
        }
        guard first else { return false }
        rd_kafka_purge(handle, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
        // Serve the reports of the purged messages; in-flight requests may take a moment.
        _ = rd_kafka_flush(handle, 1000)
        rd_kafka_poll(handle, 0)
        return true
    }

    /// Adds one `RD_KAFKA_VTYPE_HEADER` field per header (their bytes must stay valid for the
    /// call), then produces.
    private func produce(
        _ fields: UnsafeMutableBufferPointer<rd_kafka_vu_t>,
        _ count: Int,
        _ headers: ArraySlice<(String, [UInt8])>
    ) -> OpaquePointer? {
        guard let (name, value) = headers.first else {
            return rd_kafka_produceva(handle, fields.baseAddress, count)
        }
        return name.withCString { name in
            value.withUnsafeBytes { value in
                var field = rd_kafka_vu_t()
                field.vtype = RD_KAFKA_VTYPE_HEADER
                field.u.header.name = name
                field.u.header.val = value.baseAddress
                field.u.header.size = value.count
                fields.initializeElement(at: count, to: field)
                defer { fields.deinitializeElement(at: count) }
                return produce(fields, count + 1, headers.dropFirst())
            }
        }
    }

    private static func withBytes<Result>(
        _ bytes: [UInt8]?,
        _ body: (UnsafeRawBufferPointer?) -> Result
    ) -> Result {
        guard let bytes else { return body(nil) }
        return bytes.withUnsafeBytes { body($0) }
    }

    /// The report of one delivered (or failed) message, from librdkafka's delivery callback.
    private static func report(_ message: UnsafePointer<rd_kafka_message_t>) -> DeliveryReport {
        let raw = message.pointee
        let offset = raw.offset
        return DeliveryReport(
            token: UInt64(UInt(bitPattern: raw._private)),
            topic: String(cString: rd_kafka_topic_name(raw.rkt)),
            partition: raw.partition,
            offset: raw.err == RD_KAFKA_RESP_ERR_NO_ERROR && offset >= 0 ? offset : nil,
            error: raw.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : RDKafka.error(.delivery, raw.err)
        )
    }
}
