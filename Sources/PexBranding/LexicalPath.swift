/// Path arithmetic on strings, without touching the disk: for messages and for building probe paths.
enum LexicalPath {
    /// `path` made absolute against `base`; an already absolute path is returned as it is.
    static func absolute(_ path: String, in base: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.isEmpty { return base }
        return appending(path, to: base)
    }

    /// Collapses "//", "." and ".." in an absolute path; ".." above "/" stays at "/".
    /// Only for display: with symlinks in the way the kernel may disagree, so probes use the unnormalised path.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    static func appending(_ name: String, to directory: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The last component, ignoring trailing slashes; "/" for the root.
    static func lastComponent(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        let last = trimmed[trimmed.index(after: slash)...]
        return last.isEmpty ? "/" : String(last)
    }

    /// The parent of a normalised absolute path, or nil for "/".
    static func parent(_ path: String) -> String? {
        guard path != "/", let slash = path.lastIndex(of: "/") else { return nil }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// "a/b/" → "a/b"; a path made only of slashes stays "/".
    static func trimmingTrailingSlashes(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
