/// Finds the branding tree that `pexdev serve [PATH]` publishes (spec §1).
public enum BrandingLocator {
    /// Accepts the `webapp2/` folder itself (holding `manifest.json` and/or `settings.json`), a folder containing
    /// `webapp2/` (an unpacked branding ZIP), or a branding ZIP (validated and unpacked in memory); `path` may be
    /// relative to `currentDirectory`, which must be absolute.
    /// An empty `path` or "." means the current directory.
    public static func locate(_ path: String, currentDirectory: String) throws(BrandingLocationError) -> BrandingRoot {
        try locate(path, currentDirectory: currentDirectory, in: LocalFileSystem())
    }

    static func locate(
        _ path: String, currentDirectory: String, in fileSystem: some BrandingFileSystem
    ) throws(BrandingLocationError) -> BrandingRoot {
        let typed = path.isEmpty ? "." : path
        let search = BrandingSearch(
            fileSystem: fileSystem,
            currentDirectory: LexicalPath.normalized(currentDirectory))
        // Probe the joined path as given: the kernel resolves ".." after symlinks, the lexical form would not.
        let probe = LexicalPath.absolute(typed, in: currentDirectory)
        let shown = LexicalPath.normalized(probe)

        switch try search.kind(of: probe, shown: shown) {
        case nil:
            // A quoted "~/x" reaches us unexpanded; say so rather than leave the user puzzling over '/cwd/~/x'.
            let hint =
                typed.hasPrefix("~")
                ? "'~' was not expanded (it was quoted?): write the path without quotes, or use $HOME"
                : BrandingSearch.genericHint
            throw BrandingLocationError(.notFound, "'\(shown)' does not exist", hint: hint)
        case .regularFile? where search.isZip(probe):
            return try locateArchive(probe, shown: shown, typed: typed, search: search)
        case .regularFile?, .other?:
            throw search.notAFolder(probe, shown: shown)
        case .directory?:
            break
        }

        let entries = try search.entries(of: probe, shown: shown)
        var root = (probe: probe, shown: shown, entries: entries)
        if try !search.holdsBrandingFile(probe, entries: entries, shown: shown) {
            let inner = (
                probe: LexicalPath.appending("webapp2", to: probe),
                shown: LexicalPath.appending("webapp2", to: shown)
            )
            guard entries.contains("webapp2"), try search.kind(of: inner.probe, shown: inner.shown) == .directory else {
                throw BrandingLocationError(
                    .noBrandingTree,
                    "no branding tree at '\(shown)': expected manifest.json or settings.json in it,"
                        + " or a webapp2/ folder containing them",
                    hint: search.hint(forFolder: probe, shown: shown, entries: entries))
            }
            let innerEntries = try search.entries(of: inner.probe, shown: inner.shown)
            guard try search.holdsBrandingFile(inner.probe, entries: innerEntries, shown: inner.shown) else {
                throw BrandingLocationError(
                    .noBrandingTree,
                    "no branding tree at '\(shown)': its webapp2/ folder has neither manifest.json nor settings.json",
                    hint: search.hint(forWebapp2Folder: innerEntries))
            }
            root = (inner.probe, inner.shown, innerEntries)
        }

        return BrandingRoot(
            directory: try search.realPath(root.probe, shown: root.shown),
            displayName: displayName(typed: typed, shown: shown),
            manifest: search.manifest(in: root.probe, entries: root.entries))
    }

    /// A branding ZIP: refused with the reader's reason if unsafe or damaged (nothing is written anywhere).
    private static func locateArchive(
        _ probe: String, shown: String, typed: String, search: BrandingSearch
    ) throws(BrandingLocationError) -> BrandingRoot {
        let path = try search.realPath(probe, shown: shown)
        let archive: BrandingArchive
        do {
            archive = try BrandingArchive.read(path: path)
        } catch {
            throw BrandingLocationError(
                .invalidArchive, "'\(shown)' cannot be used: \(error.message)", hint: error.hint)
        }
        let directory = archive.prefix.isEmpty ? path : path + "/" + archive.prefix.dropLast()
        return BrandingRoot(
            directory: directory, displayName: displayName(typed: typed, shown: shown),
            manifest: archive.files["manifest.json"].map(Manifest.parse), archive: archive)
    }

    /// The path as typed, minus trailing slashes; "." and ".." say nothing, so they become the folder's name.
    static func displayName(typed: String, shown: String) -> String {
        let trimmed = LexicalPath.trimmingTrailingSlashes(typed)
        let last = LexicalPath.lastComponent(trimmed)
        if last == "." || last == ".." { return LexicalPath.lastComponent(shown) }
        return trimmed
    }
}
