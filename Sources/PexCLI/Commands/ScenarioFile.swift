import PexBranding
import PexMock

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads `--scenario FILE` for `serve` and `mock`, printing its problems the way `check` prints branding
/// problems (file:line:col, excerpt, caret, hint).
enum ScenarioFile {
    static func load(_ path: String, console: Console, log: TerminalLog) -> MockScenario? {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            log.log(.error, exists ? "cannot read the scenario file \(path)" : "no scenario file at \(path)")
            console.standardError.write("  hint: see sample-branding/mock-scenario.json for the format\n")
            return nil
        }
        switch ScenarioParser.parse([UInt8](data)) {
        case .success(let scenario):
            return scenario
        case .failure(let failure):
            let directory = url.deletingLastPathComponent().path
            let name = url.lastPathComponent
            let renderer = DiagnosticTextRenderer(
                paths: DisplayPaths(
                    rootDirectory: directory, currentDirectory: FileManager.default.currentDirectoryPath),
                colored: console.colorsStandardError, source: { _ in [UInt8](data) })
            console.standardError.write(renderer.render(failure.issues.map { $0.diagnostic(file: name) }))
            let count = failure.issues.count
            log.log(.error, "the scenario \(path) has \(count) problem\(count == 1 ? "" : "s"); fix and start again")
            return nil
        }
    }
}
