@testable import PexHTTP

/// A request as the tests compare it: every field the parser decides, headers as `Name: value` lines.
struct ParsedRequest: Equatable, Sendable, CustomStringConvertible {
    var method: String
    var target: String
    var minorVersion: Int
    var headers: [String]
    var body: [UInt8]
    var keepAlive: Bool

    init(
        _ method: String, _ target: String, minor: Int = 1, headers: [String], body: String = "",
        keepAlive: Bool = true
    ) {
        self.method = method
        self.target = target
        self.minorVersion = minor
        self.headers = headers
        self.body = Array(body.utf8)
        self.keepAlive = keepAlive
    }

    init(_ request: HTTPRequest) {
        method = request.method
        target = request.target
        minorVersion = request.minorVersion
        headers = request.headers.fields.map { "\($0.name): \($0.value)" }
        body = request.body
        keepAlive = request.keepAlive
    }

    var description: String {
        "\(method) \(target) HTTP/1.\(minorVersion) headers=\(headers) body=\(body.count) bytes keepAlive=\(keepAlive)"
    }
}

/// What feeding a byte sequence to a fresh parser produced: the requests taken, then the error that stopped it
/// (if any), and whether bytes of an unfinished request were left over.
struct ParserRun: Equatable, Sendable, CustomStringConvertible {
    var requests: [ParsedRequest] = []
    var errorCode: Int?
    var unfinished = false

    var description: String {
        let error = errorCode.map { "error \($0)" } ?? "no error"
        return "\(requests.count) request(s) \(requests), \(error)\(unfinished ? ", unfinished bytes left" : "")"
    }
}

/// Feeds `pieces` one after the other, taking every complete request after each piece, as a connection does.
func feed(_ pieces: [ArraySlice<UInt8>], limits: HTTPParserLimits = HTTPParserLimits()) -> ParserRun {
    var parser = HTTPRequestParser(limits: limits)
    var run = ParserRun()
    for piece in pieces {
        parser.append(Array(piece))
        do {
            while let request = try parser.next() { run.requests.append(ParsedRequest(request)) }
        } catch {
            run.errorCode = error.status.code
            return run
        }
    }
    run.unfinished = parser.isInsideRequest
    return run
}

/// The same bytes fed whole, split into two pieces at `split`, or one byte at a time.
func feedWhole(_ raw: [UInt8], limits: HTTPParserLimits = HTTPParserLimits()) -> ParserRun {
    feed([raw[...]], limits: limits)
}

func feedSplit(_ raw: [UInt8], at split: Int, limits: HTTPParserLimits = HTTPParserLimits()) -> ParserRun {
    feed([raw[..<split], raw[split...]], limits: limits)
}

func feedBytewise(_ raw: [UInt8], limits: HTTPParserLimits = HTTPParserLimits()) -> ParserRun {
    feed(raw.indices.map { raw[$0...$0] }, limits: limits)
}

/// Request bytes from text written with `\r\n` escapes.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
