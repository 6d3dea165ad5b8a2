/// settings.json and its `plugins` list (spec §3).
extension BrandingResolver {
    static let entryKeys = ["id", "srcURL", "enabled"]

    /// The entries of the `plugins` list that are objects, with their positions in the list.
    mutating func readSettings() -> [(index: Int, node: JSONNode)] {
        let file = "settings.json"
        guard
            lookUpRootFile(
                file, missing: .settingsMissing, unusable: .settingsMissing,
                missingMessage: "settings.json is missing: no plugin can load")
        else { return [] }
        let root: JSONNode
        switch readJSON(file) {
        case .document(let node): root = node
        case .invalid: return []
        case .unreadable(let reason):
            diagnostics.add(.settingsMissing, file, nil, "settings.json could not be read: \(reason)")
            return []
        }
        guard case .object(let members) = root.value else {
            diagnostics.add(
                .pluginsMalformed, file, root.range,
                "settings.json must be a JSON object holding a plugins list, found "
                    + JSONValueDescription.describe(root.value))
            return []
        }
        settingsParsed = true
        model.hasSettings = true
        guard let plugins = root["plugins"]?.value else {
            let typo = members.first { KeySuggestion.closest(to: $0.key, among: ["plugins"]) != nil }
            diagnostics.add(
                .noPlugins, file, typo?.keyRange ?? Self.opening(root),
                typo.map { "settings.json has no plugins list; did you mean `plugins` instead of `\($0.key)`?" }
                    ?? "settings.json has no plugins list")
            return []
        }
        guard case .array(let elements) = plugins.value else {
            diagnostics.add(
                .pluginsMalformed, file, plugins.range,
                "plugins must be a list of plugin entries, found \(JSONValueDescription.describe(plugins.value))")
            return []
        }
        if elements.isEmpty {
            diagnostics.add(.noPlugins, file, plugins.range, "the plugins list is empty")
        }
        var entries: [(index: Int, node: JSONNode)] = []
        for (index, element) in elements.enumerated() {
            guard case .object = element.value else {
                diagnostics.add(
                    .pluginsMalformed, file, element.range,
                    "plugin entry \(index + 1) must be an object with id, srcURL and enabled, found "
                        + JSONValueDescription.describe(element.value))
                continue
            }
            entries.append((index, element))
        }
        return entries
    }

    /// One settings entry: its fields, its package file and source, and the id checks that need both files.
    /// `firstUse` maps each settings id to the id node of the entry that used it first.
    mutating func resolveEntry(index: Int, node: JSONNode, firstUse: inout [String: JSONNode]) {
        let file = "settings.json"
        let owner = "plugin entry \(index + 1)"
        checkKeys(of: node, known: Self.entryKeys, file: file)
        var entry = PluginEntry(index: index)

        let id = string("id", of: node, file: file, owner: owner, need: .required)
        entry.id = id?.value
        if let id {
            if let first = firstUse[id.value] {
                diagnostics.add(
                    .duplicatePluginID, file, id.node.range,
                    "plugin id \"\(id.value)\" is already used at \(Self.location(file, first.range))")
            } else {
                firstUse[id.value] = id.node
            }
        }
        entry.enabled =
            bool(
                "enabled", of: node, file: file, owner: owner,
                need: .expected(consequence: ": the plugin is not loaded until the user loads it")) ?? false

        if let source = string("srcURL", of: node, file: file, owner: owner, need: .required) {
            let reference = resolveReference(source.value, from: "", node: source.node, file: file, key: "srcURL")
            entry.srcURL = reference.resolved
            if let path = reference.resolved.path {
                let folder = Self.folder(of: reference.file ?? path)
                if !folder.isEmpty { pluginFolders.insert(folder) }
            }
            if let path = reference.file, let analysis = package(at: path) {
                entry.package = analysis.package
                entry.source = analysis.source
                if let id, let packageID = analysis.package.id, let idNode = analysis.idNode, packageID != id.value {
                    diagnostics.add(
                        .packageIDMismatch, path, idNode.range,
                        "package id \"\(packageID)\" differs from settings id \"\(id.value)\""
                            + " (\(Self.location(file, id.node.range))); Webapp2 registers the package id")
                }
            }
        }
        model.plugins.append(entry)
    }
}
