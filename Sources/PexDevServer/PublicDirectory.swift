#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Finds the browser shell's files on disk (`Public/`) for `--dev-shell`: in a checkout, next to the binary,
/// or where `PEXDEV_PUBLIC_DIR` says. Without `--dev-shell` the copy compiled into the binary is served.
public enum PublicDirectory {
    public static func locate(environment: [String: String]? = nil) -> String? {
        candidates(environment: environment ?? ProcessInfo.processInfo.environment).first { isShell($0) }
    }

    static func candidates(environment: [String: String]) -> [String] {
        var out: [String] = []
        if let explicit = environment["PEXDEV_PUBLIC_DIR"], !explicit.isEmpty { out.append(explicit) }
        if let path = executablePath() {
            let executable = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
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

    /// The running binary, also when started from PATH: /proc/self/exe on Linux, else argv[0] if it is a path.
    /// (Bundle.main would link all of Foundation and ICU into the static binary.)
    private static func executablePath() -> String? {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
        guard let first = ProcessInfo.processInfo.arguments.first, first.contains("/") else { return nil }
        return first
    }

    private static func isShell(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/index.html")
    }
}
