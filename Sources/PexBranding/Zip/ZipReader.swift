/// Reads a ZIP archive (stored and deflate entries, ZIP64 structures, UTF-8 names) and refuses anything
/// unsafe before a byte of data is used (security.md item 33): names that leave the folder, links, duplicates,
/// too many entries, sizes and ratios of a zip bomb, truncation, overlapping entries, bad checksums.
/// Only the central directory is held in memory; each entry's data is read when asked for.
public struct ZipReader {
    public let entries: [ZipEntry]
    public let limits: ZipLimits
    private let source: any ZipByteSource

    /// Opens and validates the archive at `path`.
    public static func open(path: String, limits: ZipLimits = ZipLimits()) throws(ZipError) -> ZipReader {
        try ZipReader(source: ZipFileSource(path: path), limits: limits)
    }

    /// Validates an archive held in memory.
    public init(bytes: [UInt8], limits: ZipLimits = ZipLimits()) throws(ZipError) {
        try self.init(source: ZipMemorySource(data: bytes), limits: limits)
    }

    init(source: any ZipByteSource, limits: ZipLimits) throws(ZipError) {
        self.source = source
        self.limits = limits
        let directory = try ZipCentralDirectory.locate(in: source, limits: limits)
        let entries = try ZipCentralDirectory.readEntries(directory, from: source, limits: limits)
        try Self.checkNames(entries)
        try Self.checkSizes(entries, limits: limits)
        try Self.checkLayout(entries, directoryStart: directory.offset, source: source)
        self.entries = entries
    }

