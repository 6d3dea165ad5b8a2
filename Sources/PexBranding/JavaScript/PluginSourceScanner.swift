/// Reads a plugin source the way a reviewer skims it (spec §5): the `registerPlugin({...})` call and the keys
/// of its object, whether the body is an IIFE, which names leak into globals, and which external URLs it
/// fetches or embeds. Token-based, no parser: patterns it does not recognise are reported as not understood
/// rather than guessed.
struct PluginSourceScanner {
    private static let connectCallees: Set<String> = ["fetch", "WebSocket", "EventSource", "sendBeacon"]
    private static let httpMethods: Set<String> = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
    private static let clientMethods: Set<String> = ["get", "post", "put", "delete", "patch", "head", "request"]
    private static let jQueryMethods: Set<String> = ["ajax", "get", "getJSON", "post"]
    /// First bytes of every name `externalCall` looks for.
    private static let calleeInitials: Set<UInt8> = Set("fWEsioah$".utf8)
    private static let declarationKeywords: Set<String> = ["var", "let", "const", "function", "class", "async"]
    /// Elements whose `src` (or `href`, for `link`) loads from another origin, with the CSP directive.
    private static let embeddingTags: [String: String] = [
        "img": "img-src", "image": "img-src", "script": "script-src", "iframe": "frame-src", "frame": "frame-src",
        "link": "style-src", "audio": "media-src", "video": "media-src", "source": "media-src", "embed": "object-src",
    ]

    private let bytes: [UInt8]
    private let tokens: [JavaScriptToken]
    /// Index of the matching bracket for `(`, `[`, `{` and their closers; -1 when unbalanced.
    private var partner: [Int]
    /// Brackets enclosing each token.
    private var depth: [Int]
    /// `const NAME = 'literal'` bindings: name → token index of the literal (-1 when bound to two values).
    private var constants: [String: Int] = [:]
    /// `const s = document.createElement('script')` bindings: name → tag.
    private var elements: [String: String] = [:]
    private var scan = PluginSourceScan()

    static func scan(_ bytes: [UInt8]) -> PluginSourceScan {
        var scanner = PluginSourceScanner(bytes: bytes)
        scanner.run()
        return scanner.scan
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        tokens = JavaScriptTokenizer.tokenize(bytes)
        partner = [Int](repeating: -1, count: tokens.count)
        depth = [Int](repeating: 0, count: tokens.count)
    }

    private mutating func run() {
        matchBrackets()
        collectBindings()
        scan.wrappedInIIFE = startsWithIIFE()
        for index in tokens.indices {
            switch tokens[index].kind {
            case .identifier:
                if depth[index] == 0 { checkDeclaration(at: index) }
                if isIdentifier(index, "registerPlugin") { registration(at: index) }
                externalCall(at: index)
            case .string, .template:
                literalContents(at: index)
            default:
                break
            }
        }
    }

    // MARK: token helpers

    private func text(_ index: Int) -> String {
        String(decoding: bytes[tokens[index].start..<tokens[index].end], as: UTF8.self)
    }

    private func isIdentifier(_ index: Int, _ name: String) -> Bool {
        guard index >= 0, index < tokens.count, tokens[index].kind == .identifier else { return false }
        let token = tokens[index]
        return token.end - token.start == name.utf8.count && bytes[token.start..<token.end].elementsEqual(name.utf8)
    }

    private func isIdentifier(_ index: Int) -> Bool {
        index >= 0 && index < tokens.count && tokens[index].kind == .identifier
    }

    /// A one-character punctuator (so `=` is not `=>`).
    private func isPunctuator(_ index: Int, _ character: UInt8) -> Bool {
        guard index >= 0, index < tokens.count, tokens[index].kind == .punctuator else { return false }
        return tokens[index].end - tokens[index].start == 1 && bytes[tokens[index].start] == character
    }

    private func isPunctuator(_ index: Int, _ character: Unicode.Scalar) -> Bool {
        isPunctuator(index, UInt8(ascii: character))
    }

