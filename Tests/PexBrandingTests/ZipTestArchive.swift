@testable import PexBranding

/// Builds ZIP archives byte by byte, including the malformed and hostile ones the reader must refuse
/// (security.md item 33), so every attack archive is made by the test that uses it.
struct ZipTestArchive {
    struct Entry {
        var name: [UInt8]
        /// The bytes as stored (already deflated when `method` is 8).
        var data: [UInt8]
        var method: UInt16 = 0
        var crc: UInt32
        var uncompressedSize: UInt64
        var madeBy: UInt16 = 3 << 8 | 20
        var externalAttributes: UInt32 = 0o100644 << 16
        var flags: UInt16 = 0
        /// Sizes and offset in a ZIP64 extra field (central directory fields set to all ones).
        var zip64 = false

        /// A stored entry of `contents`.
        init(_ name: String, _ contents: [UInt8]) {
            self.name = Array(name.utf8)
            data = contents
            crc = CRC32.checksum(contents)
            uncompressedSize = UInt64(contents.count)
        }

        init(_ name: String, _ text: String) { self.init(name, Array(text.utf8)) }

        /// A deflated entry of `contents`.
        static func deflated(_ name: String, _ contents: [UInt8]) -> Entry {
            var entry = Entry(name, contents)
            entry.method = 8
            entry.data = Deflate.compress(contents) ?? []
            return entry
        }
    }

    var entries: [Entry]
    /// Write the ZIP64 end record and locator, with the classic end record's fields set to all ones.
    var zip64End = false
    /// Overrides the entry count in the end records.
    var declaredCount: UInt64?

    init(_ entries: [Entry]) { self.entries = entries }

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let offset = UInt64(out.count)
            out += Self.u32(0x0403_4B50) + Self.u16(20) + Self.u16(entry.flags) + Self.u16(entry.method)
            out += Self.u16(0) + Self.u16(0x21) + Self.u32(entry.crc)
            out += Self.u32(UInt32(entry.data.count)) + Self.u32(UInt32(truncatingIfNeeded: entry.uncompressedSize))
            out += Self.u16(UInt16(entry.name.count)) + Self.u16(0) + entry.name + entry.data
            central += centralHeader(entry, offset: offset)
        }
        let directoryOffset = UInt64(out.count)
        out += central
        let count = declaredCount ?? UInt64(entries.count)
        if zip64End {
            let recordOffset = UInt64(out.count)
            out += Self.u32(0x0606_4B50) + Self.u64(44) + Self.u16(45) + Self.u16(45) + Self.u32(0) + Self.u32(0)
            out += Self.u64(count) + Self.u64(count) + Self.u64(UInt64(central.count)) + Self.u64(directoryOffset)
            out += Self.u32(0x0706_4B50) + Self.u32(0) + Self.u64(recordOffset) + Self.u32(1)
            out += Self.u32(0x0605_4B50) + Self.u16(0) + Self.u16(0) + Self.u16(0xFFFF) + Self.u16(0xFFFF)
            out += Self.u32(0xFFFF_FFFF) + Self.u32(0xFFFF_FFFF) + Self.u16(0)
        } else {
            out += Self.u32(0x0605_4B50) + Self.u16(0) + Self.u16(0) + Self.u16(UInt16(count)) + Self.u16(UInt16(count))
            out += Self.u32(UInt32(central.count)) + Self.u32(UInt32(directoryOffset)) + Self.u16(0)
        }
        return out
    }

    private func centralHeader(_ entry: Entry, offset: UInt64) -> [UInt8] {
        var extra: [UInt8] = []
        var compressed = UInt32(entry.data.count)
        var uncompressed = UInt32(truncatingIfNeeded: entry.uncompressedSize)
        var localOffset = UInt32(offset)
        if entry.zip64 {
            extra =
                Self.u16(0x0001) + Self.u16(24) + Self.u64(entry.uncompressedSize)
                + Self.u64(UInt64(entry.data.count)) + Self.u64(offset)
            compressed = 0xFFFF_FFFF
            uncompressed = 0xFFFF_FFFF
            localOffset = 0xFFFF_FFFF
        }
        var header = Self.u32(0x0201_4B50) + Self.u16(entry.madeBy) + Self.u16(20) + Self.u16(entry.flags)
        header += Self.u16(entry.method) + Self.u16(0) + Self.u16(0x21) + Self.u32(entry.crc)
        header += Self.u32(compressed) + Self.u32(uncompressed) + Self.u16(UInt16(entry.name.count))
        header += Self.u16(UInt16(extra.count)) + Self.u16(0) + Self.u16(0) + Self.u16(0)
        header += Self.u32(entry.externalAttributes) + Self.u32(localOffset)
        return header + entry.name + extra
    }

    static func u16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
    static func u64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }

    /// The reader's verdict on `bytes`: the error, or nil when it reads every entry.
    static func refusal(_ bytes: [UInt8], limits: ZipLimits = ZipLimits()) -> ZipError? {
        do {
            let reader = try ZipReader(bytes: bytes, limits: limits)
            for entry in reader.entries { _ = try reader.contents(of: entry) }
            return nil
        } catch {
            return error
        }
    }
}
