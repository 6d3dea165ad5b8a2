/// Entity-tag matching for `If-None-Match` (weak comparison) and `If-Range` (strong), RFC 9110 §8.8.3.
public enum EntityTag {
    /// True when `header` (a list of tags or `*`) names `etag`; `W/` prefixes are ignored.
    public static func noneMatchHits(_ header: String, etag: String) -> Bool {
        if header.trimmingSpaces() == "*" { return true }
        let wanted = opaque(etag)
        return header.split(separator: ",").contains { opaque(Substring($0).trimmingSpaces()) == wanted }
    }

    private static func opaque(_ tag: String) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : Substring(tag)
    }

    /// A strong tag from 64-bit FNV-1a over the bytes: changes whenever the content does, whatever the clock.
    public static func of(_ bytes: [UInt8]) -> String {
        var hasher = Hasher()
        hasher.combine(bytes[...])
        return hasher.tag
    }

    /// Incremental FNV-1a, for content read in blocks.
    struct Hasher {
        private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func combine(_ bytes: ArraySlice<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }

        var tag: String { "\"" + EntityTag.hex(hash, width: 16) + "\"" }
    }

    /// A tag for files too big to hash on every change: size, modification time and inode.
    public static func of(_ status: FileStatus) -> String {
        "\"" + hex(UInt64(status.size), width: 1) + "-" + hex(UInt64(bitPattern: status.modifiedNanoseconds), width: 1)
            + "-" + hex(status.inode, width: 1) + "\""
    }

    fileprivate static func hex(_ value: UInt64, width: Int) -> String {
        let text = String(value, radix: 16)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension String {
    func trimmingSpaces() -> String { self[...].trimmingSpaces() }
}
