#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where the mock reads the time (unix seconds). Tests use a clock they advance by hand: no sleeps.
public protocol MockClock: Sendable {
    func now() -> Double
}

/// The wall clock.
public struct SystemMockClock: MockClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
}
