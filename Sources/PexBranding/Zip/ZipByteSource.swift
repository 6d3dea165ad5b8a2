#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Random access to an archive's bytes, so the reader fetches only the structures it needs and one entry's
/// data at a time, whatever the archive's size.
protocol ZipByteSource {
    var size: Int { get }
    /// Exactly `count` bytes at `offset`, or `ZipError.truncated` naming `what` when the file is shorter.
    func bytes(at offset: Int, count: Int, what: @autoclosure () -> String) throws(ZipError) -> [UInt8]
}

/// An archive already in memory (tests, archives built on the fly).
struct ZipMemorySource: ZipByteSource {
    let data: [UInt8]
    var size: Int { data.count }

    func bytes(at offset: Int, count: Int, what: @autoclosure () -> String) throws(ZipError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= data.count, count <= data.count - offset else {
            throw .truncated(what())
        }
        return Array(data[offset..<offset + count])
    }
}

/// An archive on disk, read with `pread`; the descriptor closes with the last reference.
final class ZipFileSource: ZipByteSource {
    private let descriptor: Int32
    let size: Int

    init(path: String) throws(ZipError) {
        // O_NONBLOCK: a FIFO named like an archive must fail, not hang.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw Self.failure("cannot open the archive", errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw Self.failure("cannot read the archive", code)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw ZipError(.fileSystem, "the archive is not a regular file")
        }
        self.descriptor = descriptor
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    func bytes(at offset: Int, count: Int, what: @autoclosure () -> String) throws(ZipError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else { throw .truncated(what()) }
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            filled = 0
            guard let base = buffer.baseAddress else { return }
            while filled < count {
                let got = pread(descriptor, base + filled, count - filled, off_t(offset + filled))
                if got > 0 {
                    filled += got
                } else if got < 0, errno == EINTR {
                    continue
                } else {
                    failure = got < 0 ? errno : 0
                    return
                }
            }
        }
        if failure != 0 { throw Self.failure("cannot read the archive", failure) }
        // The file shrank since fstat: as truncated as it gets.
        guard bytes.count == count else { throw .truncated(what()) }
        return bytes
    }

    private static func failure(_ what: String, _ code: Int32) -> ZipError {
        ZipError(.fileSystem, "\(what): \(String(cString: strerror(code)))")
    }
}
