/// One entry of an archive's central directory, validated: a safe relative name, a known method, sizes
/// within the limits, data that lies inside the file and overlaps no other entry.
public struct ZipEntry: Sendable, Equatable {
    /// `/`-separated, relative, without `..`; folders end in `/`.
    public var name: String
    public var method: ZipMethod
    public var crc32: UInt32
    public var compressedSize: Int
    public var uncompressedSize: Int
    /// Where the local header starts; the data follows it.
    var localHeaderOffset: Int
    /// General purpose flags (bit 11: the name is UTF-8).
    var flags: UInt16

    public var isDirectory: Bool { name.hasSuffix("/") }
}

/// The compression methods pexdev reads and writes: what every ZIP tool produces for ordinary files.
public enum ZipMethod: UInt16, Sendable, Equatable {
    case stored = 0
    case deflated = 8
}
