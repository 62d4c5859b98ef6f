import Foundation
import Testing

@testable import RuleDSL

/// The worked examples of the specification, copied into `Tests/SpecExamples` (see its README).
enum SpecExamples {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SpecExamples")

    static func files(in subfolder: String, depth: Int) -> [String] {
        let root = folder.appendingPathComponent(subfolder).path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".lurk") && $0.split(separator: "/").count == depth }
            .map { root + "/" + $0 }
            .sorted()
    }

    static var invalidFiles: [String] { files(in: "invalid", depth: 1) }
    static var scenarioFolders: [String] {
        Set(files(in: "scenarios", depth: 3).map { URL(fileURLWithPath: $0).deletingLastPathComponent().path })
            .sorted()
    }
}

@Suite struct SpecExamplesTests {
    @Test func examplesAreFound() {
        #expect(SpecExamples.invalidFiles.count >= 8)
        #expect(SpecExamples.scenarioFolders.count >= 6)
    }

    @Test(arguments: SpecExamples.invalidFiles)
    func invalidFileReportsOneErrorAtExpectedPosition(path: String) throws {
        let source = try SourceFile.load(path)
        let firstLine = source.text.split(separator: "\n", maxSplits: 1)[0]
        let expected = try #require(firstLine.split(separator: " ").dropFirst(2).first)
        let result = CampaignChecker.check([source], now: 0)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(DiagnosticRenderer(sources: [source]).render(result.diagnostics))")
        #expect(errors.first.map { "\($0.range.start)" } == String(expected))
        #expect(result.hasErrors)
        #expect(result.campaigns.isEmpty)
    }

    @Test(arguments: SpecExamples.scenarioFolders)
    func scenarioCampaignsCheckClean(folder: String) throws {
        let sources = try SourceFile.loadFolder(folder)
        let result = CampaignChecker.check(sources, now: 0)
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRenderer(sources: sources).render(result.diagnostics))")
        #expect(!result.hasErrors)
        #expect(!result.campaigns.isEmpty)
    }
}
