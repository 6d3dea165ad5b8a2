/// Same-origin rule for dev endpoints (`/__pexdev/…`): any page the developer visits can make the browser
/// send requests to 127.0.0.1, so requests a browser marks as cross-site are refused (security.md item 3).
/// Requests without `Origin` (curl, scripts, same-origin navigations) are allowed; the Host allow-list already
/// screened them.
public enum OriginPolicy {
    /// Nil when allowed; otherwise the 403 to send.
    public static func refusal(for request: HTTPRequest) -> HTTPError? {
        if let site = request.headers["Sec-Fetch-Site"], site == "cross-site" || site == "same-site" {
            return HTTPError(
                .forbidden, "pexdev's dev endpoints answer only pages it serves itself (Sec-Fetch-Site: \(site))")
        }
        guard let origin = request.headers["Origin"] else { return nil }
        let host = request.headers["Host"] ?? ""
        if origin == "http://\(host)" { return nil }
        return HTTPError(
            .forbidden,
            "pexdev's dev endpoints answer only pages it serves itself; Origin '\(origin)' is not http://\(host)")
    }
}
