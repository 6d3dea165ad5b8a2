import Foundation

/// Finds the Chromium to drive: `PEXDEV_CHROMIUM` when set, else the first of `chromium`, `chromium-browser`,
/// `google-chrome` on PATH.
enum Chromium {
    static let variable = "PEXDEV_CHROMIUM"
    static let names = ["chromium", "chromium-browser", "google-chrome"]

    /// No browser on this machine: browser tests are skipped with this message, never counted as passed.
    struct NotInstalled: Error, CustomStringConvertible {
        let path: String
        var description: String {
            let names = Chromium.names.joined(separator: ", ")
            return "no Chromium to drive: \(Chromium.variable) is not set and none of \(names) "
                + "is on PATH (\(path)). Install one (Debian: apt-get install chromium) or set \(Chromium.variable) "
                + "to a Chromium or Chrome executable."
        }
    }

    /// The executable to launch. A `PEXDEV_CHROMIUM` that names nothing runnable is a mistake to fix, so it
    /// throws `BrowserFailure` (the test fails) rather than `NotInstalled` (the test is skipped).
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let path = environment["PATH"] ?? ""
        if let chosen = environment[variable], !chosen.isEmpty {
            if let found = executable(chosen, path: path) { return found }
            throw BrowserFailure("\(variable)=\(chosen) is not an executable file (nor a name on PATH)")
        }
        for name in names {
            if let found = executable(name, path: path) { return found }
        }
        throw NotInstalled(path: path)
    }

    /// `command` as given when it contains a slash, else the first executable of that name in `path`.
    private static func executable(_ command: String, path: String) -> URL? {
        let candidates =
            command.contains("/")
            ? [command]
            : path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(command).path }
        var isDirectory: ObjCBool = false
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: candidate)
        {
            return URL(fileURLWithPath: candidate)
        }
        return nil
    }
}
