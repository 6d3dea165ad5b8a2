/// `pexdev package`: checks the tree, stamps the manifest, writes the ZIP the Management Node's Web App
/// Branding upload expects (spec §10) — a top-level `webapp2/` folder — to a temporary file renamed into
/// place, so an existing package is never half-overwritten. The ZIP is deterministic: entries sorted, one
/// timestamp derived from the brandingID, fixed modes.
public enum BrandingPackager {
    /// The folder the upload expects at the top of the archive.
    public static let topFolder = "webapp2/"

    /// Findings that packaging itself fixes when it stamps the manifest.
    static let fixedByBump: Set<String> = [
        RuleDescription.manifestMissing.code, RuleDescription.settingsNotBranded.code,
        RuleDescription.brandingIDNotNumeric.code,
    ]

    public static func package(_ request: PackageRequest) throws(PackagingError) -> PackageResult {
        let root = request.root
        if let archive = root.archive {
            throw PackagingError(
                .alreadyAnArchive, "'\(archive.path)' is already a branding package (a ZIP)",
                hint: "package the folder it was made from; pexdev check validates the ZIP as it is")
        }
        let report = BrandingChecker.check(root)
        let fixable = request.bump ? fixedByBump : []
        let fixed = report.diagnostics.filter { fixable.contains($0.code) }
        let errors = report.diagnostics.filter { $0.severity == .error && !fixable.contains($0.code) }
        if !errors.isEmpty, !request.force {
            var error = PackagingError(
                .checkFailed,
                "not packaged: \(errors.count == 1 ? "1 error" : "\(errors.count) errors") would stop plugins loading",
                hint: "fix them (pexdev check shows them again), or package anyway with --force")
            error.diagnostics = errors
            error.report = report
            throw error
        }

        let manifestPath = root.directory + "/manifest.json"
        let manifest = try stampedManifest(at: manifestPath, request: request)
        let output =
            request.output
            ?? LexicalPath.appending(
                "branding-\(manifest.brandingID.map(fileNamePart) ?? "package").zip", to: request.currentDirectory)
        try checkOutput(output, force: request.force)

        var plan = PackagePlan.make(root: root.directory, report: report, output: output)
        if manifest.change == .created { plan.files.insert("manifest.json", at: 0) }
        let written = try write(plan, root: root.directory, manifest: manifest, to: output)

        var result = PackageResult(
            output: output, size: written.size, entryCount: written.entries, fileCount: plan.files.count,
            brandingID: manifest.brandingID, previousID: manifest.previousID, manifest: manifest.change,
            excluded: plan.excluded, report: report, overriddenErrors: errors, fixed: fixed)
        // After the ZIP is in place: if this fails the user still has a package, and is told to fix the source.
        if manifest.change != .unchanged, let bytes = manifest.bytes {
            do {
                try AtomicFile.write(bytes, to: manifestPath)
            } catch {
                result.manifestFailure = error.message
            }
        }
        return result
    }

    struct StampedManifest {
        var bytes: [UInt8]?
        var brandingID: String?
        var previousID: String?
        var change: PackageResult.ManifestChange
    }

    private static func stampedManifest(at path: String, request: PackageRequest) throws(PackagingError)
        -> StampedManifest
    {
        let fileSystem = LocalFileSystem()
        var existing: [UInt8]?
        if (try? fileSystem.kind(of: path)) == .regularFile {
            do {
                existing = try fileSystem.contents(of: path, upTo: 1 << 20)
            } catch {
                throw PackagingError(.manifest, "cannot read manifest.json: \(error.reason)")
            }
        }
        var currentID: String?
        if let existing, let root = try? JSONTextEditor.rootObject(existing) {
            currentID = ManifestUpdate.currentID(root)
        }
        guard request.bump else {
            guard let existing else {
                throw PackagingError(
                    .manifest, "the tree has no manifest.json, and --no-bump leaves the manifest alone",
                    hint: "run without --no-bump: pexdev package writes a manifest.json with a new brandingID")
            }
            return StampedManifest(bytes: existing, brandingID: currentID, previousID: currentID, change: .unchanged)
        }
        let newID = BrandingID.next(after: currentID, nowMilliseconds: request.now())
        do {
            let update = try ManifestUpdate.bumping(existing, to: newID)
            return StampedManifest(
                bytes: update.bytes, brandingID: newID, previousID: update.previousID,
                change: update.created ? .created : .updated)
        } catch {
            throw PackagingError(.manifest, "cannot update manifest.json: \(error.message)", hint: error.hint)
        }
    }

