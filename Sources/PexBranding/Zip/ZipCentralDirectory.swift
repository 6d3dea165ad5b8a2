/// Finds and parses the central directory: the end record (and its ZIP64 form), then one header per entry.
enum ZipCentralDirectory {
    struct Location {
        var offset: Int
        var size: Int
        var entryCount: Int
    }

    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let headerSignature: UInt32 = 0x0201_4B50

    static func locate(in source: any ZipByteSource, limits: ZipLimits) throws(ZipError) -> Location {
        // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
        let tailLength = min(source.size, 22 + 0xFFFF)
        let tailStart = source.size - tailLength
        let tail = try source.bytes(at: tailStart, count: tailLength, what: "the end of the file cannot be read")
        var found: Int?
        var index = tail.count - 22  // negative for a file too short to hold one: not found
        while index >= 0 {
            if tail[index] == 0x50, tail[index + 1] == 0x4B, tail[index + 2] == 0x05, tail[index + 3] == 0x06 {
                let commentLength = Int(tail[index + 20]) | Int(tail[index + 21]) << 8
                if index + 22 + commentLength <= tail.count {
                    found = index
                    break
                }
            }
            index -= 1
        }
        guard let endIndex = found else {
            let head = try? source.bytes(at: 0, count: 4, what: "")
            if head == [0x50, 0x4B, 0x03, 0x04] {
                throw ZipError.truncated("its end (the central directory record) is missing")
            }
            throw ZipError(
                .notAZip, "the file is not a ZIP archive (no end-of-central-directory record)",
                hint: "a branding package is the ZIP that pexdev package writes, or the portal's download")
        }
        let endOffset = tailStart + endIndex
        let end = ZipByteReader(bytes: Array(tail[endIndex...]), what: "the end record is cut off")
        let disk = try end.u16(4)
        let directoryDisk = try end.u16(6)
        var location = Location(
            offset: Int(try end.u32(16)), size: Int(try end.u32(12)), entryCount: Int(try end.u16(10)))
        var directoryEnd = endOffset
        let usesZip64 =
            location.entryCount == 0xFFFF || location.size == 0xFFFF_FFFF || location.offset == 0xFFFF_FFFF
            || disk == 0xFFFF || directoryDisk == 0xFFFF
        if usesZip64 {
            (location, directoryEnd) = try zip64Location(before: endOffset, in: source)
        } else {
            let entriesOnThisDisk = Int(try end.u16(8))
            if disk != 0 || directoryDisk != 0 || entriesOnThisDisk != location.entryCount { throw split() }
        }
        if location.entryCount > limits.maximumEntries {
            throw ZipError(
                .tooManyEntries,
                "the archive has \(location.entryCount) entries; pexdev reads at most \(limits.maximumEntries)",
                hint: "a branding package holds a few hundred files at most: is this the right archive?")
        }
        guard location.size <= limits.maximumDirectorySize else {
            throw ZipError(
                .tooLarge,
                "the archive's central directory is \(ByteCount.text(location.size)); "
                    + "pexdev reads at most \(ByteCount.text(limits.maximumDirectorySize))")
        }
        guard location.offset >= 0, location.size >= 0, location.offset <= directoryEnd,
            location.size <= directoryEnd - location.offset
        else {
            throw ZipError.truncated("the central directory lies past the end of the file")
        }
        return location
    }

    private static func zip64Location(before endOffset: Int, in source: any ZipByteSource) throws(ZipError)
        -> (Location, directoryEnd: Int)
    {
        guard endOffset >= 20 else { throw ZipError.corrupt("the ZIP64 end record locator is missing") }
        let locator = ZipByteReader(
            bytes: try source.bytes(at: endOffset - 20, count: 20, what: "the ZIP64 locator is cut off"),
            what: "the ZIP64 locator is cut off")
        guard try locator.u32(0) == zip64LocatorSignature else {
            throw ZipError.corrupt("the end record asks for ZIP64, but the ZIP64 end record locator is missing")
        }
        guard try locator.u32(4) == 0, try locator.u32(16) <= 1 else { throw split() }
        let recordOffset = try locator.u64(8)
        guard recordOffset <= UInt64(endOffset - 20) else {
            throw ZipError.truncated("the ZIP64 end record lies past the end of the file")
        }
        let record = ZipByteReader(
            bytes: try source.bytes(at: Int(recordOffset), count: 56, what: "the ZIP64 end record is cut off"),
            what: "the ZIP64 end record is cut off")
        guard try record.u32(0) == zip64EndSignature else {
            throw ZipError.corrupt("the ZIP64 locator points at no ZIP64 end record")
        }
        let onThisDisk = try record.u64(24)
        guard try record.u32(16) == 0, try record.u32(20) == 0, try onThisDisk == record.u64(32) else {
            throw split()
        }
        let count = try record.u64(32)
        let size = try record.u64(40)
        let offset = try record.u64(48)
        // Anything beyond Int is beyond the file: the range check after this reports it as truncation.
        let clamp = { (value: UInt64) -> Int in value > UInt64(Int.max / 2) ? Int.max / 2 : Int(value) }
        return (Location(offset: clamp(offset), size: clamp(size), entryCount: clamp(count)), Int(recordOffset))
    }

    private static func split() -> ZipError {
        ZipError(
            .unsupported, "the archive is split over several files (a multi-part ZIP), which pexdev does not read",
            hint: "join the parts into one archive (zip -s 0 in.zip --out whole.zip)")
    }

