import PexHTTP

/// libFuzzer entry: path canonicalisation never yields a segment that could leave the served root.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestPath(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let segments = try? RequestPath.segments(Substring(text)) else { return 0 }
    for segment in segments {
        precondition(segment != ".." && segment != "." && !segment.isEmpty, "dot or empty segment")
        precondition(!segment.contains("/") && !segment.contains("\\") && !segment.contains("\0"), "separator")
        precondition(!segment.hasPrefix("."), "dotfile")
    }
    return 0
}
