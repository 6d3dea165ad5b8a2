import PexBranding

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension CheckCommand {
    /// Checks the branding tree and prints what was found on stdout: 0 when nothing fails the check, 1 when
    /// something does or there is no branding tree at the path.
    static func run(_ options: CheckOptions, console: Console) -> Int32 {
        let isTerminal = (console.standardOutput as? StandardStream).map { Terminal.isTerminal($0.fileDescriptor) }
        return run(
            options, console: console, currentDirectory: FileManager.default.currentDirectoryPath,
            colored: options.environmentAllowsColor && isTerminal == true)
    }

    static func run(_ options: CheckOptions, console: Console, currentDirectory: String, colored: Bool) -> Int32 {
        let root: BrandingRoot
        do {
            root = try BrandingLocator.locate(options.brandingPath, currentDirectory: currentDirectory)
        } catch {
            let log = TerminalLog(
                verbosity: .normal, colored: console.colorsStandardError, output: console.standardError)
            log.log(.error, error.description)
            if let hint = error.hint { console.standardError.write("  hint: \(hint)\n") }
            return ExitStatus.failure
        }
        let report = BrandingChecker.check(root, policies: options.csp.policies)
        let paths = DisplayPaths(rootDirectory: root.directory, currentDirectory: currentDirectory)
        let output = render(
            report, options: options, paths: paths, colored: colored,
            source: { file in root.archive.map { $0.files[file] } ?? readSource(file, in: root.directory) })
        if !output.isEmpty { console.standardOutput.write(output) }
        return exitStatus(report.diagnostics, options: options)
    }

    /// Everything printed on stdout for `report`, in the chosen format; pure, so tests feed it sources directly.
    static func render(
        _ report: CheckReport, options: CheckOptions, paths: DisplayPaths, colored: Bool,
        source: @escaping DiagnosticTextRenderer.SourceProvider
    ) -> String {
        let summary = DiagnosticSummary(report: report)
        let failed = exitStatus(report.diagnostics, options: options) != ExitStatus.success
        // --quiet: only what fails the check, and silence when it passes.
        let shown = options.quiet ? report.diagnostics.filter { options.fails($0.severity) } : report.diagnostics
        let showsSummary = !options.quiet || failed
        switch options.format {
        case .text:
            let renderer = DiagnosticTextRenderer(paths: paths, colored: colored, source: source)
            return renderer.render(shown) + (showsSummary ? renderer.render(summary) : "")
        case .json:
            // The document always has its summary: a consumer should not have to handle its absence.
            return DiagnosticJSONRenderer(paths: paths).render(shown, summary: summary)
        case .github:
            let renderer = DiagnosticGitHubRenderer(paths: paths)
            return renderer.render(shown) + (showsSummary ? renderer.render(summary) : "")
        }
    }

    static func exitStatus(_ diagnostics: [Diagnostic], options: CheckOptions) -> Int32 {
        diagnostics.contains { options.fails($0.severity) } ? ExitStatus.failure : ExitStatus.success
    }

    /// A file a diagnostic points into, for its excerpt. Only plain root-relative paths are read: a diagnostic
    /// about `../../etc/passwd` (a hostile srcURL) must not make `check` print that file.
    static func readSource(_ file: String, in rootDirectory: String) -> [UInt8]? {
        let components = file.split(separator: "/", omittingEmptySubsequences: false)
        guard !file.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            return nil
        }
        return FileManager.default.contents(atPath: rootDirectory + "/" + file).map { [UInt8]($0) }
    }
}
