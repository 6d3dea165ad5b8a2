/// One step of a raw conversation with the server over one loopback connection.
enum WireStep: Sendable {
    /// Writes these bytes in one `send`.
    case send([UInt8])
    /// Writes these bytes one `send` per byte.
    case sendBytewise([UInt8])
    /// Reads one response; its status must be one of these.
    case expect([Int])
    /// Reads one response: 200 with exactly this file of the served tree as its body.
    case expectFile(String)
    /// The server ends the connection (EOF or reset) within the client's receive timeout.
    case expectClosed
    /// The connection is still in step: a health request on it gets 200 `{"status":"ok"}`.
    case expectStillServing

    static func send(_ text: String) -> WireStep { .send(Array(text.utf8)) }
    static func sendBytewise(_ text: String) -> WireStep { .sendBytewise(Array(text.utf8)) }
    static func expect(_ status: Int) -> WireStep { .expect([status]) }
}

/// A named raw-bytes case of security.md's catalogue: what is sent, what must come back.
struct WireCase: Sendable {
    let item: Int
    let name: String
    let steps: [WireStep]

    init(_ item: Int, _ name: String, _ steps: [WireStep]) {
        self.item = item
        self.name = name
        self.steps = steps
    }

    /// GET `target` with a loopback Host, then `steps`.
    static func get(_ item: Int, _ name: String, _ target: String, _ steps: WireStep...) -> WireCase {
        WireCase(item, name, [.send("GET \(target) HTTP/1.1\r\nHost: localhost\r\n\r\n")] + steps)
    }
}
