/// The one error type of the Lurker module: a small code, a human reason and an optional cause.
public struct LurkerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in a word.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A file could not be opened or read.
        public static let fileUnreadable = Code("file unreadable")
        /// The campaign set has errors.
        public static let invalidCampaigns = Code("invalid campaigns")
        /// A command-line value or configuration key is invalid.
        public static let invalidConfiguration = Code("invalid configuration")
        /// Kafka failed in a way the daemon cannot continue from.
        public static let kafka = Code("kafka")

        public var description: String { name }
    }

    /// The code.
    public var code: Code
    /// A sentence for the person reading it.
    public var reason: String
    /// What caused it, if another error did.
    public var cause: (any Error & Sendable)?

    /// Creates an error.
    public init(_ code: Code, _ reason: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.reason = reason
        self.cause = cause
    }

    public var description: String {
        if let cause { return "\(reason): \(cause)" }
        return reason
    }
}
