/// The source under a diagnostic's first line: the line before for context, the offending line, and a marker
/// (`^` at the start column, `~` under the rest of the range on that line). Overlong lines (minified
/// scripts) are cropped to a window around the caret, with `…` where text was cut.
struct DiagnosticExcerpt: Sendable, Equatable {
    struct SourceLine: Sendable, Equatable {
        var number: Int
        /// Laid out for the terminal (tabs expanded, controls replaced), without trailing spaces.
        var text: String
    }

    var lines: [SourceLine]
    /// Spaces before the marker, counted from the start of the source text.
    var markerIndent: Int
    /// `^` then one `~` per further cell of the range.
    var marker: String

    /// Digits of the widest line number, so the bars line up when line 9 is shown above line 10; at least two,
    /// so excerpts from lines 8 and 12 of one file line up too.
    var numberWidth: Int { max(2, lines.map { String($0.number).count }.max() ?? 0) }

    /// Nil when the range's line is not in `text` (the file changed, or the range is past its end).
    init?(range: SourceRange, text: LineIndex, maximumWidth: Int) {
        let number = range.start.line
        guard let current = text.sourceLine(number) else { return nil }
        let main = ExcerptLine(current)
        let previous = number > 1 ? text.sourceLine(number - 1).map(ExcerptLine.init) : nil

        let caret = main.cell(forColumn: range.start.column)
        var underlineEnd = caret + 1
        if range.end.line == number, range.end.column > range.start.column {
            underlineEnd = max(underlineEnd, main.cell(forColumn: range.end.column))
        } else if range.end.line > number {
            // The rest of the range is on later lines; underline to the end of this one.
            underlineEnd = max(underlineEnd, main.cells.count)
        }

        let limit = max(maximumWidth, 16)
        let width = max(main.cells.count, previous?.cells.count ?? 0, underlineEnd)
        var window = 0..<width
        if width > limit {
            // Keep the caret a third of the way in, so there is context on both sides.
            let from = caret + 2 > limit ? caret - limit / 3 : 0
            window = from..<min(width, from + limit)
        }

        lines = []
        if let previous {
            lines.append(SourceLine(number: number - 1, text: Self.crop(previous.cells, to: window)))
        }
        lines.append(SourceLine(number: number, text: Self.crop(main.cells, to: window)))
        markerIndent = caret - window.lowerBound
        marker = "^" + String(repeating: "~", count: max(0, min(underlineEnd, window.upperBound) - caret - 1))
    }

    /// The cells inside `window` as text, with `…` replacing the first and last cell where the line goes on.
    private static func crop(_ cells: [String], to window: Range<Int>) -> String {
        let lower = min(window.lowerBound, cells.count)
        let upper = min(window.upperBound, cells.count)
        var visible = Array(cells[lower..<upper])
        if window.lowerBound > 0, !cells.isEmpty {
            if visible.isEmpty { visible = ["…"] } else { put("…", at: 0, in: &visible) }
        }
        if cells.count > window.upperBound, !visible.isEmpty {
            put("…", at: visible.count - 1, in: &visible)
        }
        var text = visible.joined()
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Overwrites one cell; a wide character losing either half becomes a space so later cells keep their place.
    private static func put(_ text: String, at index: Int, in cells: inout [String]) {
        if cells[index].isEmpty, index > 0 {
            cells[index - 1] = " "
        } else if index + 1 < cells.count, cells[index + 1].isEmpty {
            cells[index + 1] = " "
        }
        cells[index] = text
    }
}
