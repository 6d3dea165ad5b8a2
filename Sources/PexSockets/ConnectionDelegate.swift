/// What a protocol layer (HTTP) implements to drive a connection. Every call arrives on the connection's loop.
public protocol ConnectionDelegate: AnyObject {
    /// Bytes arrived. They are valid only during the call; copy what must be kept.
    func connection(_ connection: Connection, didRead bytes: UnsafeRawBufferPointer)
    /// The peer finished sending (read returned 0). Output may still be written.
    func connectionDidReadEnd(_ connection: Connection)
    /// Everything queued with `write` has reached the kernel.
    func connectionDidDrain(_ connection: Connection)
    /// `connection.deadline` passed.
    func connectionDidTimeOut(_ connection: Connection)
    /// The server is stopping: finish what is in flight, then close.
    func connectionShouldFinish(_ connection: Connection)
    /// The connection is closed; release what belongs to it.
    func connectionDidClose(_ connection: Connection)
}

/// Creates the delegate for each accepted connection; `admitted` is false when the connection limit is reached,
/// so the protocol can answer "busy" before the connection is closed.
public protocol ConnectionAcceptor: Sendable {
    func accepted(_ connection: Connection, admitted: Bool) -> any ConnectionDelegate
}
