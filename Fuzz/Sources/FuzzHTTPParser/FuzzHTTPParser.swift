import PexHTTP

/// libFuzzer entry: the request parser must never crash, hang or grow without bound, whatever the bytes
/// and however they are split. The first byte picks a split point, so partial reads are fuzzed too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    let split = body.isEmpty ? 0 : Int(first) % (body.count + 1)
    var parser = HTTPRequestParser()
    for piece in [Array(body[..<split]), Array(body[split...])] {
        parser.append(piece)
        // Drain every complete request; an error ends the connection, as the server does.
        for _ in 0..<64 {
            do {
                guard let request = try parser.next() else { break }
                precondition(request.method.utf8.count <= 24, "method longer than the limit")
            } catch {
                return 0
            }
        }
    }
    return 0
}
