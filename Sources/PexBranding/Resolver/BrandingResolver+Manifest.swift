/// manifest.json (spec §2): present, an object, `isSettingsBranded: true`, a numeric `brandingID`.
extension BrandingResolver {
    static let manifestKeys = ["brandingID", "isSettingsBranded", "isWatermarkBranded", "isStylesBranded"]

    mutating func checkManifest() {
        let file = "manifest.json"
        guard
            lookUpRootFile(
                file, missing: .manifestMissing, unusable: .manifestNotObject,
                missingMessage: "manifest.json is missing: fine for local work, but an upload needs it")
        else { return }
        let root: JSONNode
        switch readJSON(file) {
        case .document(let node): root = node
        case .invalid: return
        case .unreadable(let reason):
            diagnostics.add(.manifestNotObject, file, nil, "manifest.json could not be read: \(reason)")
            return
        }
        guard case .object = root.value else {
            diagnostics.add(
                .manifestNotObject, file, root.range,
                "manifest.json must be a JSON object, found \(JSONValueDescription.describe(root.value))")
            return
        }
        checkKeys(of: root, known: Self.manifestKeys, file: file)

        var manifest = BrandingManifest()
        switch root["brandingID"]?.value {
        case nil:
            diagnostics.add(
                .brandingIDNotNumeric, file, Self.opening(root),
                "manifest.json has no brandingID: clients keep their cached configuration")
        case .some(let node):
            switch node.value {
            case .number(let text):
                manifest.brandingID = text
            case .string(let text):
                manifest.brandingID = text
                if text.isEmpty || !text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    diagnostics.add(.brandingIDNotNumeric, file, node.range, "brandingID \"\(text)\" is not numeric")
                }
            default:
                diagnostics.add(
                    .brandingIDNotNumeric, file, node.range,
                    "brandingID must be a number or a string of digits, found \(JSONValueDescription.describe(node.value))"
                )
            }
        }

        let ignored = ": Webapp2 ignores settings.json, so no plugin loads"
        switch root["isSettingsBranded"]?.value {
        case nil:
            diagnostics.add(
                .settingsNotBranded, file, Self.opening(root), "manifest.json has no isSettingsBranded\(ignored)")
        case .some(let node):
            switch node.value {
            case .bool(let flag):
                manifest.isSettingsBranded = flag
                if !flag {
                    diagnostics.add(.settingsNotBranded, file, node.range, "isSettingsBranded is false\(ignored)")
                }
            default:
                diagnostics.add(
                    .settingsNotBranded, file, node.range,
                    "isSettingsBranded must be true, found \(JSONValueDescription.describe(node.value))\(ignored)")
            }
        }
        let owner = "manifest.json"
        manifest.isWatermarkBranded = bool("isWatermarkBranded", of: root, file: file, owner: owner, need: .optional)
        manifest.isStylesBranded = bool("isStylesBranded", of: root, file: file, owner: owner, need: .optional)
        model.manifest = manifest
    }
}
