#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `pexdev new plugin NAME`: writes `plugins/NAME/` from `PluginTemplate` and adds its entry to settings.json
/// as a textual insert, so the rest of the file keeps its formatting. Either everything is written or
/// nothing is left behind.
public enum PluginScaffold {
    public struct Result: Sendable, Equatable {
        /// The plugin's folder, relative to the branding root (`plugins/NAME`).
        public var folder: String
        /// Files written, relative to the branding root.
        public var files: [String]
        /// The entry's line in the new settings.json.
        public var settingsLine: Int
    }

    /// Adds the plugin to the tree at `root` (a folder, not an archive).
    public static func create(_ template: PluginTemplate, in root: BrandingRoot) throws(ScaffoldError) -> Result {
        try PluginName.validate(template.name)
        guard root.archive == nil else {
            throw ScaffoldError(
                .noBrandingTree, "'\(root.displayName)' is a ZIP; plugins are added to a branding folder",
                hint: "unzip it, or run pexdev init to start a folder")
        }
        let fileSystem = LocalFileSystem()
        let settingsPath = root.directory + "/settings.json"
        guard (try? fileSystem.kind(of: settingsPath)) == .regularFile else {
            throw ScaffoldError(
                .settings, "no settings.json in '\(root.directory)'",
                hint: "settings.json lists the plugins: create the tree with pexdev init")
        }
        let settings: [UInt8]
        do {
            settings = try fileSystem.contents(of: settingsPath, upTo: JSONReaderLimits().maximumBytes)
        } catch {
            throw ScaffoldError(.settings, "cannot read settings.json: \(error.reason)")
        }
        let folder = "plugins/\(template.name)"
        let packageURL = "\(folder)/\(template.packageFile)"
        try checkFree(template.name, packageURL: packageURL, settings: settings)
        if (try? fileSystem.kind(of: root.directory + "/" + folder)) != nil {
            throw ScaffoldError(
                .alreadyExists, "\(folder)/ already exists; nothing was written",
                hint: "pick another name, or delete the folder first")
        }

        let edited: [UInt8]
        do {
            edited = try JSONTextEditor.appendingObject(
                [
                    ("id", JSONLiteral.string(template.name)), ("srcURL", JSONLiteral.string(packageURL)),
                    ("enabled", "true"),
                ], toArray: "plugins", in: settings)
        } catch {
            throw ScaffoldError(.settings, "cannot add the plugin to settings.json: \(error.message)", hint: error.hint)
        }

        var written: [String] = []
        var createdFolders: [String] = []
        do {
            for (path, contents) in template.files {
                let relative = folder + "/" + path
                let absolute = root.directory + "/" + relative
                if let slash = absolute.lastIndex(of: "/") {
                    try makeFolders(String(absolute[..<slash]), recording: &createdFolders)
                }
                try AtomicFile.createNew(Array(contents.utf8), at: absolute)
                written.append(relative)
            }
            try AtomicFile.write(edited, to: settingsPath)
        } catch {
            // Leave the tree as it was: the files written, then the folders created, deepest first.
            for relative in written { unlink(root.directory + "/" + relative) }
            for created in createdFolders.reversed() { rmdir(created) }
            throw ScaffoldError(.fileSystem, error.message)
        }
        let line = (try? JSONTextEditor.rootObject(edited))?["plugins"]?.value.elements?.last?.range.start.line ?? 0
        return Result(folder: folder, files: written, settingsLine: line)
    }

    private static func makeFolders(_ path: String, recording created: inout [String]) throws(AtomicFile.Failure) {
        var missing: [String] = []
        var folder = path
        var info = stat()
        while stat(folder, &info) != 0, let slash = folder.lastIndex(of: "/"), slash != folder.startIndex {
            missing.append(folder)
            folder = String(folder[..<slash])
        }
        for path in missing.reversed() {
            try AtomicFile.makeFolders(path)
            created.append(path)
        }
    }

    /// The id and the package path must be new to settings.json.
    private static func checkFree(_ name: String, packageURL: String, settings: [UInt8]) throws(ScaffoldError) {
        let root: JSONNode
        do {
            root = try JSONTextEditor.rootObject(settings)
        } catch {
            throw ScaffoldError(.settings, "settings.json is \(error.message)", hint: error.hint)
        }
        for element in root["plugins"]?.value.elements ?? [] {
            let line = element.range.start.line
            if element["id"]?.value.stringValue == name {
                throw ScaffoldError(
                    .alreadyExists, "settings.json already lists a plugin with id '\(name)' (line \(line))",
                    hint: "pick another name")
            }
            if element["srcURL"]?.value.stringValue == packageURL {
                throw ScaffoldError(
                    .alreadyExists, "settings.json already lists \(packageURL) (line \(line))",
                    hint: "pick another name")
            }
        }
    }
}
