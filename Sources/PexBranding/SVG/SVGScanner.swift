/// Reads an icon file as a tolerant XML tokenizer would: element names and attributes, skipping comments,
/// CDATA, processing instructions and the content of `<script>` and `<style>` (spec §4 icons, security 31).
enum SVGScanner {
    static func scan(_ bytes: [UInt8]) -> SVGScan {
        var scan = SVGScan()
        var index = 0
        let count = bytes.count
        while index < count {
            guard let open = next(UInt8(ascii: "<"), in: bytes, from: index) else { break }
            index = open + 1
            if starts(with: "!--", in: bytes, at: index) {
                index = find("-->", in: bytes, from: index + 3).map { $0 + 3 } ?? count
                continue
            }
            if starts(with: "![CDATA[", in: bytes, at: index) {
                index = find("]]>", in: bytes, from: index + 8).map { $0 + 3 } ?? count
                continue
            }
            if index < count,
                bytes[index] == UInt8(ascii: "?") || bytes[index] == UInt8(ascii: "!")
                    || bytes[index] == UInt8(ascii: "/")
            {
                index = next(UInt8(ascii: ">"), in: bytes, from: index).map { $0 + 1 } ?? count
                continue
            }
            let nameStart = index
            while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"),
                bytes[index] != UInt8(ascii: "/")
            {
                index += 1
            }
            guard index > nameStart else { continue }
            let qualified = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            let name = localName(qualified).lowercased()
            if scan.firstElement == nil {
                scan.firstElement = qualified
                scan.isSVG = name == "svg"
            }
            if name == "script" {
                scan.activeContent.append(.init(what: "<\(qualified)>", range: (nameStart - 1)..<index))
            }
            index = attributes(in: bytes, from: index, into: &scan)
            // Raw text: a `<` inside a script or style must not be read as a tag.
            if name == "script" || name == "style", index > 0, bytes[index - 1] == UInt8(ascii: ">"),
                index < 2 || bytes[index - 2] != UInt8(ascii: "/")
            {
                index = findInsensitive("</" + name, in: bytes, from: index) ?? count
            }
        }
        return scan
    }

    /// Reads attributes up to the end of the tag; returns the offset after `>`.
    private static func attributes(in bytes: [UInt8], from start: Int, into scan: inout SVGScan) -> Int {
        var index = start
        let count = bytes.count
        while index < count {
            while index < count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < count else { break }
            if bytes[index] == UInt8(ascii: ">") { return index + 1 }
            let nameStart = index
            while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="),
                bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/")
            {
                index += 1
            }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            while index < count, isSpace(bytes[index]) { index += 1 }
            var value: String?
            var valueRange = nameStart..<index
            if index < count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                while index < count, isSpace(bytes[index]) { index += 1 }
                guard index < count else { break }
                let quote = bytes[index]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    let end = next(quote, in: bytes, from: index + 1) ?? count
                    valueRange = (index + 1)..<end
                    index = min(end + 1, count)
                } else {
                    let valueStart = index
                    while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                    valueRange = valueStart..<index
                }
                value = String(decoding: bytes[valueRange], as: UTF8.self)
            }
            let lower = name.lowercased()
            if lower == "id", let value, scan.ids[value] == nil {
                scan.ids[value] = valueRange
            } else if lower.hasPrefix("on"), lower.count > 2 {
                scan.activeContent.append(.init(what: "\(name)=\"…\"", range: nameStart..<valueRange.upperBound))
            } else if lower == "href" || lower.hasSuffix(":href"), let value,
                value.drop(while: { $0.isWhitespace }).lowercased().hasPrefix("javascript:")
            {
                scan.activeContent.append(
                    .init(what: "\(name)=\"javascript:…\"", range: nameStart..<valueRange.upperBound))
            }
            if index == nameStart { index += 1 }
        }
        return count
    }

    private static func localName(_ qualified: String) -> Substring {
        guard let colon = qualified.lastIndex(of: ":") else { return Substring(qualified) }
        return qualified[qualified.index(after: colon)...]
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func next(_ byte: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes[start...].firstIndex(of: byte)
    }

    private static func starts(with text: String, in bytes: [UInt8], at index: Int) -> Bool {
        let pattern = text.utf8
        return index + pattern.count <= bytes.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    private static func find(_ text: String, in bytes: [UInt8], from start: Int) -> Int? {
        let pattern = Array(text.utf8)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func findInsensitive(_ text: String, in bytes: [UInt8], from start: Int) -> Int? {
        let pattern = Array(text.lowercased().utf8)
        var index = start
        while index + pattern.count <= bytes.count {
            var matches = true
            for offset in 0..<pattern.count where bytes[index + offset] | 0x20 != pattern[offset] | 0x20 {
                matches = false
                break
            }
            if matches { return index }
            index += 1
        }
        return nil
    }
}
