/// The manifest a package needs (spec §2, §10): `isSettingsBranded: true` and a new `brandingID`, written
/// into the user's manifest.json as a textual edit so nothing else in the file changes.
public struct ManifestUpdate: Sendable, Equatable {
    /// The manifest's new bytes.
    public var bytes: [UInt8]
    /// The brandingID before (nil when missing or not a string/number).
    public var previousID: String?
    public var brandingID: String
    /// False when the file was already right (only with `bump: false`).
    public var changed: Bool
    /// True when there was no manifest.json and one was written from scratch.
    public var created: Bool

    /// Edits `existing` (nil: no manifest.json yet) to carry `newID`. The id keeps its JSON type: a string stays
    /// a string (as the portal writes it), a number stays a number.
    public static func bumping(_ existing: [UInt8]?, to newID: String) throws(JSONEditError) -> ManifestUpdate {
        guard let existing else {
            let text = "{\n  \"brandingID\": \(JSONLiteral.string(newID)),\n  \"isSettingsBranded\": true\n}\n"
            return ManifestUpdate(
                bytes: Array(text.utf8), previousID: nil, brandingID: newID, changed: true, created: true)
        }
        let root = try JSONTextEditor.rootObject(existing)
        let previous = currentID(root)
        var literal = JSONLiteral.string(newID)
        if case .number? = root["brandingID"]?.value.value { literal = newID }
        var bytes = try JSONTextEditor.settingMember("brandingID", to: literal, in: existing)
        if root["isSettingsBranded"]?.value.value != .bool(true) {
            bytes = try JSONTextEditor.settingMember("isSettingsBranded", to: "true", in: bytes)
        }
        return ManifestUpdate(bytes: bytes, previousID: previous, brandingID: newID, changed: true, created: false)
    }

    /// The brandingID of a manifest, as text, when it is a string or a number.
    public static func currentID(_ root: JSONNode) -> String? {
        switch root["brandingID"]?.value.value {
        case .string(let text)?: return text
        case .number(let text)?: return text
        default: return nil
        }
    }
}
