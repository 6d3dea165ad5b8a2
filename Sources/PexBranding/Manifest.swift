/// The fields of `manifest.json` that decide whether the app reads `settings.json` at all (spec §2).
public struct Manifest: Sendable, Equatable {
    /// `brandingID` as text, whether the JSON holds a string or a number (integers without exponent or decimals).
    public let brandingID: String?
    /// nil when the key is missing or not a boolean (`problem` then says which).
    public let isSettingsBranded: Bool?
    /// Why the file was not fully understood (unreadable, not JSON, wrong types): serving goes on, with a warning.
    public let problem: String?

    public init(brandingID: String? = nil, isSettingsBranded: Bool? = nil, problem: String? = nil) {
        self.brandingID = brandingID
        self.isSettingsBranded = isSettingsBranded
        self.problem = problem
    }
}