    /// A brandingID is digits when pexdev writes it; anything else is kept out of the file name.
    private static func fileNamePart(_ id: String) -> String {
        let safe = String(
            id.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" })
        return safe.isEmpty ? "package" : String(safe.prefix(64))
    }

    private static func checkOutput(_ output: String, force: Bool) throws(PackagingError) {
        switch try? LocalFileSystem().kind(of: output) {
        case .directory?:
            throw PackagingError(
                .outputIsFolder, "'\(output)' is a folder",
                hint: "name the ZIP file to write: -o \(output)/branding.zip")
        case .regularFile?, .other?:
            if !force {
                throw PackagingError(
                    .outputExists, "'\(output)' already exists; not overwritten",
                    hint: "use --force to replace it, or -o to write another file")
            }
        case nil:
            break
        }
    }

    private static func write(_ plan: PackagePlan, root: String, manifest: StampedManifest, to output: String)
        throws(PackagingError) -> (size: Int, entries: Int)
    {
        let limits = ZipLimits()
        guard plan.files.count + plan.folders.count + 1 <= limits.maximumEntries else {
            throw PackagingError(
                .tooLarge,
                "the tree holds \(plan.files.count) files; a package may hold \(limits.maximumEntries) entries",
                hint: "is this the branding folder? pexdev package expects webapp2/ with settings.json")
        }
        let timestamp = BrandingID.milliseconds(manifest.brandingID).map(DOSTimestamp.init) ?? .epoch
        let temporary: (path: String, descriptor: Int32)
        do {
            temporary = try AtomicFile.create(besides: output)
        } catch {
            throw PackagingError(.fileSystem, error.message)
        }
        var writer = ZipWriter(
            output: ZipFileOutput(descriptor: temporary.descriptor, path: temporary.path), timestamp: timestamp)
        let entries =
            (plan.folders.map { (name: topFolder + $0 + "/", file: nil as String?) }
            + plan.files.map { (name: topFolder + $0, file: $0 as String?) })
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let fileSystem = LocalFileSystem()
        do throws(ZipError) {
            try writer.addDirectory(topFolder)
            var total = 0
            for entry in entries {
                guard let file = entry.file else {
                    try writer.addDirectory(entry.name)
                    continue
                }
                let bytes: [UInt8]
                if file == "manifest.json", let stamped = manifest.bytes {
                    bytes = stamped
                } else {
                    do {
                        bytes = try fileSystem.sizedContents(of: root + "/" + file, upTo: limits.maximumEntrySize + 1)
                    } catch {
                        throw ZipError(.fileSystem, "cannot read '\(file)': \(error.reason)")
                    }
                }
                total += bytes.count
                guard bytes.count <= limits.maximumEntrySize, total <= limits.maximumTotalSize else {
                    throw ZipError(
                        .tooLarge,
                        "'\(file)' makes the package larger than pexdev accepts (\(ByteCount.text(limits.maximumEntrySize)) "
                            + "a file, \(ByteCount.text(limits.maximumTotalSize)) in all)")
                }
                try writer.addFile(entry.name, contents: bytes)
            }
            try writer.finish()
            var sink = writer.output
            try sink.flush()
        } catch {
            AtomicFile.discard(temporary)
            throw PackagingError(error.kind == .tooLarge ? .tooLarge : .fileSystem, error.message, hint: error.hint)
        }
        do {
            try AtomicFile.finish(temporary, renamingTo: output)
        } catch {
            throw PackagingError(.fileSystem, error.message, hint: "the previous '\(output)', if any, is unchanged")
        }
        return (writer.size, writer.entryCount)
    }
}
