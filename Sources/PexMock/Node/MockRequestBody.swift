import PexBranding

/// Reads a request body as a JSON object with the same strict reader `check` uses; a bad body is a 400
/// that says what and where.
enum MockRequestBody {
    static func object(_ body: [UInt8]) -> Result<JSONNode, MockReply> {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .success(JSONNode(value: .object([]), range: noRange))
        }
        var limits = JSONReaderLimits()
        limits.maximumDepth = 32
        let document: JSONDocument
        do {
            document = try JSONReader.read(body, limits: limits)
        } catch {
            let start = error.range.start
            return .failure(
                .badRequest("malformed JSON body at line \(start.line), column \(start.column): \(error.message)"))
        }
        guard case .object = document.root.value else {
            return .failure(.badRequest("the body must be a JSON object, not \(document.root.value.typeName)"))
        }
        return .success(document.root)
    }
}

private let noRange = SourceRange(
    start: SourcePosition(line: 1, column: 1, offset: 0), end: SourcePosition(line: 1, column: 1, offset: 0))

extension JSONValue {
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
