import PexBranding

/// libFuzzer entry: the position-keeping JSON reader returns a document or a positioned error for any
/// bytes, never crashes, and its positions stay inside the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let document = try JSONReader.read(bytes)
        precondition(document.root.range.end.offset <= bytes.count, "root range past the end")
    } catch {
        precondition(error.range.start.offset <= bytes.count, "error position past the end")
    }
    return 0
}
