import PexBranding

/// libFuzzer entry: the ZIP reader accepts or refuses any bytes with a ZipError, never crashes, and never
/// returns a name that could escape the target (security.md item 33).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZipReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let reader = try? ZipReader(bytes: bytes) else { return 0 }
    for entry in reader.entries {
        precondition(!entry.name.hasPrefix("/") && !entry.name.split(separator: "/").contains(".."), "unsafe name")
        _ = try? reader.contents(of: entry)
    }
    return 0
}
