/// An error that knows its HTTP status and says, in plain words, what was wrong. Handlers throw it;
/// `HTTPError.response` is the one place it becomes bytes on the wire.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: HTTPStatus
    public let message: String
    /// Extra headers for the error response (e.g. `Allow` on 405).
    public var headers: [(String, String)]

    public init(_ status: HTTPStatus, _ message: String, headers: [(String, String)] = []) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(status.reason): \(message)" }

    /// A small plain-text response a human can read in a browser or in curl.
    public var response: HTTPResponse {
        var response = HTTPResponse(status: status, body: Array("\(status.code) \(status.reason)\n\n\(message)\n".utf8))
        response.headers.add("Content-Type", "text/plain; charset=utf-8")
        for (name, value) in headers { response.headers.add(name, value) }
        return response
    }

    public static func == (a: HTTPError, b: HTTPError) -> Bool {
        a.status == b.status && a.message == b.message
    }
}
