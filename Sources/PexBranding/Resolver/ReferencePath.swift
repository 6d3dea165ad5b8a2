/// Where a URL written in a branding file points, worked out the way a browser resolves it against
/// `/webapp2/custom_configuration/<folder>/` (spec §3–§4), without touching the disk.
struct ReferencePath: Equatable {
    enum Target: Equatable {
        /// Inside the tree: normalised, relative to the root ("" is the root itself).
        case tree(path: String, trailingSlash: Bool)
        /// An absolute http(s) URL (or scheme-relative `//host/…`), which cannot be checked offline.
        case external(url: String, origin: String)
        /// Resolves outside the tree or cannot load a file at all; the reason completes "… : <reason>".
        case outside(reason: String)
        /// Nothing but whitespace (or only a fragment).
        case empty
    }

    var target: Target
    /// After `#`, percent-decoded; nil when there is no `#` or nothing follows it.
    var fragment: String?

    /// Where the tree is served on a Conferencing Node; root-relative URLs under it do point into the tree.
    static let servedPrefix = "/webapp2/custom_configuration/"

    /// `folder` is relative to the root ("" for the root); `text` as written in the JSON. Works on UTF-8 bytes:
    /// it runs for every reference of every plugin, and String searches go through Foundation here.
    static func resolve(_ text: String, from folder: String) -> ReferencePath {
        let bytes = Array(text.utf8)
        // The URL parser strips surrounding spaces and control characters before anything else.
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] <= 0x20 { start += 1 }
        while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
        let trimmed = String(decoding: bytes[start..<end], as: UTF8.self)
        var fragment: String?
        if let hash = bytes[start..<end].firstIndex(of: UInt8(ascii: "#")) {
            if hash + 1 < end { fragment = percentDecoded(bytes[(hash + 1)..<end]) }
            end = hash
        }
        if let query = bytes[start..<end].firstIndex(of: UInt8(ascii: "?")) { end = query }
        guard start < end else { return ReferencePath(target: .empty, fragment: fragment) }
        // Browsers treat "\" as "/" in http(s) URLs: Windows-style paths work in production.
        var rest = Array(bytes[start..<end])
        for index in rest.indices where rest[index] == UInt8(ascii: "\\") { rest[index] = UInt8(ascii: "/") }

        if let scheme = scheme(of: rest) {
            if scheme == "http" || scheme == "https", let origin = URLOrigin.origin(of: trimmed) {
                return ReferencePath(target: .external(url: trimmed, origin: origin), fragment: fragment)
            }
            return ReferencePath(
                target: .outside(reason: "\(scheme): URLs cannot load files from the branding tree"), fragment: fragment
            )
        }
        let slash = UInt8(ascii: "/")
        if rest.count >= 2, rest[0] == slash, rest[1] == slash {
            guard let origin = URLOrigin.origin(of: "https:" + String(decoding: rest, as: UTF8.self)) else {
                return ReferencePath(target: .outside(reason: "the URL has no host"), fragment: fragment)
            }
            return ReferencePath(target: .external(url: trimmed, origin: origin), fragment: fragment)
        }

        var components: [String] = []
        var relative = rest[...]
        if rest.first == slash {
            let served = servedPrefix.utf8
            guard rest.starts(with: served) else {
                return ReferencePath(
                    target: .outside(
                        reason: "an absolute path resolves against the Conferencing Node's root, outside the tree"
                            + " (served at \(servedPrefix))"),
                    fragment: fragment)
            }
            relative = rest.dropFirst(served.count)
        } else if !folder.isEmpty {
            components = folder.split(separator: "/").map(String.init)
        }
        for segment in relative.split(separator: slash, omittingEmptySubsequences: false) {
            let name = percentDecoded(segment)
            switch name {
            case "", ".":
                continue
            case "..":
                guard !components.isEmpty else {
                    return ReferencePath(
                        target: .outside(reason: "'..' climbs out of the branding tree"), fragment: fragment)
                }
                components.removeLast()
            default:
                if name.utf8.contains(slash) || name.utf8.contains(0) {
                    return ReferencePath(
                        target: .outside(reason: "an encoded '/' or NUL in the path"), fragment: fragment)
                }
                components.append(name)
            }
        }
        return ReferencePath(
            target: .tree(path: components.joined(separator: "/"), trailingSlash: rest.last == slash),
            fragment: fragment)
    }

    /// The lower-cased scheme of `scheme:…` (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`), or nil.
    static func scheme(of bytes: [UInt8]) -> String? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, isLetter(bytes[0]) else { return nil }
        for byte in bytes[..<colon] {
            guard
                isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            else { return nil }
        }
        return String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")
    }

    /// `%HH` decoded as UTF-8 bytes; a malformed escape stays as written (as browsers and servers leave it).
    static func percentDecoded(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "%")) else { return String(decoding: bytes, as: UTF8.self) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
