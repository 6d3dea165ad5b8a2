/// One DevTools event: its method, its params and, for a page's events, the flat session it belongs to.
struct CDPEvent: Sendable {
    let method: String
    let params: JSONValue
    let sessionID: String?
}
