/// A point in monotonic time plus the budget it came from, so a timeout can say "within 10000 ms".
public struct Deadline: Sendable, Equatable {
    public let at: UInt64
    public let milliseconds: Int

    public init(milliseconds: Int) {
        self.milliseconds = max(milliseconds, 1)
        at = MonotonicClock.nowMilliseconds() + UInt64(self.milliseconds)
    }

    /// Milliseconds left, 0 once passed.
    public var remaining: Int {
        let now = MonotonicClock.nowMilliseconds()
        return now >= at ? 0 : Int(clamping: at - now)
    }
}
