/// The fields of manifest.json as found (spec §2); a field of the wrong type is nil here and reported.
public struct BrandingManifest: Sendable, Equatable, Codable {
    /// As text whether the JSON holds a string or a number (number text kept as written).
    public var brandingID: String?
    public var isSettingsBranded: Bool?
    public var isWatermarkBranded: Bool?
    public var isStylesBranded: Bool?

    public init(
        brandingID: String? = nil, isSettingsBranded: Bool? = nil, isWatermarkBranded: Bool? = nil,
        isStylesBranded: Bool? = nil
    ) {
        self.brandingID = brandingID
        self.isSettingsBranded = isSettingsBranded
        self.isWatermarkBranded = isWatermarkBranded
        self.isStylesBranded = isStylesBranded
    }
}
