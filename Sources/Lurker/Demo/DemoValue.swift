/// A field value of a demo event or profile, as it is written into the JSON.
enum DemoValue: Sendable, Hashable {
    /// A JSON string.
    case string(String)
    /// A JSON integer.
    case integer(Int64)
    /// A decimal with two places held as hundredths (`1999` is `19.99`, `700` is `7`), for money
    /// and scores, so that no binary fraction ever reaches the JSON.
    case hundredths(Int64)
    /// `true` or `false`.
    case bool(Bool)
    /// Epoch milliseconds, written as an RFC 3339 UTC string with milliseconds.
    case timestamp(Int64)
}
