import PexBranding

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension PackageCommand {
    /// Packages the tree: 0 when the ZIP (and the manifest) were written, 1 otherwise.
    static func run(_ options: PackageOptions, console: Console) -> Int32 {
        run(
            options, console: console, currentDirectory: FileManager.default.currentDirectoryPath,
            now: BrandingID.systemMilliseconds)
    }

    static func run(
        _ options: PackageOptions, console: Console, currentDirectory: String, now: @escaping @Sendable () -> UInt64
    ) -> Int32 {
        let log = TerminalLog(verbosity: .normal, colored: console.colorsStandardError, output: console.standardError)
        let root: BrandingRoot
        do {
            root = try BrandingLocator.locate(options.brandingPath, currentDirectory: currentDirectory)
        } catch {
            log.log(.error, error.description)
            if let hint = error.hint { console.standardError.write("  hint: \(hint)\n") }
            return ExitStatus.failure
        }
        let paths = DisplayPaths(rootDirectory: root.directory, currentDirectory: currentDirectory)
        let renderer = DiagnosticTextRenderer(
            paths: paths, colored: console.colorsStandardError,
            source: { file in CheckCommand.readSource(file, in: root.directory) })

        var request = PackageRequest(
            root: root, output: options.output.map { absolute($0, in: currentDirectory) },
            currentDirectory: currentDirectory)
        request.force = options.force
        request.bump = options.bump
        request.now = now
        let result: PackageResult
        do {
            result = try BrandingPackager.package(request)
        } catch {
            if !error.diagnostics.isEmpty {
                console.standardError.write(renderer.render(error.diagnostics))
            }
            log.log(.error, error.message)
            if let hint = error.hint { console.standardError.write("  hint: \(hint)\n") }
            return ExitStatus.failure
        }

        // Warnings are worth reading before an upload; notices are check's business, and the fixed findings are
        // no longer true of the package.
        let fixed = Set(result.fixed)
        let warnings = result.report.diagnostics.filter { $0.severity == .warning && !fixed.contains($0) }
        if !result.overriddenErrors.isEmpty || !warnings.isEmpty {
            console.standardError.write(renderer.render(result.overriddenErrors + warnings))
        }
        if !result.overriddenErrors.isEmpty {
            let count = result.overriddenErrors.count
            log.log(
                .warning,
                "packaged despite \(count == 1 ? "1 error" : "\(count) errors") (--force): "
                    + "the plugins named above will not load")
        }
        let out = console.standardOutput
        let shownOutput = relative(result.output, to: currentDirectory)
        if options.quiet {
            out.write(shownOutput + "\n")
        } else {
            out.write(describe(result, paths: paths, shownOutput: shownOutput, root: root))
        }
        if let failure = result.manifestFailure {
            log.log(
                .error,
                "the package was written, but manifest.json was not updated: \(failure)")
            console.standardError.write(
                "  hint: set \"brandingID\" to \(result.brandingID ?? "a new number") in manifest.json by hand\n")
            return ExitStatus.failure
        }
        return ExitStatus.success
    }

    /// The report on stdout: what was left out, what was written, what to do next.
    static func describe(_ result: PackageResult, paths: DisplayPaths, shownOutput: String, root: BrandingRoot)
        -> String
    {
        var text = ""
        if !result.excluded.isEmpty {
            text += "left out \(result.excluded.count == 1 ? "1 file" : "\(result.excluded.count) files"):\n"
            let shown = result.excluded.map { (paths.displayPath(file: $0.path), $0.reason) }
            let width = min(48, shown.map(\.0.count).max() ?? 0)
            for (path, reason) in shown {
                text += "  " + path + String(repeating: " ", count: max(2, width - path.count + 2)) + reason + "\n"
            }
        }
        let files = result.fileCount == 1 ? "1 file" : "\(result.fileCount) files"
        text += "packaged \(shownOutput): \(ByteCount.text(result.size)), \(result.entryCount) entries (\(files))\n"
        let manifest = paths.displayPath(file: "manifest.json")
        switch result.manifest {
        case .updated:
            let was = result.previousID.map { " (was \($0))" } ?? ""
            text += "  brandingID \(result.brandingID ?? "")\(was), written to \(manifest)\n"
        case .created:
            text += "  brandingID \(result.brandingID ?? ""), in a new \(manifest)\n"
        case .unchanged:
            text +=
                "  brandingID \(result.brandingID ?? "(none)") kept (--no-bump): clients that saw it keep "
                + "their cached configuration\n"
        }
        text += "  upload it in the Management Node: Web App > Web App Branding\n"
        return text
    }

    static func absolute(_ path: String, in currentDirectory: String) -> String {
        let joined = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    /// `branding-1.zip` for a file in the current directory, the path as it is otherwise.
    static func relative(_ path: String, to currentDirectory: String) -> String {
        let prefix = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
