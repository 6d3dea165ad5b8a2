/// The file-system probes behind `BrandingLocator`, turning failures and near misses into messages.
/// `probe` paths go to the file system; `shown` paths (normalised, absolute) go into messages.
struct BrandingSearch {
    static var brandingFiles: [String] { ["manifest.json", "settings.json"] }
    static var genericHint: String {
        "pass the webapp2/ folder of your branding package, or the folder that contains it"
    }
    /// A manifest is a few lines; anything this big is a mistake, not worth reading whole.
    static var manifestSizeLimit: Int { 1 << 20 }
    /// Enough to find a nearby branding tree in a checkout without crawling a huge folder.
    static var subfolderProbeLimit: Int { 64 }

    let fileSystem: any BrandingFileSystem
    /// Normalised, so suggested commands can be written relative to it.
    let currentDirectory: String

    func kind(of probe: String, shown: String) throws(BrandingLocationError) -> FileKind? {
        do { return try fileSystem.kind(of: probe) } catch { throw cannotRead(shown, error) }
    }

    func entries(of probe: String, shown: String) throws(BrandingLocationError) -> [String] {
        do { return try fileSystem.entries(of: probe) } catch { throw cannotRead(shown, error) }
    }

    func realPath(_ probe: String, shown: String) throws(BrandingLocationError) -> String {
        do { return try fileSystem.realPath(probe) } catch { throw cannotRead(shown, error) }
    }

    /// True when the folder holds `manifest.json` or `settings.json` as a file (a folder of that name does not count).
    func holdsBrandingFile(_ probe: String, entries: [String], shown: String) throws(BrandingLocationError) -> Bool {
        for name in Self.brandingFiles where entries.contains(name) {
            let path = LexicalPath.appending(name, to: probe)
            if try kind(of: path, shown: LexicalPath.appending(name, to: shown)) == .regularFile { return true }
        }
        return false
    }

    func manifest(in probe: String, entries: [String]) -> Manifest? {
        let path = LexicalPath.appending("manifest.json", to: probe)
        guard entries.contains("manifest.json"), (try? fileSystem.kind(of: path)) == .regularFile else { return nil }
        do {
            let bytes = try fileSystem.contents(of: path, upTo: Self.manifestSizeLimit + 1)
            if bytes.count > Self.manifestSizeLimit {
                return Manifest(problem: "manifest.json is larger than 1 MiB; it should hold a few short fields")
            }
            return Manifest.parse(bytes)
        } catch {
            return Manifest(problem: "manifest.json could not be read: \(error.reason)")
        }
    }

    func cannotRead(_ shown: String, _ failure: FileSystemFailure) -> BrandingLocationError {
        if failure.isPermissionDenied {
            return BrandingLocationError(
                .permissionDenied, "cannot read '\(shown)': permission denied",
                hint: "check the permissions of that path and of the folders above it")
        }
        return BrandingLocationError(.unreadable, "cannot read '\(shown)': \(failure.reason)")
    }

    /// The error for a path that exists but is not a folder (nor a ZIP).
    func notAFolder(_ probe: String, shown: String) -> BrandingLocationError {
        let what = (try? fileSystem.kind(of: probe)) == .regularFile ? "a file" : "not a regular file"
        let expected = "expected a webapp2/ folder containing manifest.json or settings.json"
        var hint = Self.genericHint
        if Self.brandingFiles.contains(LexicalPath.lastComponent(shown)), let parent = LexicalPath.parent(shown) {
            hint = "pass the folder that contains it: pexdev serve \(ShellQuoting.quote(suggestion(for: parent)))"
        }
        return BrandingLocationError(.notADirectory, "'\(shown)' is \(what), not a folder: \(expected)", hint: hint)
    }

