/// Secrets a log line must never show: the client API's `token` and `pin` (headers and query values) and
/// `Authorization`. Logs keep the name and replace the value, so a reader still sees that one was sent.
public enum Redaction {
    public static let placeholder = "***"
    /// Query parameters whose values are secrets (compared case-insensitively).
    public static let secretParameters: Set<String> = ["token", "pin"]
    /// Header fields whose values are secrets.
    public static let secretHeaders: Set<String> = ["token", "pin", "authorization", "proxy-authorization", "cookie"]

    /// `target` with every secret query value replaced: `/events?token=abc&x=1` → `/events?token=***&x=1`.
    public static func target(_ target: String) -> String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        let query = target[target.index(after: mark)...]
        var parts: [String] = []
        var changed = false
        for pair in query.split(separator: "&", omittingEmptySubsequences: false) {
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            if pair.contains("=") && isSecretParameter(name) {
                parts.append(name + "=" + placeholder)
                changed = true
            } else {
                parts.append(String(pair))
            }
        }
        return changed ? target[...mark] + parts.joined(separator: "&") : target
    }

    /// The value as it may be logged.
    public static func headerValue(name: String, value: String) -> String {
        isSecretHeader(name) ? placeholder : value
    }

    public static func isSecretHeader(_ name: String) -> Bool {
        secretHeaders.contains(name.lowercased())
    }

    private static func isSecretParameter(_ encodedName: Substring) -> Bool {
        // A name may arrive percent-encoded (`%74oken`); decode the ASCII escapes before comparing.
        var bytes: [UInt8] = []
        var iterator = encodedName.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return secretParameters.contains(String(decoding: bytes, as: UTF8.self).lowercased())
    }
}
