#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import RuleDSL

/// What the campaign files look like on disk, cheaply: per `*.lurk` file of the folder (or the one file),
/// its name, device, inode, size and modification time. Two looks that differ mean a file was added,
/// removed, replaced or written. `stat` follows symbolic links, so a Kubernetes ConfigMap swapping its
/// `..data` link is seen too.
struct CampaignFilesFingerprint: Equatable, Sendable {
    private struct File: Equatable, Sendable {
        var name: String
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }

    private var files: [File]

    /// Looks at `path`: a folder's `*.lurk` files, or the file itself. What cannot be read is left out.
    init(_ path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            files = []
            return
        }
        let paths: [(String, String)]
        if isDirectory.boolValue {
            let names = (try? SourceFile.campaignFileNames(inFolder: path)) ?? []
            let prefix = path.hasSuffix("/") ? path : path + "/"
            paths = names.map { ($0, prefix + $0) }
        } else {
            paths = [(path, path)]
        }
        files = paths.compactMap { name, path in
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return File(
                name: name, device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
        }
    }
}
