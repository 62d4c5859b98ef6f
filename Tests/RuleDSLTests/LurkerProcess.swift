import Foundation

/// The built `lurker` executable, run as a separate process from a folder.
struct LurkerProcess {
    /// What a run wrote and how it ended.
    struct Output: Equatable, CustomStringConvertible {
        var status: Int32
        var standardOutput: String
        var standardError: String

        var description: String { "status \(status)\n--- stdout\n\(standardOutput)--- stderr\n\(standardError)" }
    }

    /// The executable, next to the test bundle.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        .deletingLastPathComponent()
        .appendingPathComponent("lurker")

    /// Whether the executable has been built.
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }

    /// A new empty folder for one test's files.
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lurker-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes `text` to `path` inside the folder, creating folders on the way.
    func write(_ path: String, _ text: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// The text of `path` inside the folder.
    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(path)), as: UTF8.self)
    }

    /// Runs `lurker arguments` in the folder, standard output and error going to files (no terminal, no colour).
    func run(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = nil
        process.environment = environment
        let outputURL = folder.appendingPathComponent(".stdout")
        let errorURL = folder.appendingPathComponent(".stderr")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try output.close()
        try error.close()
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }

    /// Removes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
