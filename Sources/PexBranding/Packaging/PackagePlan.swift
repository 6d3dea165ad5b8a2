#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What goes into a package: every file of the tree that the branding uses or that sits in a listed plugin's
/// folder, and what stays out with the reason: hidden files, editor leftovers, repository files, files the
/// checker found unreferenced (PEX601) or in unlisted plugin folders (PEX602), links leading out of the tree.
public struct PackagePlan: Sendable, Equatable {
    /// Relative to the branding root.
    public var files: [String] = []
    /// Folders holding included files, relative, without trailing "/".
    public var folders: [String] = []
    public var excluded: [PackageExclusion] = []

    /// Deeper than this is a symlink loop, not a branding tree.
    static let maximumDepth = 32

    /// Plans the package of the tree at `root` (absolute, real) from its check `report`; `output`, when it lies
    /// inside the tree, is left out (it is being written).
    public static func make(root: String, report: CheckReport, output: String? = nil) -> PackagePlan {
        var unreferenced: Set<String> = []
        var unlistedFolders: Set<String> = []
        for diagnostic in report.diagnostics {
            if diagnostic.code == RuleDescription.fileUnreferenced.code { unreferenced.insert(diagnostic.file) }
            if diagnostic.code == RuleDescription.pluginFolderUnlisted.code {
                let components = diagnostic.file.split(separator: "/")
                if components.count >= 2 { unlistedFolders.insert(components.prefix(2).joined(separator: "/")) }
            }
        }
        var plan = PackagePlan()
        let walk = Walk(
            root: root, unreferenced: unreferenced, unlistedFolders: unlistedFolders,
            output: output.map(LexicalPath.normalized))
        walk.visit("", depth: 0, into: &plan)
        plan.files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        plan.folders.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return plan
    }

    private struct Walk {
        let root: String
        let unreferenced: Set<String>
        let unlistedFolders: Set<String>
        let output: String?
        let fileSystem = LocalFileSystem()

        func visit(_ folder: String, depth: Int, into plan: inout PackagePlan) {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            guard depth <= PackagePlan.maximumDepth, let names = try? fileSystem.entries(of: absolute) else {
                plan.excluded.append(PackageExclusion(path: folder + "/", reason: "folder cannot be read"))
                return
            }
            var holdsFiles = false
            for name in names {
                let path = folder.isEmpty ? name : folder + "/" + name
                switch classify(name: name, path: path) {
                case .excluded(let exclusion):
                    plan.excluded.append(exclusion)
                case .folder:
                    let before = plan.files.count
                    visit(path, depth: depth + 1, into: &plan)
                    if plan.files.count > before { holdsFiles = true }
                case .file:
                    if let reason = fileExclusion(path) {
                        plan.excluded.append(PackageExclusion(path: path, reason: reason))
                    } else {
                        plan.files.append(path)
                        holdsFiles = true
                    }
                }
            }
            if holdsFiles, !folder.isEmpty { plan.folders.append(folder) }
        }

        enum Kind {
            case file, folder
            case excluded(PackageExclusion)
        }

        func classify(name: String, path: String) -> Kind {
            let absolute = root + "/" + path
            var info = stat()
            guard lstat(absolute, &info) == 0 else {
                return .excluded(PackageExclusion(path: path, reason: "vanished while packaging"))
            }
            var mode = info.st_mode & S_IFMT
            if mode == S_IFLNK {
                // A link inside the tree is packaged as what it leads to; one leading out is refused, as serve does.
                guard let real = try? fileSystem.realPath(absolute), real == root || real.hasPrefix(root + "/")
                else {
                    return .excluded(PackageExclusion(path: path, reason: "symbolic link leading outside the tree"))
                }
                var target = stat()
                guard stat(absolute, &target) == 0 else {
                    return .excluded(PackageExclusion(path: path, reason: "broken symbolic link"))
                }
                mode = target.st_mode & S_IFMT
            }
            let isFolder = mode == S_IFDIR
            let shown = isFolder ? path + "/" : path
            if name.hasPrefix(".") {
                return .excluded(PackageExclusion(path: shown, reason: "hidden (dotfile)"))
            }
            if isFolder {
                if name == "node_modules" {
                    return .excluded(PackageExclusion(path: shown, reason: "dependencies of a local setup"))
                }
                return .folder
            }
            guard mode == S_IFREG else {
                return .excluded(PackageExclusion(path: path, reason: "not a regular file"))
            }
            return .file
        }

        func fileExclusion(_ path: String) -> String? {
            let name = LexicalPath.lastComponent(path)
            if BrandingResolver.isEditorCruft(name) { return "editor or system leftover" }
            if let output, output == root + "/" + path { return "the package being written" }
            if BrandingResolver.isRepositoryFile(path) { return "repository file, not branding" }
            if unreferenced.contains(path) { return "not referenced by settings.json or any plugin" }
            let components = path.split(separator: "/")
            if components.count >= 3, unlistedFolders.contains(components.prefix(2).joined(separator: "/")) {
                return "plugin folder not listed in settings.json"
            }
            return nil
        }
    }
}
