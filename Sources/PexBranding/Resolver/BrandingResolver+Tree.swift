/// Files in the tree that nothing references (notices): stray files, and plugin folders settings.json
/// does not list. A plugin's own folder is its business: whatever it holds is taken as its assets.
extension BrandingResolver {
    /// What a repository whose root is the branding root (as in Pexip's plugin repos) holds besides branding.
    static let repositoryFiles: Set<String> = [
        "readme", "license", "licence", "changelog", "contributing", "notice", "authors", "copying",
        "package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml",
    ]

    /// Backup, swap and probe files editors leave behind, and OS metadata.
    static func isEditorCruft(_ name: String) -> Bool {
        name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swo") || name.hasSuffix(".swx")
            || name == "4913" || name == "Thumbs.db" || name == "desktop.ini"
            || (name.hasPrefix("#") && name.hasSuffix("#"))
    }

    static func isRepositoryFile(_ path: String) -> Bool {
        guard !path.utf8.contains(UInt8(ascii: "/")) else { return false }
        let lower = path.lowercased()
        if repositoryFiles.contains(lower) { return true }
        guard let dot = lower.firstIndex(of: ".") else { return false }
        return repositoryFiles.contains(String(lower[..<dot]))
    }

    mutating func checkUnreferencedFiles() {
        let (files, complete) = tree.files(limit: Self.walkLimit)
        guard complete else { return }
        let assetPaths = Set(model.plugins.flatMap { $0.source?.assetPaths ?? [] })
        var unlisted: [String: [String]] = [:]
        for path in files {
            if referencedFiles.contains(path) || Self.isRepositoryFile(path)
                || Self.isEditorCruft(LexicalPath.lastComponent(path))
            {
                continue
            }
            if isOwned(path, folders: pluginFolders) || isOwned(path, assets: assetPaths) { continue }
            let components = path.split(separator: "/")
            if components.count >= 3, components[0] == "plugins" {
                unlisted["plugins/" + components[1], default: []].append(path)
                continue
            }
            diagnostics.add(
                .fileUnreferenced, path, nil, "\(path) is not referenced by settings.json or any plugin")
        }
        for (folder, paths) in unlisted {
            let package = paths.first { $0.lowercased().hasSuffix(".json") }
            diagnostics.add(
                .pluginFolderUnlisted, package ?? folder + "/", nil, "\(folder)/ is not listed in settings.json",
                hint: package.map {
                    "add {\"id\": \"…\", \"srcURL\": \"\($0)\", \"enabled\": true} to the plugins list in settings.json,"
                        + " or delete the folder"
                })
        }
    }

    private func isOwned(_ path: String, folders: Set<String>) -> Bool {
        var folder = Self.folder(of: path)
        while !folder.isEmpty {
            if folders.contains(folder) { return true }
            folder = Self.folder(of: folder)
        }
        return false
    }

    private func isOwned(_ path: String, assets: Set<String>) -> Bool {
        if assets.contains(path) { return true }
        var folder = Self.folder(of: path)
        while !folder.isEmpty {
            if assets.contains(folder + "/") { return true }
            folder = Self.folder(of: folder)
        }
        return false
    }
}
