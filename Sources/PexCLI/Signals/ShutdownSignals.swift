import Dispatch
import PexSockets

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// SIGINT and SIGTERM as an event the main thread waits for; any signal after the first calls `onRepeat`
/// (the CLI quits at once there, for when a graceful stop hangs).
final class ShutdownSignals: @unchecked Sendable {
    private let queue = DispatchQueue(label: "pexdev.shutdown-signals")
    private let firstSignal = DispatchSemaphore(value: 0)
    private let onRepeat: @Sendable () -> Void
    private let lock = Lock()
    private var received = 0
    private var sources: [any DispatchSourceSignal] = []

    init(signals: [Int32] = [interruptSignal, terminateSignal], onRepeat: @escaping @Sendable () -> Void) {
        self.onRepeat = onRepeat
        for number in signals {
            // A dispatch source only hears a signal whose default action (killing us) is switched off.
            systemIgnoreSignal(number)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            // The handler holding its source is a cycle that `deinit` breaks by cancelling.
            source.setEventHandler { [weak self] in
                // Signals that arrive together are coalesced; `data` says how many there were.
                self?.receive(count: Int(source.data))
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// Blocks the calling thread until the first signal (returns at once if one already came).
    func wait() {
        firstSignal.wait()
    }

    private func receive(count: Int) {
        let before = lock.withLock {
            defer { received += max(count, 1) }
            return received
        }
        if before == 0 { firstSignal.signal() }
        if before + max(count, 1) > 1 { onRepeat() }
    }
}
