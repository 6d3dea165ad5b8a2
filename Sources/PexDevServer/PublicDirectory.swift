import Foundation

/// Finds the browser shell's files on disk (`Public/`) for `--dev-shell`: in a checkout, next to the binary,
/// or where `PEXDEV_PUBLIC_DIR` says. Without `--dev-shell` the copy compiled into the binary is served.
public enum PublicDirectory {
    public static func locate(environment: [String: String]? = nil) -> String? {
        candidates(environment: environment ?? ProcessInfo.processInfo.environment).first { isShell($0) }
    }

    static func candidates(environment: [String: String]) -> [String] {
        var out: [String] = []
        if let explicit = environment["PEXDEV_PUBLIC_DIR"], !explicit.isEmpty { out.append(explicit) }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            out.append(executable.appendingPathComponent("Public").path)
            out.append(executable.appendingPathComponent("../share/pexdev/Public").standardized.path)
            // `.build/<config>/pexdev` inside a checkout: the repository's Public/ is three levels up.
            out.append(executable.appendingPathComponent("../../../Public").standardized.path)
            out.append(executable.appendingPathComponent("../../../../Public").standardized.path)
        }
        // Last resort for `swift run` and tests: the source checkout this binary was built from.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Public").standardized.path
        out.append(source)
        return out
    }

    private static func isShell(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/index.html")
    }
}
