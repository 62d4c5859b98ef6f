import Foundation

/// A campaign file: its path as given and its text.
public struct SourceFile: Sendable, Hashable {
    /// The path as it was given (used in diagnostics).
    public var path: String
    /// The file's text, decoded as UTF-8 (invalid bytes become U+FFFD).
    public var text: String

    /// Creates a source file from a path and its text.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Loads one file.
    ///
    /// - Throws: ``RuleDSLError`` with code ``RuleDSLError/Code/cannotReadFile`` when the file cannot be read.
    public static func load(_ path: String) throws -> SourceFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleDSLError(code: .cannotReadFile, reason: "cannot read file '\(path)'")
        }
        return SourceFile(path: path, text: String(decoding: data, as: UTF8.self))
    }

    /// Loads a set from paths in the order given: a folder gives its `*.lurk` files (``loadFolder(_:)``), any
    /// other path is read as one file.
    public static func load(paths: [String]) throws -> [SourceFile] {
        try paths.flatMap { path in
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                return try loadFolder(path)
            }
            return [try load(path)]
        }
    }

    /// Loads every `*.lurk` file of a folder (not recursive), in byte order of file name (spec §1).
    ///
    /// Paths of the files are the folder path joined with `/` and the file name.
    /// - Throws: ``RuleDSLError`` when the folder or one of its files cannot be read.
    public static func loadFolder(_ path: String) throws -> [SourceFile] {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return try campaignFileNames(inFolder: path)
            .filter { name in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: prefix + name, isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            }
            .map { try load(prefix + $0) }
    }

    /// The names of a folder's entries that end in `.lurk`, in byte order (spec §1); not recursive, and a
    /// subfolder so named is listed too.
    ///
    /// - Throws: ``RuleDSLError`` with code ``RuleDSLError/Code/cannotReadFolder`` when the folder cannot be read.
    public static func campaignFileNames(inFolder path: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw RuleDSLError(
                code: .cannotReadFolder, reason: "cannot read folder '\(path)'", cause: String(describing: error))
        }
        return names.filter { $0.hasSuffix(".lurk") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
