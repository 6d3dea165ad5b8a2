/// A `BrandingFileSystem` over an unpacked archive, so `check` reads a ZIP exactly as it reads a folder.
/// Paths are virtual: `root` (the archive's path plus its branding folder) stands for the branding root.
struct ZipFileSystem: BrandingFileSystem, FastTreeReading {
    let root: String
    let archive: BrandingArchive

    /// The path relative to the branding root, or nil when it lies outside the archive.
    private func relative(_ path: String) -> String? {
        let normalized = LexicalPath.normalized(path)
        if normalized == root { return "" }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard normalized.hasPrefix(prefix) else { return nil }
        return String(normalized.dropFirst(prefix.count))
    }

    private static let missing = FileSystemFailure(isPermissionDenied: false, reason: "No such file or directory")

    func kind(of path: String) throws(FileSystemFailure) -> FileKind? {
        guard let relative = relative(path) else { return nil }
        if archive.files[relative] != nil { return .regularFile }
        return archive.folders.contains(relative) ? .directory : nil
    }

    func entries(of directory: String) throws(FileSystemFailure) -> [String] {
        try kindedEntries(of: directory).map(\.name)
    }

    func kindedEntries(of directory: String) throws(FileSystemFailure) -> [(name: String, kind: FileKind?)] {
        guard let folder = relative(directory), let listing = archive.listings[folder] else { throw Self.missing }
        return listing.sorted { $0.key < $1.key }.map { (name: $0.key, kind: $0.value ? .directory : .regularFile) }
    }

    func contents(of path: String, upTo limit: Int) throws(FileSystemFailure) -> [UInt8] {
        guard let relative = relative(path), let bytes = archive.files[relative] else { throw Self.missing }
        return bytes.count > limit ? Array(bytes.prefix(limit)) : bytes
    }

    func sizedContents(of path: String, upTo limit: Int) throws(FileSystemFailure) -> [UInt8] {
        try contents(of: path, upTo: limit)
    }

    func realPath(_ path: String) throws(FileSystemFailure) -> String {
        guard try kind(of: path) != nil else { throw Self.missing }
        return LexicalPath.normalized(path)
    }
}