    private func isArrow(_ index: Int) -> Bool {
        index < tokens.count && tokens[index].kind == .punctuator && tokens[index].end - tokens[index].start == 2
            && bytes[tokens[index].start] == UInt8(ascii: "=")
    }

    /// A plain `=` assignment: not `==`, `===` or `=>`.
    private func isAssignment(_ index: Int) -> Bool {
        isPunctuator(index, "=") && !isPunctuator(index + 1, "=")
    }

    private func isStringLiteral(_ index: Int) -> Bool {
        guard index >= 0, index < tokens.count else { return false }
        let token = tokens[index]
        return token.kind == .string
            || (token.kind == .template && !token.continuesTemplate && !token.opensSubstitution)
    }

    private func range(_ first: Int, _ last: Int) -> Range<Int> {
        tokens[first].start..<tokens[max(first, last)].end
    }

    // MARK: structure

    private mutating func matchBrackets() {
        var open: [Int] = []
        for index in tokens.indices where tokens[index].kind == .punctuator {
            guard tokens[index].end - tokens[index].start == 1 else { continue }
            let byte = bytes[tokens[index].start]
            let opener: UInt8
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append(index)
                continue
            case UInt8(ascii: ")"): opener = UInt8(ascii: "(")
            case UInt8(ascii: "]"): opener = UInt8(ascii: "[")
            case UInt8(ascii: "}"): opener = UInt8(ascii: "{")
            default: continue
            }
            // A stray closer is ignored; a missing one is forgiven by unwinding to its opener.
            guard let match = open.lastIndex(where: { bytes[tokens[$0].start] == opener }) else { continue }
            partner[open[match]] = index
            partner[index] = open[match]
            open.removeSubrange(match...)
        }
        var current = 0
        for index in tokens.indices {
            let other = partner[index]
            if other > index {
                depth[index] = current
                current += 1
            } else if other >= 0 {
                current = depth[other]
                depth[index] = current
            } else {
                depth[index] = current
            }
        }
    }

    /// Past the end of the value starting at `start`: the `,` or closer at this level (jumping over brackets).
    private func valueEnd(from start: Int, limit: Int) -> Int {
        var index = start
        while index < limit {
            if isPunctuator(index, ",") { return index }
            if partner[index] > index {
                index = partner[index] + 1
            } else {
                index += 1
            }
        }
        return limit
    }

    private mutating func collectBindings() {
        for index in tokens.indices where tokens[index].kind == .identifier {
            if isIdentifier(index, "const") || isIdentifier(index, "let") || isIdentifier(index, "var"),
                isIdentifier(index + 1), isAssignment(index + 2), isStringLiteral(index + 3)
            {
                let next = index + 4
                let continues =
                    next < tokens.count
                    && (isPunctuator(next, "+") || isPunctuator(next, ".") || isPunctuator(next, "[")
                        || isPunctuator(next, "(") || isPunctuator(next, "?") || tokens[next].kind == .template)
                if !continues {
                    let name = text(index + 1)
                    if let known = constants[name], known != index + 3 {
                        let same =
                            known >= 0
                            && JavaScriptLiteral.value(of: tokens[known], in: bytes)
                                == JavaScriptLiteral.value(of: tokens[index + 3], in: bytes)
                        if !same { constants[name] = -1 }
                    } else {
                        constants[name] = index + 3
                    }
                }
            }
            if isIdentifier(index, "createElement"), isPunctuator(index + 1, "("), isStringLiteral(index + 2) {
                var before = index - 1
                if isPunctuator(before, "."), isIdentifier(before - 1) { before -= 2 }
                if isAssignment(before), isIdentifier(before - 1) {
                    elements[text(before - 1)] = JavaScriptLiteral.value(of: tokens[index + 2], in: bytes).lowercased()
                }
            }
        }
    }

    private func constantLiteral(_ index: Int) -> Int? {
        guard isIdentifier(index), let literal = constants[text(index)], literal >= 0 else { return nil }
        return literal
    }

    // MARK: IIFE and globals

    /// The first statement (after directives such as 'use strict') calls a function expression in place.
    private func startsWithIIFE() -> Bool {
        var index = 0
        while index < tokens.count {
            if isPunctuator(index, ";") {
                index += 1
            } else if tokens[index].kind == .string,
                index + 1 == tokens.count || isPunctuator(index + 1, ";") || tokens[index + 1].followsNewline
            {
                index += 1
            } else {
                break
            }
        }
        guard index < tokens.count else { return false }
        if isPunctuator(index, "(") {
            let inner = index + 1
            return isIdentifier(inner, "function") || isIdentifier(inner, "async") || isPunctuator(inner, "(")
                || (isIdentifier(inner) && isArrow(inner + 1))
        }
        if isPunctuator(index, "!") || isPunctuator(index, "+") || isPunctuator(index, "-") || isPunctuator(index, "~")
            || isIdentifier(index, "void")
        {
            return isIdentifier(index + 1, "function") || isIdentifier(index + 1, "async")
                || (isPunctuator(index + 1, "(") && isIdentifier(index + 2, "function"))
        }
        return false
    }

    private mutating func checkDeclaration(at index: Int) {
        guard isStatementStart(index) else { return }
        let keyword = text(index)
        guard Self.declarationKeywords.contains(keyword) else { return }
        var nameIndex = index + 1
        switch keyword {
        case "async":
            guard isIdentifier(index + 1, "function"), !tokens[index + 1].followsNewline else { return }
            nameIndex = index + 2
            if isPunctuator(nameIndex, "*") { nameIndex += 1 }
        case "function":
            if isPunctuator(nameIndex, "*") { nameIndex += 1 }
        default:
            break
        }
        guard isIdentifier(nameIndex) else { return }
        let name = text(nameIndex)
        if ["in", "of", "instanceof", "extends"].contains(name) { return }
        if !scan.leakedGlobals.contains(where: { $0.name == name }) {
            scan.leakedGlobals.append(.init(name: name, range: tokens[nameIndex].start..<tokens[nameIndex].end))
        }
    }

    /// A token that can begin a statement: first in the file, after `;` or `}`, or on a new line after
    /// something that cannot continue an expression.
    private func isStatementStart(_ index: Int) -> Bool {
        guard index > 0 else { return true }
        if isPunctuator(index - 1, ";") || isPunctuator(index - 1, "}") { return true }
        guard tokens[index].followsNewline else { return false }
        let previous = tokens[index - 1]
        if previous.kind == .punctuator { return isPunctuator(index - 1, ")") || isPunctuator(index - 1, "]") }
        return !(previous.kind == .template && previous.opensSubstitution)
    }

    // MARK: registerPlugin

    private mutating func registration(at index: Int) {
        guard isPunctuator(index + 1, "(") else { return }
        // A function or method *named* registerPlugin is not a call (a test double, a wrapper).
        if isIdentifier(index - 1, "function") { return }
        let close = partner[index + 1]
        if close > 0, isPunctuator(close + 1, "{"), !isPunctuator(index - 1, ".") { return }

        var found = PluginSourceScan.Registration(call: tokens[index].start..<tokens[index].end)
        let argument = index + 2
        if isPunctuator(argument, "{") {
            found.object = objectLiteral(at: argument)
        } else if isIdentifier(argument), isPunctuator(argument + 1, ")") || isPunctuator(argument + 1, ",") {
            let name = text(argument)
            if let object = boundObject(name, before: index) {
                found.object = object
            } else {
                found.problem = "registerPlugin(\(name)): found no object literal assigned to \(name) in this file"
            }
        } else if isPunctuator(argument, ")") {
            found.problem = "registerPlugin() is called without an argument"
        } else {
            found.problem = "the argument of registerPlugin is neither an object literal nor a variable holding one"
        }
        scan.registrations.append(found)
    }

    private func objectLiteral(at open: Int) -> PluginSourceScan.ObjectLiteral {
        var object = PluginSourceScan.ObjectLiteral()
        let close = partner[open] > open ? partner[open] : tokens.count
        var index = open + 1
        while index < close {
            if isPunctuator(index, ",") {
                index += 1
                continue
            }
            if tokens[index].kind == .punctuator, tokens[index].end - tokens[index].start == 3 {  // ...spread
                object.isComplete = false
                index = valueEnd(from: index + 1, limit: close)
                continue
            }
            var keyIndex = index
            while isIdentifier(keyIndex),
                ["async", "get", "set", "static"].contains(text(keyIndex)),
                !(isPunctuator(keyIndex + 1, ":") || isPunctuator(keyIndex + 1, "(") || isPunctuator(keyIndex + 1, ",")
                    || keyIndex + 1 == close || isPunctuator(keyIndex + 1, "="))
            {
                keyIndex += 1
            }
            if isPunctuator(keyIndex, "*") { keyIndex += 1 }
            guard keyIndex < close else { break }
            var name: String?
            var after = keyIndex + 1
            switch tokens[keyIndex].kind {
            case .identifier, .number:
                name = text(keyIndex)
            case .string:
                name = JavaScriptLiteral.value(of: tokens[keyIndex], in: bytes)
            default:
                if isPunctuator(keyIndex, "["), partner[keyIndex] > keyIndex {
                    after = partner[keyIndex] + 1
                }
                object.isComplete = false
            }
            if isPunctuator(after, ":") {
                let end = valueEnd(from: after + 1, limit: close)
                if name == "id" { object.id = idValue(from: after + 1, to: end) }
                index = end
            } else if isPunctuator(after, "("), partner[after] > after {
                let body = partner[after] + 1
                index = isPunctuator(body, "{") && partner[body] > body ? partner[body] + 1 : body
            } else if isPunctuator(after, ",") || after >= close {
                if name == "id", let literal = constantLiteral(keyIndex) {
                    object.id = .literal(
                        JavaScriptLiteral.value(of: tokens[literal], in: bytes),
                        tokens[literal].start..<tokens[literal].end)
                } else if name == "id" {
                    object.id = .computed(range(keyIndex, keyIndex))
                }
                index = after
            } else {
                object.isComplete = false
                index = valueEnd(from: after, limit: close)
            }
            if let name, !object.keys.contains(name) { object.keys.append(name) }
            if index <= keyIndex { index = keyIndex + 1 }
        }
        return object
    }

    private func idValue(from start: Int, to end: Int) -> PluginSourceScan.IDValue {
        guard start < end else { return .computed(range(max(start - 1, 0), max(start - 1, 0))) }
        if end == start + 1 {
            if isStringLiteral(start) {
                return .literal(
                    JavaScriptLiteral.value(of: tokens[start], in: bytes), tokens[start].start..<tokens[start].end)
            }
            if let literal = constantLiteral(start) {
                return .literal(
                    JavaScriptLiteral.value(of: tokens[literal], in: bytes), tokens[literal].start..<tokens[literal].end
                )
            }
        }
        return .computed(range(start, end - 1))
    }

    /// `const plugin = {...}; … registerPlugin(plugin)`: the nearest object literal assigned to `name` before
    /// the call (else the first after it), plus keys added later as `plugin.key = …`.
    private func boundObject(_ name: String, before call: Int) -> PluginSourceScan.ObjectLiteral? {
        var chosen: Int?
        for index in tokens.indices where isIdentifier(index, name) && !isPunctuator(index - 1, ".") {
            guard isAssignment(index + 1), isPunctuator(index + 2, "{") else { continue }
            if index < call || chosen == nil { chosen = index + 2 }
            if index > call { break }
        }
        guard let open = chosen else { return nil }
        var object = objectLiteral(at: open)
        for index in tokens.indices where isIdentifier(index, name) && !isPunctuator(index - 1, ".") {
            var key: String?
            var valueStart = index + 4
            if isPunctuator(index + 1, "."), isIdentifier(index + 2), isAssignment(index + 3) {
                key = text(index + 2)
            } else if isPunctuator(index + 1, "["), isStringLiteral(index + 2), isPunctuator(index + 3, "]"),
                isAssignment(index + 4)
            {
                key = JavaScriptLiteral.value(of: tokens[index + 2], in: bytes)
                valueStart = index + 5
            }
            guard let key else { continue }
            if key == "id" {
                object.id = idValue(from: valueStart, to: valueEnd(from: valueStart, limit: tokens.count))
            }
            if !object.keys.contains(key) { object.keys.append(key) }
        }
        return object
    }

    // MARK: external URLs

    private mutating func externalCall(at index: Int) {
        // Most identifiers are not one of the few callees or properties below: skip them without allocating.
        guard Self.calleeInitials.contains(bytes[tokens[index].start]) else { return }
        let name = text(index)
        if Self.connectCallees.contains(name), isPunctuator(index + 1, "(") {
            url(at: index + 2, directive: "connect-src")
        } else if name == "importScripts", isPunctuator(index + 1, "(") {
            url(at: index + 2, directive: "script-src")
        } else if name == "open", isPunctuator(index - 1, "."), isPunctuator(index + 1, "("),
            tokens.indices.contains(index + 2), tokens[index + 2].kind == .string,
            Self.httpMethods.contains(JavaScriptLiteral.value(of: tokens[index + 2], in: bytes).uppercased()),
            isPunctuator(index + 3, ",")
        {
            url(at: index + 4, directive: "connect-src")
        } else if name == "axios" {
            if isPunctuator(index + 1, "(") {
                url(at: index + 2, directive: "connect-src")
            } else if isPunctuator(index + 1, "."), isIdentifier(index + 2),
                Self.clientMethods.contains(text(index + 2)), isPunctuator(index + 3, "(")
            {
                url(at: index + 4, directive: "connect-src")
            }
        } else if name == "$", isPunctuator(index + 1, "."), isIdentifier(index + 2),
            Self.jQueryMethods.contains(text(index + 2)), isPunctuator(index + 3, "(")
        {
            url(at: index + 4, directive: "connect-src")
        } else if name == "src" || name == "href", isPunctuator(index - 1, "."), isAssignment(index + 1) {
            let owner = isIdentifier(index - 2) ? text(index - 2) : ""
            let tag = elements[owner]
            if name == "href" {
                if tag == "link" { url(at: index + 2, directive: "style-src") }
            } else {
                url(at: index + 2, directive: tag.flatMap { Self.embeddingTags[$0] } ?? Self.guessDirective(owner))
            }
        }
    }

    /// For `x.src = …` where x's element type is unknown: the variable's name usually says it.
    private static func guessDirective(_ name: String) -> String {
        let lower = name.lowercased()
        if lower.contains("script") { return "script-src" }
        if lower.contains("frame") { return "frame-src" }
        if lower.contains("audio") || lower.contains("video") || lower.contains("media") { return "media-src" }
        return "img-src"
    }

    private mutating func url(at index: Int, directive: String) {
        guard index < tokens.count else { return }
        var literal = index
        if tokens[index].kind == .identifier {
            guard let bound = constantLiteral(index) else { return }
            literal = bound
        }
        let token = tokens[literal]
        guard token.kind == .string || (token.kind == .template && !token.continuesTemplate) else { return }
        record(
            JavaScriptLiteral.value(of: token, in: bytes), directive: directive,
            range: tokens[index].start..<tokens[index].end)
    }

    private mutating func record(_ url: String, directive: String, range: Range<Int>) {
        guard let origin = URLOrigin.origin(of: url) else { return }
        if scan.externalURLs.contains(where: { $0.origin == origin && $0.directive == directive }) { return }
        scan.externalURLs.append(.init(url: url, origin: origin, directive: directive, range: range))
    }

    /// HTML and CSS inside string literals (dialog bodies, injected styles), and page-relative asset paths.
    private mutating func literalContents(at index: Int) {
        let token = tokens[index]
        let raw = bytes[token.start..<token.end]
        let hasTag = raw.contains(UInt8(ascii: "<"))
        let hasCSSURL = raw.contains(UInt8(ascii: "("))
        let hasAsset = raw.count > 21 && raw.contains(UInt8(ascii: "_"))
        guard hasTag || hasCSSURL || hasAsset else { return }
        let value = Array(JavaScriptLiteral.value(of: token, in: bytes).utf8)
        let range = token.start..<token.end
        if hasTag { embeddedTags(in: value, range: range) }
        if hasCSSURL { cssURLs(in: value, range: range) }
        if hasAsset { assetPath(in: value, incomplete: token.kind == .template && token.opensSubstitution) }
    }

    private mutating func embeddedTags(in text: [UInt8], range: Range<Int>) {
        var index = 0
        while let open = text[index...].firstIndex(of: UInt8(ascii: "<")) {
            var cursor = open + 1
            while cursor < text.count, JavaScriptTokenizer.isIdentifierPart(text[cursor]) { cursor += 1 }
            let tag = String(decoding: text[(open + 1)..<cursor], as: UTF8.self).lowercased()
            index = cursor
            guard let directive = Self.embeddingTags[tag] else { continue }
            let tagEnd = text[cursor...].firstIndex(of: UInt8(ascii: ">")) ?? text.count
            let attribute = tag == "link" ? "href" : "src"
            if let value = Self.attribute(attribute, in: text[cursor..<tagEnd]) {
                record(value, directive: directive, range: range)
            }
            index = tagEnd
        }
    }

    /// The value of ` name=` in a tag's attribute text (quoted or not).
    private static func attribute(_ name: String, in text: ArraySlice<UInt8>) -> String? {
        let pattern = Array(name.utf8)
        var index = text.startIndex
        while index + pattern.count < text.endIndex {
            let before = index == text.startIndex ? UInt8(ascii: " ") : text[index - 1]
            let isSeparated = before == 0x20 || before == 0x09 || before == 0x0A || before == 0x0D
            if isSeparated, text[index..<(index + pattern.count)].elementsEqual(pattern) {
                var cursor = index + pattern.count
                while cursor < text.endIndex, text[cursor] == 0x20 { cursor += 1 }
                if cursor < text.endIndex, text[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    while cursor < text.endIndex, text[cursor] == 0x20 { cursor += 1 }
                    guard cursor < text.endIndex else { return nil }
                    let quote = text[cursor]
                    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        let end = text[(cursor + 1)...].firstIndex(of: quote) ?? text.endIndex
                        return String(decoding: text[(cursor + 1)..<end], as: UTF8.self)
                    }
                    let end = text[cursor...].firstIndex { $0 == 0x20 || $0 == UInt8(ascii: ">") } ?? text.endIndex
                    return String(decoding: text[cursor..<end], as: UTF8.self)
                }
            }
            index += 1
        }
        return nil
    }

    private mutating func cssURLs(in text: [UInt8], range: Range<Int>) {
        let marker = Array("url(".utf8)
        var index = 0
        while index + marker.count <= text.count {
            guard text[index..<(index + marker.count)].elementsEqual(marker) else {
                index += 1
                continue
            }
            var cursor = index + marker.count
            while cursor < text.count,
                text[cursor] == 0x20 || text[cursor] == UInt8(ascii: "\"")
                    || text[cursor] == UInt8(ascii: "'")
            {
                cursor += 1
            }
            let end =
                text[cursor...].firstIndex {
                    $0 == UInt8(ascii: ")") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == 0x20
                } ?? text.count
            record(String(decoding: text[cursor..<end], as: UTF8.self), directive: "img-src", range: range)
            index = end
        }
    }

    private mutating func assetPath(in text: [UInt8], incomplete: Bool) {
        let marker = Array("custom_configuration/".utf8)
        var index = 0
        while index + marker.count <= text.count {
            guard text[index..<(index + marker.count)].elementsEqual(marker) else {
                index += 1
                continue
            }
            let start = index + marker.count
            var end = start
            while end < text.count {
                let byte = text[end]
                if byte <= 0x20 || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\"")
                    || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "`")
                {
                    break
                }
                end += 1
            }
            var path = String(decoding: text[start..<end], as: UTF8.self)
            // `custom_configuration/plugins/x/${name}`: only the folder is known.
            if incomplete, end == text.count, let slash = path.lastIndex(of: "/") {
                path = String(path[...slash])
            }
            if !path.isEmpty, !scan.assetPaths.contains(path) { scan.assetPaths.append(path) }
            index = end
        }
    }
}
