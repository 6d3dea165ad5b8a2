import Foundation

/// Every event of one page's session in arrival order, so a wait also matches events that came before it began.
final class PageEventLog: @unchecked Sendable {
    private struct Waiter {
        let matches: @Sendable (CDPEvent) -> Bool
        let found: OneShot<CDPEvent>
    }

    private struct State {
        var events: [CDPEvent] = []
        var nextWaiter = 1
        var waiters: [Int: Waiter] = [:]
    }

    private let state = Locked(State())

    var events: [CDPEvent] { state.withLock { $0.events } }

    func record(_ event: CDPEvent) {
        let satisfied = state.withLock { state in
            state.events.append(event)
            let ids = state.waiters.filter { $0.value.matches(event) }.keys
            return ids.compactMap { state.waiters.removeValue(forKey: $0) }
        }
        for waiter in satisfied { waiter.found.fulfil(.success(event)) }
    }

    /// The first event, recorded before or after the call, that `matches`; `what` names it in the timeout message.
    func first(
        within timeout: TimeInterval, waitingFor what: String, where matches: @escaping @Sendable (CDPEvent) -> Bool
    ) async throws -> CDPEvent {
        let found = OneShot<CDPEvent>()
        let registered: Int? = state.withLock { state in
            if let event = state.events.first(where: matches) {
                found.fulfil(.success(event))
                return nil
            }
            defer { state.nextWaiter += 1 }
            state.waiters[state.nextWaiter] = Waiter(matches: matches, found: found)
            return state.nextWaiter
        }
        do {
            return try await found.value(within: timeout, waitingFor: what)
        } catch {
            if let registered { state.withLock { _ = $0.waiters.removeValue(forKey: registered) } }
            throw error
        }
    }
}
