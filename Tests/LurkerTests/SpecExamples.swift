import Foundation

/// The worked examples of the specification, beside the repository in `../shared/spec/examples`.
enum SpecExamples {
    /// The examples folder.
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
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
