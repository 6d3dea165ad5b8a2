/// What `check` found: every diagnostic, sorted by file and position, plus the resolved model that `serve`
/// and the shell use (one resolver for all of them).
public struct CheckReport: Sendable, Equatable {
    /// The branding root that was checked (absolute `webapp2/` folder).
    public var root: String
    public var diagnostics: [Diagnostic]
    public var model: BrandingModel
    /// Files read while checking (for the summary line "… in 3 plugins (4 files)").
    public var filesRead: Int

    public init(root: String, diagnostics: [Diagnostic], model: BrandingModel, filesRead: Int) {
        self.root = root
        self.diagnostics = diagnostics
        self.model = model
        self.filesRead = filesRead
    }

    public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity }.count }
}

/// Runs every rule over a branding tree.
public enum BrandingChecker {
    /// Reads the tree under `root.directory` (each file once) and applies every rule of `RuleDescription.all`;
    /// the CSP rules use `policies` (by default the node's default policy; empty: CSP off).
    public static func check(
        _ root: BrandingRoot,
        policies: [(label: String, policy: ContentSecurityPolicy)] = [("node", .nodeDefault)]
    ) -> CheckReport {
        check(root, in: root.fileSystem, policies: policies)
    }

    static func check(
        _ root: BrandingRoot, in fileSystem: any BrandingFileSystem,
        policies: [(label: String, policy: ContentSecurityPolicy)] = [("node", .nodeDefault)]
    ) -> CheckReport {
        var resolver = BrandingResolver(root: root.directory, fileSystem: fileSystem)
        var report = resolver.resolve()
        let csp = cspDiagnostics(report.model, policies: policies)
        if !csp.isEmpty {
            report.diagnostics = (report.diagnostics + csp).sorted(by: DiagnosticList.precedes)
        }
        return report
    }
}
