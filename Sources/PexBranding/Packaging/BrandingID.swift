#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// New brandingIDs (spec §2): the time in milliseconds, as the branding portal makes them, but always
/// strictly greater than the current one, so two packages made in the same millisecond (or after the clock
/// went back, or after someone typed a far-future id) still differ and clients drop their cached settings.
public enum BrandingID {
    /// The next id after `current` (nil or not numeric: the time alone). Digits are compared as text, so an
    /// id longer than 64 bits still increases.
    public static func next(after current: String?, nowMilliseconds: UInt64) -> String {
        let now = String(nowMilliseconds)
        guard let current, let digits = canonicalDigits(current) else { return now }
        let successor = increment(digits)
        return isGreater(now, than: successor) || now == successor ? now : successor
    }

    /// Milliseconds since 1970 from the system's real-time clock.
    public static func systemMilliseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return UInt64(max(0, time.tv_sec)) * 1000 + UInt64(max(0, time.tv_nsec)) / 1_000_000
    }

    /// The id as a Unix time in milliseconds, when it reads as one (for the archive's timestamps).
    static func milliseconds(_ id: String?) -> Int64? {
        guard let id, let digits = canonicalDigits(id), digits.count <= 15 else { return nil }
        return Int64(digits)
    }

    /// Decimal digits without leading zeros ("0" stays "0"); nil when anything else is in the text.
    static func canonicalDigits(_ text: String) -> String? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let trimmed = text.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    static func increment(_ digits: String) -> String {
        var bytes = Array(digits.utf8)
        var index = bytes.count - 1
        while index >= 0 {
            if bytes[index] == 0x39 {
                bytes[index] = 0x30
                index -= 1
            } else {
                bytes[index] += 1
                return String(decoding: bytes, as: UTF8.self)
            }
        }
        return "1" + String(decoding: bytes, as: UTF8.self)
    }

    /// Canonical digit strings compare by length, then as text.
    static func isGreater(_ a: String, than b: String) -> Bool {
        a.utf8.count != b.utf8.count ? a.utf8.count > b.utf8.count : a > b
    }
}
