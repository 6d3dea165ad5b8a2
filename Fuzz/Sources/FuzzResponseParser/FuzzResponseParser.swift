import PexProxy

/// libFuzzer entry: what a node sends back (node mode) is untrusted too. The response head parser, the framing
/// decision and the chunked decoder must never crash or grow without bound, however the bytes arrive. The first
/// byte picks the split point and the request method.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResponseParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    let wire = Array(bytes.dropFirst())
    let split = wire.isEmpty ? 0 : Int(first) % (wire.count + 1)
    let method = first & 0x80 == 0 ? "GET" : "HEAD"
    do {
        // Partial then whole, as reads arrive.
        _ = try ResponseHeadParser.parse(Array(wire[..<split]))
        guard let (head, consumed) = try ResponseHeadParser.parse(wire) else { return 0 }
        precondition(consumed <= wire.count, "consumed past the input")
        guard try head.framing(method: method) == .chunked else { return 0 }
        var decoder = ChunkedDecoder()
        var output: [UInt8] = []
        var index = consumed
        while index < wire.count && !decoder.isDone {
            let end = min(wire.count, index + max(1, Int(first & 0x0F)))
            let used = try decoder.decode(wire[index..<end], into: &output)
            precondition(used > 0 || decoder.isDone, "the decoder made no progress")
            index += used
        }
        precondition(output.count <= wire.count, "decoded more payload than bytes received")
    } catch {
        return 0
    }
    return 0
}
