import CZlib

/// Raw deflate (RFC 1951, no zlib header: what ZIP entries hold) through the system's zlib.
enum Deflate {
    /// Level 9, as `zip -9`: branding files are small, so the best ratio costs milliseconds.
    static let level: Int32 = 9

    /// The compressed form of `bytes`; nil if zlib fails (out of memory), so the caller can store instead.
    static func compress(_ bytes: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard pexdev_deflate_init_raw(&stream, level) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(bytes.count)))
        var input = bytes
        var ok = false
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            count = 0
            input.withUnsafeMutableBufferPointer { source in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(bound)
                // deflateBound guarantees one call with Z_FINISH completes.
                ok = deflate(&stream, Z_FINISH) == Z_STREAM_END
                count = ok ? Int(stream.total_out) : 0
            }
        }
        return ok ? output : nil
    }

    /// Decompresses one entry's data, which must expand to exactly `expectedSize` bytes: producing more is
    /// refused as soon as it happens (a header that lies about the size cannot make us allocate more).
    static func decompress(_ bytes: [UInt8], expectedSize: Int, entry: String) throws(ZipError) -> [UInt8] {
        var stream = z_stream()
        guard pexdev_inflate_init_raw(&stream) == Z_OK else {
            throw ZipError(.corrupt, "cannot start decompressing '\(entry)' (zlib could not allocate memory)")
        }
        defer { inflateEnd(&stream) }
        var input = bytes
        // One byte of room past the declared size, to notice data that goes on.
        let capacity = expectedSize + 1
        var status: Int32 = Z_OK
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            input.withUnsafeMutableBufferPointer { source in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(capacity)
                repeat {
                    status = inflate(&stream, Z_NO_FLUSH)
                } while status == Z_OK && stream.avail_out > 0 && stream.avail_in > 0
                count = Int(stream.total_out)
            }
        }
        if output.count > expectedSize {
            throw ZipError(
                .compressionRatio,
                "entry '\(entry)' expands past the \(expectedSize) bytes its header declares: a zip bomb?",
                hint: "do not use this archive; build the package again with pexdev package")
        }
        switch status {
        case Z_STREAM_END:
            guard output.count == expectedSize else {
                throw ZipError.corrupt("entry '\(entry)' holds \(output.count) bytes, its header says \(expectedSize)")
            }
            return output
        case Z_OK, Z_BUF_ERROR:
            throw ZipError.corrupt("the compressed data of entry '\(entry)' ends early")
        default:
            throw ZipError.corrupt("the compressed data of entry '\(entry)' is not valid deflate data")
        }
    }
}
