import Foundation

/// A branding tree for pexdev to serve: the sample as it ships, or a copy of it in a temporary folder with
/// extra plugins added (each one a package file, a source file and an entry at the end of settings.json).
struct BrandingTree: Sendable {
    /// The folder to pass to `pexdev serve` (it holds `webapp2/`).
    let root: URL
    /// Whether `remove()` deletes `root` (only copies are deleted, never the sample).
    private let isCopy: Bool

    /// `sample-branding` itself, read-only.
    static let sample = BrandingTree(root: PackageRoot.sampleBranding, isCopy: false)

    /// A copy of `sample-branding` in a new temporary folder.
    static func sampleCopy() throws -> BrandingTree {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pexdev-branding-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.copyItem(at: PackageRoot.sampleBranding, to: root)
        return BrandingTree(root: root, isCopy: true)
    }

    var webapp2: URL { root.appendingPathComponent("webapp2", isDirectory: true) }

    /// Writes `plugin`'s folder under `webapp2/plugins/` and appends its entry to settings.json.
    func add(_ plugin: PluginFixture) throws {
        precondition(isCopy, "plugins are only added to a copy of the sample")
        let folder = webapp2.appendingPathComponent("plugins/\(plugin.folder)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(plugin.packageFile.utf8).write(to: folder.appendingPathComponent("\(plugin.folder).plugin.json"))
        try Data(plugin.source.utf8).write(to: folder.appendingPathComponent(plugin.sourceFile))

        let settingsURL = webapp2.appendingPathComponent("settings.json")
        let settings = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: settingsURL))
        guard var members = settings.object, let plugins = members["plugins"]?.array else {
            throw BrowserFailure("\(settingsURL.path) has no plugins list to add \(plugin.id) to")
        }
        let entry: JSONValue = [
            "id": .string(plugin.id), "srcURL": .string("plugins/\(plugin.folder)/\(plugin.folder).plugin.json"),
            "enabled": true,
        ]
        members["plugins"] = .array(plugins + [entry])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(JSONValue.object(members)).write(to: settingsURL)
    }

    /// Deletes the copy; the sample is left alone.
    func remove() {
        if isCopy { try? FileManager.default.removeItem(at: root) }
    }
}

/// One plugin to add to a `BrandingTree`: its folder name (also the package file's name) and files.
struct PluginFixture: Sendable {
    let id: String
    let folder: String
    /// The package file (`<folder>.plugin.json`) as text.
    let packageFile: String
    let sourceFile: String
    /// The plugin's script as text.
    let source: String

    /// A package file for `id` with every platform and role unless told otherwise, and these toolbar items.
    static func package(
        id: String, name: String, source: String, platforms: [String] = ["web", "electron", "ios", "android"],
        roles: [String] = ["chair", "guest"], allowUnload: Bool = true,
        toolbarItems: [(label: String, action: String)] = []
    ) -> String {
        var package: [String: JSONValue] = [
            "id": .string(id), "name": .string(name), "description": .string("\(name) (a browser-test fixture)"),
            "version": "0.0.1", "srcURL": .string(source), "allowUnload": .bool(allowUnload),
            "platforms": .array(platforms.map(JSONValue.string)),
            "participantRoles": .array(roles.map(JSONValue.string)),
        ]
        if !toolbarItems.isEmpty {
            // No icons: the shell shows its generic plugin glyph.
            let items = toolbarItems.map { item -> JSONValue in
                ["label": .string(item.label), "action": .string(item.action)]
            }
            package["menuItems"] = ["toolbar": .array(items)]
        }
        return JSONValue.object(package).jsonText
    }

    /// Where `marker` starts in `source`, as a browser's stack reports it: one-based line and column.
    func position(of marker: String) -> (line: Int, column: Int)? {
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: marker) {
                return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        return nil
    }
}