    /// The entry's bytes, decompressed and checked against its CRC-32.
    public func contents(of entry: ZipEntry) throws(ZipError) -> [UInt8] {
        let header = try source.bytes(
            at: entry.localHeaderOffset, count: 30, what: "the local header of '\(entry.name)' is cut off")
        let reader = ZipByteReader(bytes: header, what: "the local header of '\(entry.name)' is cut off")
        let start = entry.localHeaderOffset + 30 + Int(try reader.u16(26)) + Int(try reader.u16(28))
        let stored = try source.bytes(
            at: start, count: entry.compressedSize, what: "the data of '\(entry.name)' is cut off")
        let bytes: [UInt8]
        switch entry.method {
        case .stored:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw ZipError.corrupt("stored entry '\(entry.name)' has different compressed and uncompressed sizes")
            }
            bytes = stored
        case .deflated:
            bytes = try Deflate.decompress(stored, expectedSize: entry.uncompressedSize, entry: entry.name)
        }
        let actual = CRC32.checksum(bytes)
        guard actual == entry.crc32 else {
            throw ZipError(
                .badChecksum,
                "entry '\(entry.name)' is corrupt: its CRC-32 is \(Self.hex(actual)), the archive says "
                    + Self.hex(entry.crc32),
                hint: "the file was damaged in transit or on disk: fetch or build it again")
        }
        return bytes
    }

    /// Every file entry whose name starts with `prefix` (folder entries skipped), keyed by the rest of its name.
    public func files(under prefix: String = "") throws(ZipError) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for entry in entries where !entry.isDirectory && entry.name.hasPrefix(prefix) {
            files[String(entry.name.dropFirst(prefix.count))] = try contents(of: entry)
        }
        return files
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    // MARK: validation

    /// Duplicates, and a name used both as a file and as a folder (`a` and `a/b`): unpacking either depends
    /// on which comes first.
    private static func checkNames(_ entries: [ZipEntry]) throws(ZipError) {
        var seen: [String: Bool] = [:]
        for entry in entries {
            let path = entry.isDirectory ? String(entry.name.dropLast()) : entry.name
            if seen[path] != nil {
                throw ZipError(
                    .duplicateName, "entry '\(entry.name)' appears more than once in the archive",
                    hint: "an archive may hold each name once; build it again with pexdev package")
            }
            seen[path] = entry.isDirectory
        }
        for entry in entries {
            var folder = Substring(entry.name.hasSuffix("/") ? String(entry.name.dropLast()) : entry.name)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if seen[String(folder)] == false {
                    throw ZipError(
                        .duplicateName, "'\(folder)' is both a file and a folder in the archive (see '\(entry.name)')")
                }
            }
        }
    }

    private static func checkSizes(_ entries: [ZipEntry], limits: ZipLimits) throws(ZipError) {
        var total = 0
        for entry in entries {
            if entry.uncompressedSize > limits.maximumEntrySize {
                throw ZipError(
                    .tooLarge,
                    "entry '\(entry.name)' is \(ByteCount.text(entry.uncompressedSize)) uncompressed; "
                        + "the limit for one file is \(ByteCount.text(limits.maximumEntrySize))")
            }
            if entry.uncompressedSize > limits.ratioFloor,
                entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maximumRatio
            {
                throw ZipError(
                    .compressionRatio,
                    "entry '\(entry.name)' expands \(entry.uncompressedSize / max(entry.compressedSize, 1)) times "
                        + "(\(ByteCount.text(entry.compressedSize)) → \(ByteCount.text(entry.uncompressedSize))): "
                        + "a zip bomb? The limit is \(limits.maximumRatio) times",
                    hint: "do not use this archive")
            }
            total += entry.uncompressedSize
            if total > limits.maximumTotalSize {
                throw ZipError(
                    .tooLarge,
                    "the entries add up to more than \(ByteCount.text(limits.maximumTotalSize)) uncompressed; "
                        + "a branding package is far smaller",
                    hint: "leave videos and other large media out of the branding package")
            }
        }
    }

    /// Each entry's local header must agree with the central directory, and its data must lie before the
    /// directory without overlapping another entry's: overlapping entries are how a small archive claims
    /// gigabytes (the "non-recursive" zip bomb), and a data range past the directory means truncation.
    private static func checkLayout(
        _ entries: [ZipEntry], directoryStart: Int, source: any ZipByteSource
    ) throws(ZipError) {
        var ranges: [(start: Int, end: Int, name: String)] = []
        ranges.reserveCapacity(entries.count)
        for entry in entries {
            let what = "the local header of '\(entry.name)' lies past the end of the file"
            guard entry.localHeaderOffset + 30 <= directoryStart else { throw .truncated(what) }
            let header = try source.bytes(at: entry.localHeaderOffset, count: 30, what: what)
            let reader = ZipByteReader(bytes: header, what: what)
            guard try reader.u32(0) == 0x0403_4B50 else {
                throw ZipError.corrupt("the central directory points at no local header for '\(entry.name)'")
            }
            let nameLength = Int(try reader.u16(26))
            let extraLength = Int(try reader.u16(28))
            let localName = try source.bytes(
                at: entry.localHeaderOffset + 30, count: nameLength, what: "the name of '\(entry.name)' is cut off")
            guard localName == Array(entry.name.utf8) else {
                throw ZipError.corrupt(
                    "entry '\(entry.name)' is named '\(String(decoding: localName, as: UTF8.self))' in its local "
                        + "header: the two names must agree")
            }
            guard try reader.u16(8) == entry.method.rawValue else {
                throw ZipError.corrupt("entry '\(entry.name)' has different methods in its two headers")
            }
            let end = entry.localHeaderOffset + 30 + nameLength + extraLength + entry.compressedSize
            guard end <= directoryStart else {
                throw .truncated("the data of '\(entry.name)' runs past the central directory")
            }
            ranges.append((entry.localHeaderOffset, end, entry.name))
        }
        ranges.sort { $0.start < $1.start }
        for (previous, next) in zip(ranges, ranges.dropFirst()) where next.start < previous.end {
            throw ZipError(
                .compressionRatio,
                "entries '\(previous.name)' and '\(next.name)' share the same data: a zip bomb?",
                hint: "do not use this archive")
        }
    }
}
