/// Writes a ZIP archive entry by entry, deterministically: every entry gets the same timestamp and Unix
/// mode (0644 files, 0755 folders) whatever the disk says, and no extra fields, so the same names and
/// contents in the same order give the same bytes. Files are deflated (level 9) unless that does not
/// shrink them, then stored. Only the central directory (about 100 bytes an entry) stays in memory.
public struct ZipWriter<Output: ZipOutput> {
    public private(set) var output: Output
    public let timestamp: DOSTimestamp
    /// Bytes written so far: the next local header's offset.
    public private(set) var size = 0
    public private(set) var entryCount = 0
    private var directory: [UInt8] = []
    private var names: Set<String> = []

    /// Made by Unix (3), ZIP 2.0: the Unix mode in the external attributes is honoured by unzip and Python.
    private static var versionMadeBy: UInt16 { 3 << 8 | 20 }
    private static var versionNeeded: UInt16 { 20 }

    public init(output: Output, timestamp: DOSTimestamp = .epoch) {
        self.output = output
        self.timestamp = timestamp
    }

    /// A folder entry; `name` ends in "/".
    public mutating func addDirectory(_ name: String) throws(ZipError) {
        try checkName(name, folder: true)
        let attributes = UInt32(0o040755) << 16 | 0x10
        try addEntry(
            name: name, method: .stored, crc: 0, compressed: [], uncompressedSize: 0, attributes: attributes)
    }

    public mutating func addFile(_ name: String, contents: [UInt8]) throws(ZipError) {
        try checkName(name, folder: false)
        let crc = CRC32.checksum(contents)
        var method = ZipMethod.stored
        var data = contents
        if !contents.isEmpty, let deflated = Deflate.compress(contents), deflated.count < contents.count {
            method = .deflated
            data = deflated
        }
        try addEntry(
            name: name, method: method, crc: crc, compressed: data, uncompressedSize: contents.count,
            attributes: UInt32(0o100644) << 16)
    }

    /// Writes the central directory and the end record; the archive is complete after this.
    public mutating func finish() throws(ZipError) {
        let directoryOffset = size
        let entries = UInt16(entryCount)
        var end: [UInt8] = []
        end.appendLittleEndian(ZipCentralDirectory.endSignature)
        end.appendLittleEndian(UInt16(0))
        end.appendLittleEndian(UInt16(0))
        end.appendLittleEndian(entries)
        end.appendLittleEndian(entries)
        end.appendLittleEndian(UInt32(directory.count))
        end.appendLittleEndian(UInt32(directoryOffset))
        end.appendLittleEndian(UInt16(0))
        guard directoryOffset + directory.count <= Int(UInt32.max) else { throw Self.tooLarge() }
        try output.write(directory)
        try output.write(end)
        size += directory.count + end.count
        directory = []
    }

    private mutating func checkName(_ name: String, folder: Bool) throws(ZipError) {
        // What the reader would refuse must never be written.
        let validated = try ZipEntryName.validate(ArraySlice(name.utf8))
        guard validated.hasSuffix("/") == folder else {
            throw ZipError(.unsafeName, folder ? "folder '\(name)' must end in '/'" : "file '\(name)' ends in '/'")
        }
        guard names.insert(validated).inserted else {
            throw ZipError(.duplicateName, "entry '\(name)' was added twice")
        }
        // Without ZIP64 writing, 65,535 entries and 4 GiB are the bounds; a branding package is far below both.
        guard entryCount < 0xFFFF else {
            throw ZipError(.tooManyEntries, "more than 65,534 entries; a branding package is far smaller")
        }
    }

    private mutating func addEntry(
        name: String, method: ZipMethod, crc: UInt32, compressed: [UInt8], uncompressedSize: Int, attributes: UInt32
    ) throws(ZipError) {
        let nameBytes = Array(name.utf8)
        guard nameBytes.count <= 0xFFFF else { throw ZipError(.unsafeName, "entry name '\(name)' is too long") }
        let offset = size
        guard offset + 30 + nameBytes.count + compressed.count <= Int(UInt32.max), uncompressedSize <= Int(UInt32.max)
        else { throw Self.tooLarge() }
        // Bit 11: the name is UTF-8; set only when it matters, as Info-ZIP does.
        let flags: UInt16 = nameBytes.contains { $0 >= 0x80 } ? 0x0800 : 0

        var local: [UInt8] = []
        local.reserveCapacity(30 + nameBytes.count)
        local.appendLittleEndian(UInt32(0x0403_4B50))
        local.appendLittleEndian(Self.versionNeeded)
        local.appendLittleEndian(flags)
        local.appendLittleEndian(method.rawValue)
        local.appendLittleEndian(timestamp.time)
        local.appendLittleEndian(timestamp.date)
        local.appendLittleEndian(crc)
        local.appendLittleEndian(UInt32(compressed.count))
        local.appendLittleEndian(UInt32(uncompressedSize))
        local.appendLittleEndian(UInt16(nameBytes.count))
        local.appendLittleEndian(UInt16(0))
        local += nameBytes
        try output.write(local)
        try output.write(compressed)
        size += local.count + compressed.count

        directory.appendLittleEndian(ZipCentralDirectory.headerSignature)
        directory.appendLittleEndian(Self.versionMadeBy)
        directory.appendLittleEndian(Self.versionNeeded)
        directory.appendLittleEndian(flags)
        directory.appendLittleEndian(method.rawValue)
        directory.appendLittleEndian(timestamp.time)
        directory.appendLittleEndian(timestamp.date)
        directory.appendLittleEndian(crc)
        directory.appendLittleEndian(UInt32(compressed.count))
        directory.appendLittleEndian(UInt32(uncompressedSize))
        directory.appendLittleEndian(UInt16(nameBytes.count))
        directory.appendLittleEndian(UInt16(0))  // extra
        directory.appendLittleEndian(UInt16(0))  // comment
        directory.appendLittleEndian(UInt16(0))  // disk
        directory.appendLittleEndian(UInt16(0))  // internal attributes
        directory.appendLittleEndian(attributes)
        directory.appendLittleEndian(UInt32(offset))
        directory += nameBytes
        entryCount += 1
    }

    private static func tooLarge() -> ZipError {
        ZipError(.tooLarge, "the archive would exceed 4 GiB; a branding package is far smaller")
    }
}
