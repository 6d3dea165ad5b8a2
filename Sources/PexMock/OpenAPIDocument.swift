/// The mock's OpenAPI 3 description (`Sources/PexMock/Resources/openapi.json`), served at
/// `/api/client/v2/openapi.json`.
public enum OpenAPIDocument {
    public static var text: String { EmbeddedMockResources.files["openapi.json"] ?? "{}" }
}
