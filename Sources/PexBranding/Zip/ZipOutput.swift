/// Where `ZipWriter` puts its bytes, in order: a file for packages, memory for tests.
public protocol ZipOutput {
    mutating func write(_ bytes: [UInt8]) throws(ZipError)
}

/// Collects the archive in memory.
public struct ZipMemoryOutput: ZipOutput {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ bytes: [UInt8]) throws(ZipError) {
        self.bytes += bytes
    }
}
