#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real file system through POSIX calls, so failures keep their errno (EACCES vs ENOENT).
struct LocalFileSystem: BrandingFileSystem {
    func kind(of path: String) throws(FileSystemFailure) -> FileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            // ENOTDIR: a component of the path is a file ("notes.txt/webapp2"), so nothing is there.
            if code == ENOENT || code == ENOTDIR { return nil }
            throw Self.failure(code)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regularFile
        default: return .other
        }
    }

    func entries(of directory: String) throws(FileSystemFailure) -> [String] {
        guard let stream = opendir(directory) else { throw Self.failure(errno) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    func contents(of path: String, upTo limit: Int) throws(FileSystemFailure) -> [UInt8] {
        // O_NONBLOCK: should the path have turned into a FIFO since it was checked, fail instead of hanging.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw Self.failure(errno) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        // Chunks, not one buffer of `limit` bytes: the limit guards against huge files, the usual file is tiny.
        var chunk = [UInt8](repeating: 0, count: min(max(limit, 0), 64 * 1024))
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let count = chunk.withUnsafeMutableBytes { buffer -> Int in
                guard let start = buffer.baseAddress else { return 0 }
                return read(descriptor, start, wanted)
            }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure(errno)
            }
            bytes += chunk[..<count]
        }
        return bytes
    }

    func realPath(_ path: String) throws(FileSystemFailure) -> String {
        guard let resolved = realpath(path, nil) else { throw Self.failure(errno) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func failure(_ code: Int32) -> FileSystemFailure {
        if code == EACCES || code == EPERM { return .permissionDenied }
        return FileSystemFailure(isPermissionDenied: false, reason: String(cString: strerror(code)))
    }
}
