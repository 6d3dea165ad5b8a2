import Foundation

/// The built `pexdev` executable, found beside the test runner the way PexCLITests finds it.
enum PexdevBinary {
    /// The products directory holds both the test runner and `pexdev`: on Linux the runner is an executable
    /// there; on macOS the `.xctest` bundle sits there.
    static func locate() throws -> URL {
        var directories = [
            Bundle.main.bundleURL,
            URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent(),
        ]
        directories += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }
            .map { $0.bundleURL.deletingLastPathComponent() }
        var seen = Set<String>()
        directories = directories.filter { seen.insert($0.standardizedFileURL.path).inserted }
        for directory in directories {
            let candidate = directory.appendingPathComponent("pexdev")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw BrowserFailure(
            "the pexdev binary was not found next to the tests (looked in "
                + "\(directories.map(\.path).joined(separator: ", "))); build it with `swift build` (same "
                + "--scratch-path) before `swift test`")
    }

    /// The test process's environment without PEXDEV_* variables (they would change what pexdev does), with
    /// NO_COLOR set so the banner is plain text.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PEXDEV_") }
        variables["NO_COLOR"] = "1"
        variables.merge(extra) { $1 }
        return variables
    }
}