    /// A ZIP by name, or by its signature ("PK\3\4", or "PK\5\6" for an empty archive) whatever the name.
    func isZip(_ probe: String) -> Bool {
        if probe.lowercased().hasSuffix(".zip") { return true }
        guard (try? fileSystem.kind(of: probe)) == .regularFile,
            let head = try? fileSystem.contents(of: probe, upTo: 4), head.count == 4
        else { return false }
        let signature = (head[2], head[3])
        return head[0] == 0x50 && head[1] == 0x4B && (signature == (3, 4) || signature == (5, 6))
    }

    /// The most useful next step for a folder that is not a branding tree, most specific first.
    func hint(forFolder probe: String, shown: String, entries: [String]) -> String {
        if let misnamed = misnamedEntry(in: entries) { return misnamed }
        if let ancestor = brandingAncestor(of: shown) {
            let command = "pexdev serve " + ShellQuoting.quote(suggestion(for: ancestor))
            return "'\(ancestor)' above it is a branding tree: \(command)"
        }
        let visible = entries.filter { !$0.hasPrefix(".") }
        for name in visible.prefix(Self.subfolderProbeLimit) where holdsTree(LexicalPath.appending(name, to: probe)) {
            let target = LexicalPath.appending(name, to: shown)
            return "found a branding tree in '\(name)/': pexdev serve \(ShellQuoting.quote(suggestion(for: target)))"
        }
        if let archive = visible.first(where: { $0.lowercased().hasSuffix(".zip") }) {
            let target = LexicalPath.appending(archive, to: shown)
            return
                "found '\(archive)': pexdev serve \(ShellQuoting.quote(suggestion(for: target))) serves a branding ZIP"
        }
        if let plugins = pluginsHint(entries) { return plugins }
        if visible.isEmpty { return "the folder is empty: " + Self.genericHint }
        return Self.genericHint
    }

    func hint(forWebapp2Folder entries: [String]) -> String {
        misnamedEntry(in: entries) ?? pluginsHint(entries)
            ?? "add settings.json to webapp2/ (it lists the plugins); an upload also needs manifest.json"
    }

    /// Linux names are case-sensitive, and archives made on macOS or Windows often are not.
    private func misnamedEntry(in entries: [String]) -> String? {
        for expected in Self.brandingFiles + ["webapp2"] where !entries.contains(expected) {
            if let found = entries.first(where: { $0.lowercased() == expected }) {
                return "found '\(found)': names are case-sensitive, rename it to '\(expected)'"
            }
        }
        return nil
    }

    private func pluginsHint(_ entries: [String]) -> String? {
        guard entries.contains("plugins") else { return nil }
        return "found a plugins/ folder but no settings.json: add settings.json next to it, "
            + "with a \"plugins\" list naming each plugin's package file"
    }

    /// Running `pexdev serve` from inside a plugin's folder is a common slip; look upwards for the tree.
    private func brandingAncestor(of shown: String) -> String? {
        var folder = LexicalPath.parent(shown)
        while let candidate = folder {
            if holdsTree(candidate) { return candidate }
            folder = LexicalPath.parent(candidate)
        }
        return nil
    }

    /// Best effort, for hints only: failures mean "no".
    private func holdsTree(_ probe: String, lookInsideWebapp2: Bool = true) -> Bool {
        guard (try? fileSystem.kind(of: probe)) == .directory else { return false }
        for name in Self.brandingFiles
        where (try? fileSystem.kind(of: LexicalPath.appending(name, to: probe))) == .regularFile {
            return true
        }
        guard lookInsideWebapp2 else { return false }
        return holdsTree(LexicalPath.appending("webapp2", to: probe), lookInsideWebapp2: false)
    }

    /// A path to put in a suggested command: relative when under the current directory, so it reads like what
    /// the user typed, absolute otherwise.
    func suggestion(for shown: String) -> String {
        if shown == currentDirectory { return "." }
        // Relative to "/" would read as a typo ("tmp/x"), so keep those absolute.
        guard currentDirectory != "/" else { return shown }
        let prefix = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        return shown.hasPrefix(prefix) ? String(shown.dropFirst(prefix.count)) : shown
    }
}
