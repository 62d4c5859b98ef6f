/// One problem in the configuration, compiler style: `lurker.yaml:4:3: error: unknown key 'topics.event'; did
/// you mean 'topics.events'?`.
struct ConfigurationDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// Where the value was given: `FILE:LINE:COLUMN`, an environment variable's name, or a flag (`--group`, `-X`).
    var location: String
    /// What is wrong, lower case.
    var message: String

    var description: String {
        "\(location): error: \(message)"
    }
}
