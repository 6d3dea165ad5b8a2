/// What pexdev accepts from an archive (security.md item 33). A branding package is a few hundred small
/// files; these bounds are far above that and far below what would exhaust memory, since `serve` holds the
/// unpacked tree in memory.
public struct ZipLimits: Sendable, Equatable {
    /// More entries than this is refused before the central directory is read.
    public var maximumEntries = 10_000
    /// The sum of the entries' uncompressed sizes.
    public var maximumTotalSize = 256 << 20
    /// One entry, uncompressed.
    public var maximumEntrySize = 64 << 20
    /// An entry may expand at most this many times...
    public var maximumRatio = 100
    /// ...once it is bigger than this: small files of repeated text compress well and are harmless.
    public var ratioFloor = 1 << 20
    /// The central directory itself (about 100 bytes an entry).
    public var maximumDirectorySize = 16 << 20

    public init() {}
}
