import PexHTTP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A cheap fingerprint of a folder: every path with its status (size, times, inode). Equal signatures mean
/// nothing was added, removed, renamed or written. The polling watcher's view of the tree.
/// Walks with readdir: Foundation's enumerator costs megabytes of resident memory for this small job.
struct TreeSignature: Equatable {
    private var entries: [String: FileStatus] = [:]

    static func of(_ root: String) -> TreeSignature {
        var signature = TreeSignature()
        var pending = [""]
        // Bounded: a tree deeper or wider than this is not a branding package, and polling must stay cheap.
        var budget = 100_000
        while let relative = pending.popLast(), budget > 0 {
            guard let directory = opendir(relative.isEmpty ? root : root + "/" + relative) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory), budget > 0 {
                budget -= 1
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                guard let status = FileStatus.of(path: root + "/" + path) else { continue }
                signature.entries[path] = status
                if status.isDirectory { pending.append(path) }
            }
        }
        return signature
    }

    /// Paths added, removed or changed (regular files; folders only when added or removed).
    func changedPaths(since old: TreeSignature) -> Set<String> {
        var changed = Set<String>()
        for (path, status) in entries where old.entries[path] != status {
            if status.isDirectory && old.entries[path]?.isDirectory == true { continue }
            changed.insert(path)
        }
        for path in old.entries.keys where entries[path] == nil { changed.insert(path) }
        return changed
    }
}
