/// Plugin package files (spec §4).
extension BrandingResolver {
    static let packageKeys = [
        "id", "name", "description", "version", "srcURL", "allowUnload", "platforms", "participantRoles", "menuItems",
    ]
    static let platforms = ["web", "electron", "ios", "android"]
    static let participantRoles = ["chair", "guest"]

    /// A package file as read, with the nodes later checks point at.
    struct PackageAnalysis {
        var package: PluginPackage
        var idNode: JSONNode?
        /// Menu item actions with their value nodes, for the registerPlugin cross-check.
        var actions: [(name: String, node: JSONNode)] = []
        /// The source file read for it (possibly a case variant of what srcURL says).
        var sourcePath: String?
        var source: PluginSource?
    }

    /// Reads the package file at `path` once, however many entries name it.
    mutating func package(at path: String) -> PackageAnalysis? {
        if let known = packages[path] { return known }
        let analysis = analyzePackage(at: path)
        packages.updateValue(analysis, forKey: path)
        return analysis
    }

    private mutating func analyzePackage(at path: String) -> PackageAnalysis? {
        referencedFiles.insert(path)
        let folder = Self.folder(of: path)
        if !folder.isEmpty { pluginFolders.insert(folder) }
        let root: JSONNode
        switch readJSON(path) {
        case .document(let node): root = node
        case .invalid: return nil
        case .unreadable(let reason):
            diagnostics.add(.referenceMissing, path, nil, "\(path) could not be read: \(reason)")
            return nil
        }
        guard case .object = root.value else {
            diagnostics.add(
                .wrongType, path, root.range,
                "a package file must be a JSON object, found \(JSONValueDescription.describe(root.value))")
            return nil
        }
        let owner = "the package file"
        checkKeys(of: root, known: Self.packageKeys, file: path)
        var analysis = PackageAnalysis(package: PluginPackage(path: path, folder: folder))

        if let id = string("id", of: root, file: path, owner: owner, need: .required) {
            analysis.package.id = id.value
            analysis.idNode = id.node
        }
        let unnamed = ": Settings > Plugins shows it blank"
        analysis.package.name =
            string("name", of: root, file: path, owner: owner, need: .expected(consequence: unnamed))?.value
        analysis.package.description =
            string("description", of: root, file: path, owner: owner, need: .expected(consequence: unnamed))?.value
        if let version = member(
            "version", of: root, file: path, owner: owner, need: .expected(consequence: " (an internal version number)")
        ) {
            switch version.value {
            case .number(let text), .string(let text): analysis.package.version = text
            default: wrongType("version", expected: "a number or a string", version, file: path)
            }
        }
        if let source = string("srcURL", of: root, file: path, owner: owner, need: .required) {
            let reference = resolveReference(source.value, from: folder, node: source.node, file: path, key: "srcURL")
            analysis.package.srcURL = reference.resolved
            if let sourcePath = reference.file {
                analysis.sourcePath = sourcePath
                analysis.source = self.source(at: sourcePath)?.source
            }
        }
        analysis.package.allowUnload =
            bool(
                "allowUnload", of: root, file: path, owner: owner,
                need: .expected(consequence: ": users cannot unload the plugin")) ?? false

        let never = ": the plugin can never load"
        analysis.package.platforms = checkedList(
            "platforms", of: root, file: path, known: Self.platforms, noun: "platform", never: never)
        analysis.package.participantRoles = checkedList(
            "participantRoles", of: root, file: path, known: Self.participantRoles, noun: "participant role",
            never: never)
        readMenu(of: root, into: &analysis)
        return analysis
    }

    /// `platforms` or `participantRoles`: known values only, and at least one (else the plugin never loads).
    private mutating func checkedList(
        _ key: String, of root: JSONNode, file: String, known: [String], noun: String, never: String
    ) -> [String]? {
        guard
            let list = stringList(
                key, of: root, file: file, owner: "the package file", need: .expected(consequence: never))
        else { return nil }
        var recognised = 0
        for (value, node) in list.values {
            if known.contains(value) {
                recognised += 1
                continue
            }
            // Hosts are "chair" in Webapp2's vocabulary; authors naturally write "host".
            let lower = value.lowercased()
            let suggestion =
                key == "participantRoles" && (lower == "host" || lower == "hosts")
                ? "chair" : KeySuggestion.closest(to: value, among: known)
            diagnostics.add(
                .unknownPlatformOrRole, file, node.range,
                "unknown \(noun) \"\(value)\": Webapp2 knows \(known.joined(separator: ", "))",
                hint: suggestion.map { "did you mean \"\($0)\"?" })
        }
        if list.values.isEmpty {
            diagnostics.add(.neverLoads, file, list.node.range, "\(key) is empty\(never)")
        } else if recognised == 0 {
            diagnostics.add(.neverLoads, file, list.node.range, "no known \(noun) in \(key)\(never)")
        }
        return list.values.map(\.0)
    }
}
