/// Renders diagnostics compiler style for a terminal:
///
///     webapp2/settings.json:14:5: error: trailing comma before '}' (JSON does not allow it)
///        13 |       "enabled": true
///        14 |     },
///           |     ^
///           hint: remove the comma after the last member
///
/// Whole-file findings (no range) are `<path>: <severity>: <message>`. The excerpt appears when the range's line
/// can be read from `source`; nothing here touches the disk.
public struct DiagnosticTextRenderer {
    /// The bytes of a root-relative file, or nil when it cannot be read (then the excerpt is left out).
    public typealias SourceProvider = (_ file: String) -> [UInt8]?

    public var paths: DisplayPaths
    /// Bold path, red error, yellow warning, cyan notice, green marker: only for a terminal that wants colour.
    public var colored: Bool
    public var source: SourceProvider
    /// Excerpt lines wider than this many terminal cells are cropped around the caret.
    public var maximumExcerptWidth = 120

    public init(paths: DisplayPaths, colored: Bool = false, source: @escaping SourceProvider = { _ in nil }) {
        self.paths = paths
        self.colored = colored
        self.source = source
    }

    /// Every diagnostic in order, each file asked of `source` at most once.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var texts: [String: LineIndex?] = [:]
        var output = ""
        for diagnostic in diagnostics {
            var text: LineIndex?
            if diagnostic.range != nil {
                if let known = texts[diagnostic.file] {
                    text = known
                } else {
                    text = source(diagnostic.file).map { LineIndex($0) }
                    texts[diagnostic.file] = .some(text)
                }
            }
            output += render(diagnostic, text: text)
        }
        return output
    }

    /// One diagnostic: its line, the excerpt and the hint, each line ending in "\n".
    public func render(_ diagnostic: Diagnostic) -> String {
        render(diagnostic, text: diagnostic.range == nil ? nil : source(diagnostic.file).map { LineIndex($0) })
    }

    /// The summary line, "2 errors, 2 warnings in 3 plugins (4 files)", with its newline.
    public func render(_ summary: DiagnosticSummary) -> String {
        summary.line + "\n"
    }

    func render(_ diagnostic: Diagnostic, text: LineIndex?) -> String {
        var location = Self.sanitized(paths.displayPath(file: diagnostic.file))
        if let range = diagnostic.range {
            location += ":\(range.start.line):\(range.start.column)"
        }
        let severity = DiagnosticStyle(diagnostic.severity)
            .apply(to: diagnostic.severity.rawValue + ":", enabled: colored)
        var output =
            DiagnosticStyle.path.apply(to: location + ":", enabled: colored) + " " + severity + " "
            + Self.sanitized(diagnostic.message) + "\n"

        var hintIndent = 2
        if let range = diagnostic.range, let text,
            let excerpt = DiagnosticExcerpt(range: range, text: text, maximumWidth: maximumExcerptWidth)
        {
            let width = excerpt.numberWidth
            for line in excerpt.lines {
                let number = String(line.number)
                let gutter = "   " + String(repeating: " ", count: width - number.count) + number + " |"
                output += gutter + (line.text.isEmpty ? "" : " " + line.text) + "\n"
            }
            let blank = String(repeating: " ", count: 3 + width)
            let marker = DiagnosticStyle.marker.apply(to: excerpt.marker, enabled: colored)
            output += blank + " | " + String(repeating: " ", count: excerpt.markerIndent) + marker + "\n"
            // Under the bar, so the hint reads as part of this diagnostic's block.
            hintIndent = 3 + width + 1
        }
        if let hint = diagnostic.hint {
            output += String(repeating: " ", count: hintIndent) + "hint: " + Self.sanitized(hint) + "\n"
        }
        return output
    }

    /// Messages quote names from the branding files; a control character there must not become a terminal
    /// command (or a fake extra line), so tabs become spaces and other controls U+FFFD.
    static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\t" {
                result.append(" ")
            } else if isControl(scalar) {
                result.append("\u{FFFD}")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
