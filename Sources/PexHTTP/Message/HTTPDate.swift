import PexSockets

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// IMF-fixdate formatting and parsing (RFC 9110 §5.6.7), with the current second's text cached.
public enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let cache = DateCache()

    /// Now, formatted; recomputed at most once a second.
    public static func now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return cache.text(for: Int(ts.tv_sec))
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` for seconds since the epoch.
    public static func format(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    /// Seconds since the epoch for an IMF-fixdate, or nil (obsolete formats are treated as absent, which only
    /// costs a full response).
    public static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let year = Int(parts[3]),
            let month = months.firstIndex(of: String(parts[2]))
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let h = Int(clock[0]), let m = Int(clock[1]), let s = Int(clock[2]) else { return nil }
        // Range checks before any narrowing conversion: a hostile If-Modified-Since must be ignored, not trap,
        // and timegm would silently roll "32 Nov" over into December.
        guard (1900...9999).contains(year), (1...31).contains(day), (0...23).contains(h), (0...59).contains(m),
            (0...60).contains(s)
        else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(h)
        fields.tm_min = Int32(m)
        fields.tm_sec = Int32(s)
        var seconds = timegm(&fields)
        var check = tm()
        gmtime_r(&seconds, &check)
        guard check.tm_mday == Int32(day), check.tm_mon == Int32(month) else { return nil }
        return Int(seconds)
    }
}

/// The formatted current second, shared by all loops; a lock is cheaper than formatting per response.
private final class DateCache: @unchecked Sendable {
    private let lock = Lock()
    private var second = -1
    private var cached = ""

    func text(for now: Int) -> String {
        lock.withLock {
            if now != second {
                second = now
                cached = HTTPDate.format(now)
            }
            return cached
        }
    }
}
