/// What a path is, once symlinks are followed.
enum FileKind: Sendable, Equatable {
    case directory
    case regularFile
    /// Devices, FIFOs, sockets: never read, to avoid blocking on a FIFO.
    case other
}

/// A failed file-system call, reduced to what the messages need.
struct FileSystemFailure: Error, Sendable, Equatable {
    let isPermissionDenied: Bool
    /// The system's wording, e.g. "Too many levels of symbolic links".
    let reason: String

    static let permissionDenied = FileSystemFailure(isPermissionDenied: true, reason: "permission denied")
}

/// The few read-only file-system questions the locator asks; tests answer them from memory.
protocol BrandingFileSystem: Sendable {
    /// nil when nothing exists at `path` (following symlinks).
    func kind(of path: String) throws(FileSystemFailure) -> FileKind?
    /// Entry names of a directory, without "." and "..".
    func entries(of directory: String) throws(FileSystemFailure) -> [String]
    /// At most `limit` bytes from the start of a regular file.
    func contents(of path: String, upTo limit: Int) throws(FileSystemFailure) -> [UInt8]
    /// The absolute path with every symlink resolved.
    func realPath(_ path: String) throws(FileSystemFailure) -> String
}
