import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The DevTools Protocol over Chromium's `--remote-debugging-pipe`: commands out on one pipe, replies and events
/// back on the other, each message NUL-terminated JSON. A reader thread matches replies to commands by id.
final class CDPConnection: @unchecked Sendable {
    /// How long any single wait lasts unless a caller says otherwise: a hang guard, not a performance bound.
    static let defaultTimeout: TimeInterval = 10

    typealias EventHandler = @Sendable (CDPEvent) -> Void

    private struct PendingCommand {
        let method: String
        let reply: OneShot<JSONValue>
    }

    private struct State {
        var nextID = 1
        var pending: [Int: PendingCommand] = [:]
        var nextSubscription = 1
        var subscribers: [Int: EventHandler] = [:]
        var closedBecause: String?
    }

    private let commands: FileHandle
    private let state = Locked(State())
    private let writeLock = NSLock()
    private let diagnostics: @Sendable () -> String

    /// `commands` is Chromium's fd 3, `messages` its fd 4; `diagnostics` explains a closed pipe (stderr's tail).
    init(commands: FileHandle, messages: FileHandle, diagnostics: @escaping @Sendable () -> String) {
        self.commands = commands
        self.diagnostics = diagnostics
        let reader = Thread { [self] in readMessages(from: messages) }
        reader.name = "CDP reader"
        reader.start()
    }

    /// Sends `method` (to a page when `session` is set) and returns its `result`; a CDP error reply throws.
    @discardableResult
    func send(
        _ method: String, _ params: JSONValue = [:], session: String? = nil,
        timeout: TimeInterval = CDPConnection.defaultTimeout
    ) async throws -> JSONValue {
        let reply = OneShot<JSONValue>()
        let id = try state.withLock { state in
            if let reason = state.closedBecause { throw BrowserFailure("cannot send \(method): \(reason)") }
            defer { state.nextID += 1 }
            state.pending[state.nextID] = PendingCommand(method: method, reply: reply)
            return state.nextID
        }
        do {
            try write(id: id, method: method, params: params, session: session)
            return try await reply.value(within: timeout, waitingFor: "Chromium's reply to \(method)")
        } catch {
            state.withLock { _ = $0.pending.removeValue(forKey: id) }
            throw error
        }
    }

    /// Sends `method` without waiting for the reply: for `Browser.close` from synchronous teardown.
    func sendWithoutWaiting(_ method: String, _ params: JSONValue = [:]) {
        let id: Int? = state.withLock { state in
            guard state.closedBecause == nil else { return nil }
            defer { state.nextID += 1 }
            return state.nextID
        }
        if let id { try? write(id: id, method: method, params: params, session: nil) }
    }

    /// Calls `handler` on the reader thread for every event until `unsubscribe`; keep it short.
    func subscribe(_ handler: @escaping EventHandler) -> Int {
        state.withLock { state in
            defer { state.nextSubscription += 1 }
            state.subscribers[state.nextSubscription] = handler
            return state.nextSubscription
        }
    }

    func unsubscribe(_ subscription: Int) {
        state.withLock { _ = $0.subscribers.removeValue(forKey: subscription) }
    }

    private func write(id: Int, method: String, params: JSONValue, session: String?) throws {
        var message: [String: JSONValue] = ["id": .number(Double(id)), "method": .string(method), "params": params]
        if let session { message["sessionId"] = .string(session) }
        var data = try JSONEncoder().encode(JSONValue.object(message))
        data.append(0)
        do {
            try writeLock.withLock { try commands.write(contentsOf: data) }
        } catch {
            throw BrowserFailure("could not send \(method) to Chromium (\(error))\n\(diagnostics())")
        }
    }

    private func readMessages(from messages: FileHandle) {
        var splitter = CDPMessageSplitter()
        let decoder = JSONDecoder()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var ending = "Chromium closed the DevTools pipe (it exited or crashed)"
        while true {
            // read(2) rather than FileHandle.read(upToCount:), which waits for the whole count or end of file.
            let count = buffer.withUnsafeMutableBytes { read(messages.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { ending = "reading the DevTools pipe failed (errno \(errno))" }
            guard count > 0 else { break }
            for message in splitter.messages(completedBy: Data(buffer[0..<count])) {
                guard let value = try? decoder.decode(JSONValue.self, from: message) else { continue }
                dispatch(value)
            }
        }
        close(because: ending)
    }

    private func dispatch(_ message: JSONValue) {
        if let id = message["id"]?.int {
            guard let command = state.withLock({ $0.pending.removeValue(forKey: id) }) else { return }
            if let error = message["error"] {
                let text = error["message"]?.string ?? error.jsonText
                let data = error["data"]?.string.map { " (\($0))" } ?? ""
                command.reply.fulfil(.failure(BrowserFailure("\(command.method) failed: \(text)\(data)")))
            } else {
                command.reply.fulfil(.success(message["result"] ?? [:]))
            }
        } else if let method = message["method"]?.string {
            let event = CDPEvent(
                method: method, params: message["params"] ?? [:], sessionID: message["sessionId"]?.string)
            let subscribers = state.withLock { Array($0.subscribers.values) }
            for subscriber in subscribers { subscriber(event) }
        }
    }

    /// Fails every command still waiting, so a crashed browser reports at once instead of at each deadline.
    private func close(because reason: String) {
        let stranded = state.withLock { state in
            state.closedBecause = reason
            defer { state.pending = [:] }
            return Array(state.pending.values)
        }
        guard !stranded.isEmpty else { return }
        let context = diagnostics()
        for command in stranded {
            command.reply.fulfil(.failure(BrowserFailure("no reply to \(command.method): \(reason)\n\(context)")))
        }
    }
}
