/// The error of the RuleDSL module: a small code, a human reason and an optional cause.
public struct RuleDSLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a small extensible set of codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) { self.name = name }

        /// A campaign folder could not be listed.
        public static let cannotReadFolder = Code("cannotReadFolder")
        /// A campaign file could not be read.
        public static let cannotReadFile = Code("cannotReadFile")

        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A human reason, lower case.
    public var reason: String
    /// The underlying error's description, if any.
    public var cause: String?

    /// Creates an error.
    public init(code: Code, reason: String, cause: String? = nil) {
        self.code = code
        self.reason = reason
        self.cause = cause
    }

    public var description: String {
        cause.map { "\(reason): \($0)" } ?? reason
    }
}
