/// Adds pexdev's tag to a page of the node's real Webapp2 (`--real-app`): before `</head>`, else before
/// `<body`, else at the start, so the live-reload and CSP client runs before the app.
public enum HTMLInjection {
    public static func inject(_ tag: String, into html: [UInt8]) -> [UInt8] {
        let index = find("</head", in: html) ?? find("<body", in: html) ?? 0
        var out = html
        out.insert(contentsOf: Array(tag.utf8), at: index)
        return out
    }

    /// First ASCII case-insensitive occurrence of `needle` (lower-case) in `haystack`.
    static func find(_ needle: String, in haystack: [UInt8]) -> Int? {
        let pattern = Array(needle.utf8)
        guard haystack.count >= pattern.count, !pattern.isEmpty else { return nil }
        outer: for start in 0...(haystack.count - pattern.count) {
            for (offset, byte) in pattern.enumerated() {
                let candidate = haystack[start + offset]
                let lowered = candidate >= 0x41 && candidate <= 0x5A ? candidate | 0x20 : candidate
                if lowered != byte { continue outer }
            }
            return start
        }
        return nil
    }
}