    static func readEntries(_ location: Location, from source: any ZipByteSource, limits: ZipLimits) throws(ZipError)
        -> [ZipEntry]
    {
        let bytes = try source.bytes(
            at: location.offset, count: location.size, what: "the central directory is cut off")
        let reader = ZipByteReader(bytes: bytes, what: "the central directory is cut off")
        var entries: [ZipEntry] = []
        entries.reserveCapacity(location.entryCount)
        var position = 0
        while entries.count < location.entryCount {
            guard position + 46 <= bytes.count else {
                throw ZipError.corrupt(
                    "the central directory holds \(entries.count) entries, its end record says \(location.entryCount)")
            }
            guard try reader.u32(position) == headerSignature else {
                throw ZipError.corrupt("entry \(entries.count + 1) of the central directory has no valid header")
            }
            let entry = try parseHeader(at: position, reader)
            entries.append(entry.entry)
            position = entry.next
        }
        return entries
    }

    private static func parseHeader(at position: Int, _ reader: ZipByteReader) throws(ZipError)
        -> (entry: ZipEntry, next: Int)
    {
        let madeBy = try reader.u16(position + 4)
        let flags = try reader.u16(position + 8)
        let methodCode = try reader.u16(position + 10)
        let crc = try reader.u32(position + 16)
        var compressed = UInt64(try reader.u32(position + 20))
        var uncompressed = UInt64(try reader.u32(position + 24))
        let nameLength = Int(try reader.u16(position + 28))
        let extraLength = Int(try reader.u16(position + 30))
        let commentLength = Int(try reader.u16(position + 32))
        let diskStart = try reader.u16(position + 34)
        let externalAttributes = try reader.u32(position + 38)
        var offset = UInt64(try reader.u32(position + 42))
        let name = try ZipEntryName.validate(try reader.slice(position + 46, nameLength))
        let extra = try reader.slice(position + 46 + nameLength, extraLength)
        let next = position + 46 + nameLength + extraLength + commentLength
        guard next <= reader.bytes.count else { throw ZipError.truncated("the central directory is cut off") }

        // ZIP64: the fields set to all ones are in the 0x0001 extra field, in this order.
        if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            guard let zip64 = ZipExtraField.find(0x0001, in: extra) else {
                throw ZipError.corrupt("entry '\(name)' needs ZIP64 sizes but has no ZIP64 extra field")
            }
            let fields = ZipByteReader(bytes: Array(zip64), what: "the ZIP64 field of '\(name)' is cut off")
            var cursor = 0
            if uncompressed == 0xFFFF_FFFF {
                uncompressed = try fields.u64(cursor)
                cursor += 8
            }
            if compressed == 0xFFFF_FFFF {
                compressed = try fields.u64(cursor)
                cursor += 8
            }
            if offset == 0xFFFF_FFFF { offset = try fields.u64(cursor) }
        }
        if diskStart != 0 && diskStart != 0xFFFF { throw split() }
        if flags & 0x0001 != 0 || flags & 0x0040 != 0 {
            throw ZipError(
                .unsupported, "entry '\(name)' is encrypted; pexdev reads only unencrypted archives",
                hint: "build the archive without a password")
        }
        guard let method = ZipMethod(rawValue: methodCode) else {
            throw ZipError(
                .unsupported,
                "entry '\(name)' uses compression method \(methodCode) (\(methodName(methodCode))); "
                    + "pexdev reads stored and deflate entries",
                hint: "re-create the archive with zip, or pexdev package")
        }
        // Unix hosts (3) and macOS (19) keep the file mode in the upper half of the external attributes.
        let host = madeBy >> 8
        if host == 3 || host == 19 {
            let mode = externalAttributes >> 16 & 0o170000
            if mode == 0o120000 {
                throw ZipError(
                    .notARegularFile, "entry '\(name)' is a symbolic link; links are refused in branding packages",
                    hint: "put the file itself in the archive (zip without -y, or pexdev package)")
            }
            if mode != 0, mode != 0o100000, mode != 0o040000 {
                throw ZipError(.notARegularFile, "entry '\(name)' is neither a file nor a folder (a device or FIFO)")
            }
            if mode == 0o040000, !name.hasSuffix("/") {
                throw ZipError.corrupt("entry '\(name)' is marked as a folder but its name does not end in '/'")
            }
        }
        let limit = UInt64(Int.max / 4)
        guard compressed <= limit, uncompressed <= limit, offset <= limit else {
            throw ZipError.corrupt("entry '\(name)' declares impossible sizes")
        }
        if name.hasSuffix("/"), uncompressed != 0 {
            throw ZipError.corrupt("folder entry '\(name)' holds data")
        }
        let entry = ZipEntry(
            name: name, method: method, crc32: crc, compressedSize: Int(compressed),
            uncompressedSize: Int(uncompressed), localHeaderOffset: Int(offset), flags: flags)
        return (entry, next)
    }

    private static func methodName(_ code: UInt16) -> String {
        switch code {
        case 1: return "shrink"
        case 6: return "implode"
        case 9: return "deflate64"
        case 12: return "bzip2"
        case 14: return "LZMA"
        case 93: return "zstd"
        case 95: return "xz"
        case 99: return "AES encryption"
        default: return "unknown"
        }
    }
}
