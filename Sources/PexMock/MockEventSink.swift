public import PexHTTP

/// Where one subscriber's event-stream bytes go: an HTTP stream in production, a recorder in tests.
public protocol MockEventSink: AnyObject, Sendable {
    func send(_ bytes: [UInt8])
    /// False once the client has gone.
    var isOpen: Bool { get }
    /// Ends the stream (the session ended).
    func finish()
}

extension HTTPStream: MockEventSink {}
