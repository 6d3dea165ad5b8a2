import CZlib

/// The CRC-32 every ZIP entry carries, computed by zlib (table-driven, far faster than a Swift loop in the
/// debug builds tests run).
enum CRC32 {
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer -> UInt32 in
            var crc = CZlib.crc32(0, nil, 0)
            guard var base = buffer.baseAddress else { return UInt32(truncatingIfNeeded: crc) }
            var remaining = buffer.count
            // zlib's length is 32 bits wide: feed big buffers in pieces.
            while remaining > 0 {
                let piece = min(remaining, 1 << 30)
                crc = CZlib.crc32(crc, base, uInt(piece))
                base += piece
                remaining -= piece
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }
}
