import Foundation

/// A result that arrives once from another thread (a CDP reply, a matching event) and is awaited with a deadline.
final class OneShot<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?
    private var waiters: [CheckedContinuation<Value, any Error>] = []

    /// The first result wins: a reply that comes after its deadline expired is dropped here.
    func fulfil(_ result: Result<Value, any Error>) {
        let waiting: [CheckedContinuation<Value, any Error>] = lock.withLock {
            guard self.result == nil else { return [] }
            self.result = result
            defer { waiters = [] }
            return waiters
        }
        for waiter in waiting { waiter.resume(with: result) }
    }

    /// The value, or `BrowserFailure.timedOut` naming `what` once `timeout` seconds pass without one.
    func value(within timeout: TimeInterval, waitingFor what: String) async throws -> Value {
        let expiry = DispatchWorkItem { [weak self] in
            self?.fulfil(.failure(BrowserFailure.timedOut(after: timeout, waitingFor: what)))
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: expiry)
        defer { expiry.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Value, any Error>? = lock.withLock {
                if let result { return result }
                waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
