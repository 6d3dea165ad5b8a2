/// The branding tree's folders, each listed once and kept, so resolving hundreds of references and finding
/// unreferenced files costs one `readdir` per folder and one `stat` per entry.
struct TreeListing {
    /// What a relative path names, as a Linux Conferencing Node would see it.
    enum Lookup: Equatable {
        case file
        case directory
        /// A device, FIFO or socket.
        case other
        /// Nothing by that exact name; `caseVariant` is the real path when one differs only in case
        /// (macOS and Windows would open it, Linux does not).
        case missing(caseVariant: String?)
        /// A folder on the way could not be listed.
        case unreadable(reason: String)
    }

    private struct Listing {
        /// Sorted, as `entries(of:)` returns them.
        var names: [String]
        /// nil for entries that vanished or are dangling symlinks.
        var kinds: [String: FileKind]
    }

    /// Files and folders the walk never reports: hidden files (`.git/`, `.DS_Store`), and a Node dev server's
    /// dependencies in Pexip's plugin repositories, whose root is the branding root.
    static func isSkipped(_ name: String) -> Bool {
        name.hasPrefix(".") || name == "node_modules"
    }

    let fileSystem: any BrandingFileSystem
    /// Absolute path of the branding root.
    let root: String
    private var listings: [String: Result<Listing, FileSystemFailure>] = [:]

    init(root: String, fileSystem: any BrandingFileSystem) {
        self.root = root
        self.fileSystem = fileSystem
    }

    func absolute(_ relative: String) -> String {
        relative.isEmpty ? root : root + "/" + relative
    }

    /// Names in a folder of the tree (relative path, "" for the root), sorted.
    mutating func names(in directory: String) -> [String]? {
        try? listing(directory).get().names
    }

    mutating func lookup(_ path: String) -> Lookup {
        if path.isEmpty { return .directory }
        let components = path.split(separator: "/").map(String.init)
        var directory = ""
        var corrected = false
        for (position, component) in components.enumerated() {
            let listing: Listing
            switch self.listing(directory) {
            case .success(let found): listing = found
            case .failure(let failure): return .unreadable(reason: failure.reason)
            }
            let isLast = position == components.count - 1
            var name = component
            var kind = listing.kinds[component]
            if kind == nil || (!isLast && kind != .directory) {
                // Only on a miss: compare folded spellings of the real entries.
                let folded = component.lowercased()
                guard
                    let variant = listing.names.first(where: {
                        $0.lowercased() == folded && (isLast || listing.kinds[$0] == .directory)
                    }), let variantKind = listing.kinds[variant]
                else { return .missing(caseVariant: nil) }
                name = variant
                kind = variantKind
                corrected = true
            }
            directory = directory.isEmpty ? name : directory + "/" + name
            if isLast {
                if corrected { return .missing(caseVariant: directory) }
                switch kind {
                case .directory?: return .directory
                case .regularFile?: return .file
                case .other?: return .other
                case nil: return .missing(caseVariant: nil)
                }
            }
        }
        return .missing(caseVariant: nil)
    }

    /// Every regular file in the tree, relative and sorted by folder; `complete` is false when the walk stopped
    /// at `limit` files (or at a folder it could not list, or very deep: a symlink loop).
    mutating func files(limit: Int) -> (paths: [String], complete: Bool) {
        var paths: [String] = []
        var complete = true
        var pending: [(path: String, depth: Int)] = [("", 0)]
        while let (directory, depth) = pending.popLast() {
            guard case .success(let listing) = self.listing(directory) else {
                complete = false
                continue
            }
            var folders: [(String, Int)] = []
            for name in listing.names where !Self.isSkipped(name) {
                let path = directory.isEmpty ? name : directory + "/" + name
                switch listing.kinds[name] {
                case .regularFile?:
                    if paths.count == limit { return (paths, false) }
                    paths.append(path)
                case .directory?:
                    if depth < 32 { folders.append((path, depth + 1)) } else { complete = false }
                default:
                    break
                }
            }
            pending.append(contentsOf: folders.reversed())
        }
        return (paths, complete)
    }

    private mutating func listing(_ directory: String) -> Result<Listing, FileSystemFailure> {
        if let known = listings[directory] { return known }
        let absolute = self.absolute(directory)
        let result: Result<Listing, FileSystemFailure>
        do {
            var names: [String] = []
            var kinds: [String: FileKind] = [:]
            if let fast = fileSystem as? any FastTreeReading {
                let entries = try fast.kindedEntries(of: absolute)
                names.reserveCapacity(entries.count)
                for entry in entries {
                    names.append(entry.name)
                    if let kind = entry.kind { kinds[entry.name] = kind }
                }
            } else {
                names = try fileSystem.entries(of: absolute)
                for name in names {
                    let path = absolute.hasSuffix("/") ? absolute + name : absolute + "/" + name
                    if let kind = try? fileSystem.kind(of: path) { kinds[name] = kind }
                }
            }
            result = .success(Listing(names: names, kinds: kinds))
        } catch {
            result = .failure(error)
        }
        listings[directory] = result
        return result
    }
}
