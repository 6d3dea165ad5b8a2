/// A branding package read from a ZIP file: validated entry by entry, unpacked into memory, read-only.
/// `check` reads it through `ZipFileSystem` and `serve` serves `files` as they are.
public struct BrandingArchive: Sendable, Equatable {
    /// Absolute real path of the `.zip` file.
    public let path: String
    /// The folder in the archive that holds `manifest.json` and/or `settings.json`: `webapp2/` as the
    /// Management Node expects, "" when they sit at the top level.
    public let prefix: String
    /// The files under `prefix`, keyed by their path relative to it.
    public let files: [String: [UInt8]]
    /// The folders under `prefix` (relative; "" is the branding root), listed or implied by a file's path.
    public let folders: Set<String>
    /// Entries in the whole archive, folders included.
    public let entryCount: Int
    /// Each folder's entries (name → is a folder), built once so listing the tree costs no scan of `files`.
    let listings: [String: [String: Bool]]

    public init(path: String, prefix: String, files: [String: [UInt8]], folders: Set<String>, entryCount: Int) {
        self.path = path
        self.prefix = prefix
        self.files = files
        self.entryCount = entryCount
        var folders = folders
        folders.insert("")
        var listings: [String: [String: Bool]] = [:]
        func add(_ path: Substring, isFolder: Bool) {
            var path = path
            var isFolder = isFolder
            while !path.isEmpty {
                let slash = path.lastIndex(of: "/")
                let parent = slash.map { String(path[..<$0]) } ?? ""
                let name = String(slash.map { path[path.index(after: $0)...] } ?? path)
                folders.insert(parent)
                if isFolder { folders.insert(String(path)) }
                listings[parent, default: [:]][name] = isFolder
                path = slash.map { path[..<$0] } ?? ""
                isFolder = true
            }
        }
        for file in files.keys { add(Substring(file), isFolder: false) }
        for folder in folders where !folder.isEmpty { add(Substring(folder), isFolder: true) }
        for folder in folders where listings[folder] == nil { listings[folder] = [:] }
        self.folders = folders
        self.listings = listings
    }

    /// Where a branding tree may sit in an archive, most likely first: `webapp2/` (what the node expects and
    /// `pexdev package` writes), the top level, or one folder down (`zip -r x.zip mybranding`).
    static func prefix(among names: Set<String>) -> String? {
        var candidates = ["webapp2/", ""]
        let topFolders = Set(
            names.compactMap { name -> String? in
                guard let slash = name.firstIndex(of: "/") else { return nil }
                return String(name[...slash])
            }
        ).subtracting(["webapp2/", "__MACOSX/"])
        if topFolders.count == 1, let only = topFolders.first { candidates += [only + "webapp2/", only] }
        return candidates.first { names.contains($0 + "manifest.json") || names.contains($0 + "settings.json") }
    }

    /// Opens `path`, refuses an unsafe archive, finds the branding tree in it and unpacks that.
    static func read(path: String, limits: ZipLimits = ZipLimits()) throws(ZipError) -> BrandingArchive {
        let reader = try ZipReader.open(path: path, limits: limits)
        let names = Set(reader.entries.map(\.name))
        guard let prefix = prefix(among: names) else {
            let top = Set(
                reader.entries.map { name -> String in
                    guard let slash = name.name.firstIndex(of: "/") else { return name.name }
                    return String(name.name[...slash])
                }
            ).sorted()
            let listed = top.prefix(8).joined(separator: ", ") + (top.count > 8 ? ", …" : "")
            throw ZipError(
                .notAZip,
                "the archive holds no branding tree: expected webapp2/manifest.json or webapp2/settings.json"
                    + (top.isEmpty ? " (the archive is empty)" : " (its top level holds: \(listed))"),
                hint: "a branding package has a webapp2/ folder at its top; pexdev package builds one")
        }
        let files = try reader.files(under: prefix)
        // Entries outside the tree are never served, but a damaged one still means a damaged download.
        for entry in reader.entries where !entry.isDirectory && !entry.name.hasPrefix(prefix) {
            _ = try reader.contents(of: entry)
        }
        var folders: Set<String> = []
        for entry in reader.entries where entry.isDirectory && entry.name.hasPrefix(prefix) {
            folders.insert(String(entry.name.dropFirst(prefix.count).dropLast()))
        }
        return BrandingArchive(
            path: path, prefix: prefix, files: files, folders: folders, entryCount: reader.entries.count)
    }
}
