#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files the way editors save: a temporary file in the same folder, flushed to disk, then renamed
/// over the target, so a reader (or a crash) sees the old file or the new one, never half of one.
enum AtomicFile {
    /// A failed system call, worded for the terminal.
    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Replaces (or creates) `path` with `bytes`; an existing file keeps its permissions.
    static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        var mode: mode_t = 0o644
        var info = stat()
        if stat(path, &info) == 0 { mode = info.st_mode & 0o7777 }
        let temporary = try create(besides: path, mode: mode)
        do {
            try writeAll(bytes, to: temporary.descriptor, path: temporary.path)
        } catch {
            discard(temporary)
            throw error
        }
        try finish(temporary, renamingTo: path)
    }

    /// Writes a file that must not exist yet (scaffolding never overwrites): EEXIST is reported as such.
    static func createNew(_ bytes: [UInt8], at path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw Failure(message: "'\(path)' already exists; not overwritten") }
            throw failure("cannot create '\(path)'")
        }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path)
    }

    /// Creates `path` and its missing parents (mode 0755); true when it had to create the last one.
    @discardableResult
    static func makeFolders(_ path: String) throws(Failure) -> Bool {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw Failure(message: "'\(path)' exists and is not a folder")
            }
            return false
        }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeFolders(String(path[..<slash]))
        }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw failure("cannot create the folder '\(path)'") }
        return true
    }

    /// An open temporary file next to `path` (same folder, so the rename is atomic), hidden from listings.
    static func create(besides path: String, mode: mode_t = 0o644) throws(Failure)
        -> (path: String, descriptor: Int32)
    {
        let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        for attempt in 0..<100 {
            let candidate = folder + "." + name + ".pexdev-\(getpid())-\(attempt).tmp"
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 {
                // The umask may have trimmed the mode; the target's permissions are what the user chose.
                _ = fchmod(descriptor, mode)
                return (candidate, descriptor)
            }
            if errno != EEXIST { throw failure("cannot create a temporary file in '\(folder.isEmpty ? "." : folder)'") }
        }
        throw Failure(message: "cannot create a temporary file next to '\(path)': too many leftovers")
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(Failure) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(descriptor, base + written, bytes.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write '\(path)'")
            }
            written += count
        }
    }

    /// Flushes, closes and renames the temporary file over `path`; on failure the temporary file is gone.
    static func finish(_ temporary: (path: String, descriptor: Int32), renamingTo path: String) throws(Failure) {
        guard fsync(temporary.descriptor) == 0 else {
            let reason = failure("cannot flush '\(temporary.path)' to disk")
            discard(temporary)
            throw reason
        }
        guard close(temporary.descriptor) == 0 else {
            let reason = failure("cannot close '\(temporary.path)'")
            unlink(temporary.path)
            throw reason
        }
        guard rename(temporary.path, path) == 0 else {
            let reason = failure("cannot replace '\(path)'")
            unlink(temporary.path)
            throw reason
        }
    }

    /// Removes a temporary file after a failure (best effort: the failure being reported matters more).
    static func discard(_ temporary: (path: String, descriptor: Int32)) {
        close(temporary.descriptor)
        unlink(temporary.path)
    }

    static func failure(_ what: String) -> Failure {
        Failure(message: what + ": " + String(cString: strerror(errno)))
    }
}

/// `write(2)`, named apart from `AtomicFile.write`, which shadows it inside the type.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
