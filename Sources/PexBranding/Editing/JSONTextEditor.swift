/// Edits a JSON file as text: one value replaced, one member or one array element inserted, every other
/// byte (comments aside, which JSON has none of: whitespace, key order, number spelling, line endings)
/// left exactly as the user wrote it. Positions come from the position-keeping `JSONReader`.
public enum JSONTextEditor {
    /// Sets `key` of the root object to `literal` (JSON text): the value is replaced where it stands (the
    /// last occurrence, the one JSON.parse keeps), or a member is added after the last one.
    public static func settingMember(_ key: String, to literal: String, in bytes: [UInt8]) throws(JSONEditError)
        -> [UInt8]
    {
        let root = try rootObject(bytes)
        if let member = root[key] {
            return replacing(member.value.range, with: literal, in: bytes)
        }
        return insertingMember(key, literal, into: root, in: bytes)
    }

    /// Appends an object with `members` (key, JSON text) to the array at the root object's `key` (created when
    /// missing), formatted like the element before it: one line, or one member per line at its indentation.
    public static func appendingObject(
        _ members: [(key: String, literal: String)], toArray key: String, in bytes: [UInt8]
    ) throws(JSONEditError) -> [UInt8] {
        var bytes = bytes
        var root = try rootObject(bytes)
        if root[key] == nil {
            bytes = insertingMember(key, "[]", into: root, in: bytes)
            root = try rootObject(bytes)
        }
        guard let array = root[key]?.value, let elements = array.elements else {
            let found = root[key].map { JSONValueDescription.describe($0.value.value) } ?? "nothing"
            throw JSONEditError(
                "\"\(key)\" must be a list, found \(found)", hint: "write \"\(key)\": [] and run the command again")
        }
        let layout = JSONTextLayout(bytes: bytes)
        let newline = layout.lineEnding
        let step = layout.indentStep(root: root)
        guard let last = elements.last else {
            // An empty list: open it up, one level deeper than the line holding the key.
            let outer = layout.lineIndentation(at: array.range.start.offset)
            let object = render(members, style: .singleLine(padded: false), newline: newline)
            let text = "[" + newline + outer + step + object + newline + outer + "]"
            return replacing(array.range, with: text, in: bytes)
        }
        let multiLine = last.range.start.line != array.range.start.line
        let elementIndent =
            layout.startsLine(last.range.start.offset)
            ? layout.lineIndentation(at: last.range.start.offset)
            : layout.lineIndentation(at: array.range.start.offset) + step
        var style = ObjectStyle.singleLine(padded: isPadded(last, in: bytes))
        if let first = last.members?.first, first.keyRange.start.line != last.range.start.line {
            style = .multiLine(
                memberIndent: layout.lineIndentation(at: first.keyRange.start.offset), closingIndent: elementIndent)
        }
        let object = render(members, style: style, newline: newline)
        let separator = multiLine ? "," + newline + elementIndent : ", "
        return inserting(separator + object, at: last.range.end.offset, in: bytes)
    }

    // MARK: pieces

    enum ObjectStyle {
        /// `{"a": 1, "b": 2}`, or `{ "a": 1 }` when padded.
        case singleLine(padded: Bool)
        case multiLine(memberIndent: String, closingIndent: String)
    }

    static func render(_ members: [(key: String, literal: String)], style: ObjectStyle, newline: String) -> String {
        let pairs = members.map { JSONLiteral.string($0.key) + ": " + $0.literal }
        switch style {
        case .singleLine(let padded):
            let inner = pairs.joined(separator: ", ")
            return padded ? "{ " + inner + " }" : "{" + inner + "}"
        case .multiLine(let memberIndent, let closingIndent):
            return "{" + newline + pairs.map { memberIndent + $0 }.joined(separator: "," + newline) + newline
                + closingIndent + "}"
        }
    }

    /// `{ "a"…` rather than `{"a"…`.
    private static func isPadded(_ node: JSONNode, in bytes: [UInt8]) -> Bool {
        let next = node.range.start.offset + 1
        return next < bytes.count && bytes[next] == 0x20
    }

    static func rootObject(_ bytes: [UInt8]) throws(JSONEditError) -> JSONNode {
        let document: JSONDocument
        do {
            document = try JSONReader.read(bytes)
        } catch {
            throw JSONEditError(
                "not valid JSON at line \(error.range.start.line), column \(error.range.start.column): "
                    + error.message,
                hint: error.hint ?? "fix the file first (pexdev check shows where)")
        }
        guard document.root.members != nil else {
            throw JSONEditError(
                "not a JSON object: it holds \(JSONValueDescription.describe(document.root.value))")
        }
        return document.root
    }

    private static func insertingMember(_ key: String, _ literal: String, into root: JSONNode, in bytes: [UInt8])
        -> [UInt8]
    {
        let layout = JSONTextLayout(bytes: bytes)
        let member = JSONLiteral.string(key) + ": " + literal
        guard let last = root.members?.last else {
            let outer = layout.lineIndentation(at: root.range.start.offset)
            let newline = layout.lineEnding
            return replacing(root.range, with: "{" + newline + outer + "  " + member + newline + outer + "}", in: bytes)
        }
        if last.keyRange.start.line != root.range.start.line, layout.startsLine(last.keyRange.start.offset) {
            let indent = layout.lineIndentation(at: last.keyRange.start.offset)
            return inserting("," + layout.lineEnding + indent + member, at: last.value.range.end.offset, in: bytes)
        }
        return inserting(", " + member, at: last.value.range.end.offset, in: bytes)
    }

    private static func replacing(_ range: SourceRange, with text: String, in bytes: [UInt8]) -> [UInt8] {
        var edited = bytes
        edited.replaceSubrange(range.start.offset..<range.end.offset, with: Array(text.utf8))
        return edited
    }

    private static func inserting(_ text: String, at offset: Int, in bytes: [UInt8]) -> [UInt8] {
        var edited = bytes
        edited.insert(contentsOf: Array(text.utf8), at: offset)
        return edited
    }
}
