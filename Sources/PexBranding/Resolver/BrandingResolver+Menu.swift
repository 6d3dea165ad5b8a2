/// `menuItems` and icons (spec §4: exactly one placement; icons are `file.svg#id` with that id in the SVG).
extension BrandingResolver {
    static let itemKeys = ["icon", "label", "action"]

    mutating func readMenu(of root: JSONNode, into analysis: inout PackageAnalysis) {
        let file = analysis.package.path
        guard let menu = root["menuItems"]?.value else { return }
        guard case .object(let members) = menu.value else {
            if menu.value != .null {
                wrongType(
                    "menuItems", expected: "an object with one of toolbar, conference or participants", menu,
                    file: file)
            }
            return
        }
        checkKeys(
            of: menu, known: MenuPlacement.allCases.map(\.rawValue), file: file, place: "menuItems", reportAll: true)
        var placements: [(MenuPlacement, JSONMember)] = []
        for member in members {
            guard let placement = MenuPlacement(rawValue: member.key) else { continue }
            if let index = placements.firstIndex(where: { $0.0 == placement }) {
                placements[index].1 = member  // JSON.parse keeps the last of duplicate keys
                continue
            }
            if let first = placements.first {
                diagnostics.add(
                    .severalPlacements, file, member.keyRange,
                    "menuItems uses both \(first.0.rawValue) and \(placement.rawValue): only one placement is allowed")
            }
            placements.append((placement, member))
        }
        guard let (placement, member) = placements.first else { return }
        analysis.package.menuPlacement = placement
        let list = member.value
        guard case .array(let elements) = list.value else {
            if list.value != .null {
                wrongType(placement.rawValue, expected: "a list of menu items", list, file: file)
            }
            return
        }
        for (index, element) in elements.enumerated() {
            guard case .object = element.value else {
                wrongType(
                    "menu item \(index + 1)", expected: "an object with icon, label and action", element, file: file)
                continue
            }
            analysis.package.menuItems.append(menuItem(element, number: index + 1, analysis: &analysis))
        }
    }

    private mutating func menuItem(_ node: JSONNode, number: Int, analysis: inout PackageAnalysis) -> PluginMenuItem {
        let file = analysis.package.path
        let owner = "menu item \(number)"
        checkKeys(of: node, known: Self.itemKeys, file: file)
        var item = PluginMenuItem()
        if let icon = node["icon"]?.value {
            switch icon.value {
            case .null: break
            case .string(let text): item.icon = self.icon(text, node: icon, folder: analysis.package.folder, file: file)
            default: wrongType("icon", expected: "a string such as \"icon.svg#id\", or null", icon, file: file)
            }
        }
        item.label = string("label", of: node, file: file, owner: owner, need: .optional, nullable: true)?.value
        if let action = node["action"]?.value, action.value == .null {
            diagnostics.add(
                .requiredField, file, action.range, "\(owner) has no action (null): clicking it does nothing")
        } else if let action = string("action", of: node, file: file, owner: owner, need: .required) {
            item.action = action.value
            analysis.actions.append((action.value, action.node))
        }
        return item
    }

    /// Resolves and checks one icon reference; the SVG is read once however many items use it.
    private mutating func icon(_ text: String, node: JSONNode, folder: String, file: String) -> ResolvedReference {
        let outcome = resolveReference(text, from: folder, node: node, file: file, key: "icon")
        let resolved = outcome.resolved
        let usable = resolved.path != nil || resolved.url != nil
        if usable, resolved.fragment == nil {
            diagnostics.add(
                .iconWithoutFragment, file, node.range,
                "icon \"\(text)\" has no #id fragment: Webapp2 references the icon by the id of an element in the SVG",
                hint: "write it as \(text)#<id>, with the id of the <svg> element")
        }
        guard let path = outcome.file else { return resolved }
        referencedFiles.insert(path)
        guard path.lowercased().hasSuffix(".svg") else {
            diagnostics.add(
                .iconNotSVG, file, node.range, "icon \(path) is not an SVG file: Webapp2 only shows SVG icons")
            return resolved
        }
        guard let svg = svgScan(at: path) else { return resolved }
        if !svg.isSVG {
            let found = svg.firstElement.map { "its first element is <\($0)>" } ?? "it holds no XML element"
            diagnostics.add(.iconNotSVG, file, node.range, "icon \(path) is not an SVG file: \(found)")
        } else if let fragment = resolved.fragment, svg.ids[fragment] == nil {
            let ids = svg.ids.keys.sorted()
            let hint =
                KeySuggestion.closest(to: fragment, among: ids).map { "did you mean #\($0)?" }
                ?? "add id=\"\(fragment)\" to the <svg> element"
            let listed = ids.isEmpty ? "it has no ids" : "ids in it: " + ids.prefix(8).joined(separator: ", ")
            diagnostics.add(
                .iconIDMissing, file, node.range, "\(path) has no element with id=\"\(fragment)\" (\(listed))",
                hint: hint)
        }
        return resolved
    }

    private mutating func svgScan(at path: String) -> SVGScan? {
        if let known = icons[path] { return known }
        var scan: SVGScan?
        switch read(path, limit: Self.iconSizeLimit) {
        case .failure(let failure):
            diagnostics.add(.referenceMissing, path, nil, "\(path) could not be read: \(failure.reason)")
        case .success(let bytes):
            let found = SVGScanner.scan(bytes)
            if found.isSVG, !found.activeContent.isEmpty {
                let lines = LineIndex(bytes)
                for content in found.activeContent {
                    diagnostics.add(
                        .svgActiveContent, path, lines.range(content.range),
                        "icon contains \(content.what): icons must not carry script")
                }
            }
            scan = found
        }
        icons.updateValue(scan, forKey: path)
        return scan
    }
}
