import Foundation

/// The worked examples of the specification, copied into `Tests/SpecExamples` (see its README).
enum SpecExamples {
    /// The examples folder.
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SpecExamples")

    /// The specification's own copy, beside the repository, when this checkout has one.
    static let upstream: URL = folder.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/spec/examples")

    /// The scenario folders, by name.
    static var scenarios: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("scenarios").path)) ?? []
        return names.sorted()
    }

    /// A scenario's folder.
    static func scenario(_ name: String) -> URL {
        folder.appendingPathComponent("scenarios").appendingPathComponent(name)
    }
}
