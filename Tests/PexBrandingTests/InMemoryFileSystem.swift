@testable import PexBranding

/// A file system made of a dictionary, for failures a root-run test cannot provoke on disk (EACCES).
/// Paths are normalised on the way in, as the kernel would; there are no symlinks.
struct InMemoryFileSystem: BrandingFileSystem {
    enum Node {
        case directory
        case file([UInt8])
    }

    var nodes: [String: Node] = ["/": .directory]
    /// Every call on these exact paths fails, as `stat` does under a folder without search permission.
    var failing: [String: FileSystemFailure] = [:]
    /// Only listing fails: a folder without read permission still stats fine.
    var unlistable: [String: FileSystemFailure] = [:]
    /// Only reading fails: a file without read permission.
    var unreadable: [String: FileSystemFailure] = [:]

    /// Adds `path` and every missing parent folder.
    mutating func add(_ path: String, _ node: Node) {
        var parent = LexicalPath.parent(path)
        while let folder = parent {
            if nodes[folder] == nil { nodes[folder] = .directory }
            parent = LexicalPath.parent(folder)
        }
        nodes[path] = node
    }

    func kind(of rawPath: String) throws(FileSystemFailure) -> FileKind? {
        let path = LexicalPath.normalized(rawPath)
        if let failure = failing[path] { throw failure }
        switch nodes[path] {
        case nil: return nil
        case .directory?: return .directory
        case .file?: return .regularFile
        }
    }

    func entries(of rawDirectory: String) throws(FileSystemFailure) -> [String] {
        let directory = LexicalPath.normalized(rawDirectory)
        if let failure = failing[directory] ?? unlistable[directory] { throw failure }
        let prefix = directory == "/" ? "/" : directory + "/"
        return nodes.keys.filter { $0.hasPrefix(prefix) && $0 != prefix && !$0.dropFirst(prefix.count).contains("/") }
            .map { String($0.dropFirst(prefix.count)) }
            .sorted()
    }

    func contents(of rawPath: String, upTo limit: Int) throws(FileSystemFailure) -> [UInt8] {
        let path = LexicalPath.normalized(rawPath)
        if let failure = failing[path] ?? unreadable[path] { throw failure }
        guard case .file(let bytes)? = nodes[path] else {
            throw FileSystemFailure(isPermissionDenied: false, reason: "Is a directory")
        }
        return Array(bytes.prefix(limit))
    }

    func realPath(_ rawPath: String) throws(FileSystemFailure) -> String {
        let path = LexicalPath.normalized(rawPath)
        if let failure = failing[path] { throw failure }
        return path
    }
}
