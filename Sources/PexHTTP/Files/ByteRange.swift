/// A single `Range: bytes=…` request resolved against a file size (RFC 9110 §14). Several ranges are
/// answered with the whole file, which the RFC allows and no dev-server client needs otherwise.
public enum ByteRange: Equatable, Sendable {
    /// Serve the whole file (no Range, a syntax we ignore, or several ranges).
    case whole
    /// Serve `lowerBound...upperBound` (inclusive), as 206.
    case partial(ClosedRange<Int>)
    /// 416: the range starts past the end.
    case unsatisfiable

    public static func resolve(_ header: String?, size: Int) -> ByteRange {
        guard let header, header.hasPrefix("bytes=") else { return .whole }
        let spec = header.dropFirst(6).trimmingCharacters()
        if spec.contains(",") { return .whole }
        guard let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash]
        let last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            guard let suffix = Int(last), suffix >= 0, last.allSatisfy(\.isASCIIDigit) else { return .whole }
            if suffix == 0 || size == 0 { return .unsatisfiable }
            return .partial(max(0, size - suffix)...(size - 1))
        }
        guard let start = Int(first), first.allSatisfy(\.isASCIIDigit) else { return .whole }
        if start >= size { return .unsatisfiable }
        if last.isEmpty { return .partial(start...(size - 1)) }
        guard let end = Int(last), last.allSatisfy(\.isASCIIDigit), end >= start else { return .whole }
        return .partial(start...min(end, size - 1))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Substring {
    func trimmingCharacters() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
