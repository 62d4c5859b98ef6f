/// How ``StructuredLogHandler`` writes a record: one line each, in either format.
public enum LogFormat: String, Sendable, CaseIterable {
    /// `key=value` pairs separated by spaces (the default): `ts=… level=info logger=lurker msg="pipeline started"`.
    case logfmt
    /// One JSON object per line with the same keys: `{"ts":"…","level":"info","logger":"lurker","msg":"…"}`.
    case json
}
