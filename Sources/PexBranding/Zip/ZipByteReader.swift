/// Little-endian fields of a ZIP structure held in a byte array; every read is bounds-checked, so a lying
/// length field becomes an error, never a crash.
struct ZipByteReader {
    let bytes: [UInt8]
    /// Names the structure in "truncated" messages.
    let what: String

    func u16(_ offset: Int) throws(ZipError) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { throw .truncated(what) }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    func u32(_ offset: Int) throws(ZipError) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { throw .truncated(what) }
        var value: UInt32 = 0
        for index in (0..<4).reversed() { value = value << 8 | UInt32(bytes[offset + index]) }
        return value
    }

    func u64(_ offset: Int) throws(ZipError) -> UInt64 {
        guard offset >= 0, offset + 8 <= bytes.count else { throw .truncated(what) }
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }

    func slice(_ offset: Int, _ count: Int) throws(ZipError) -> ArraySlice<UInt8> {
        guard offset >= 0, count >= 0, offset + count <= bytes.count else { throw .truncated(what) }
        return bytes[offset..<offset + count]
    }
}

/// Appends little-endian fields, for the writer.
extension Array where Element == UInt8 {
    mutating func appendLittleEndian(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func appendLittleEndian(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
