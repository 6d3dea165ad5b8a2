/// One client API request, already split from HTTP: `POST conferences/<alias>/participants/<uuid>/mute`
/// becomes alias "meet", path ["participants", uuid, "mute"].
public struct MockCall: Sendable {
    public var method: String
    public var alias: String
    public var path: [String]
    public var token: String?
    public var pin: String?
    public var body: [UInt8]

    public init(
        method: String, alias: String, path: [String], token: String? = nil, pin: String? = nil, body: [UInt8] = []
    ) {
        self.method = method
        self.alias = alias
        self.path = path
        self.token = token
        self.pin = pin
        self.body = body
    }
}
