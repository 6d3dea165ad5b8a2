/// Turns a raw request path into safe path segments, or refuses it (security.md items 16, 17, 19, 20, 22).
/// Percent-escapes are decoded exactly once; anything that could name a file outside the root, or a dotfile,
/// never reaches the file system.
public enum RequestPath {
    /// Deeper paths are answered 404 without touching the disk.
    public static let maximumSegments = 64
    /// Longer decoded paths are answered 414.
    public static let maximumLength = 2048

    /// Segments of `raw` (the path part of the target, query already removed), relative to the mount point.
    public static func segments(_ raw: Substring) throws(HTTPError) -> [String] {
        var bytes = Array(raw.utf8)
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) { bytes.removeSubrange(hash...) }
        if bytes.count > maximumLength { throw HTTPError(.uriTooLong, "path is longer than \(maximumLength) bytes") }
        var segments: [String] = []
        var current: [UInt8] = []
        var index = 0
        func endSegment() throws(HTTPError) {
            defer { current.removeAll(keepingCapacity: true) }
            if current.isEmpty || current == [0x2E] { return }
            if current == [0x2E, 0x2E] {
                throw HTTPError(.badRequest, "'..' is not allowed in paths")
            }
            guard let text = String(validating: current, as: UTF8.self) else {
                throw HTTPError(.badRequest, "path is not valid UTF-8 after percent-decoding")
            }
            if current[0] == 0x2E {
                throw HTTPError(.notFound, "dotfiles and dot-folders are never served")
            }
            segments.append(text)
            if segments.count > maximumSegments {
                throw HTTPError(.notFound, "path has more than \(maximumSegments) segments")
            }
        }
        while index < bytes.count {
            var byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "/") {
                try endSegment()
                continue
            }
            if byte == UInt8(ascii: "\\") { throw HTTPError(.badRequest, "backslashes are not allowed in paths") }
            if byte == UInt8(ascii: "%") {
                guard index + 2 <= bytes.count, let high = hexValue(bytes[index]),
                    let low = hexValue(bytes[index + 1])
                else {
                    throw HTTPError(.badRequest, "invalid percent-escape in path")
                }
                index += 2
                byte = high << 4 | low
                if byte == 0 { throw HTTPError(.badRequest, "NUL byte in path") }
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") {
                    throw HTTPError(.badRequest, "encoded path separators (%2F, %5C) are not allowed")
                }
            }
            if byte < 0x20 || byte == 0x7F { throw HTTPError(.badRequest, "control character in path") }
            current.append(byte)
        }
        try endSegment()
        return segments
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
