/// A source line laid out in terminal cells, so a caret can be put under any column however the line is
/// written: tabs expanded to stops, wide (CJK, emoji) characters two cells, combining marks none, and
/// control or bidi-format characters made harmless.
struct ExcerptLine: Sendable, Equatable {
    /// Tab stops every 4 cells; the caret line uses the same layout, so any width would keep them aligned.
    static let tabWidth = 4

    /// What each terminal cell shows; the second cell of a wide character is "".
    private(set) var cells: [String] = []
    /// The cell where each 1-based column starts (`columnStarts[column - 1]`), one more than there are scalars
    /// so the column just past the end (where a missing `}` goes) has a cell too.
    private var columnStarts: [Int] = []

    init(_ text: String) {
        for scalar in text.unicodeScalars {
            // `LineIndex` gives a CR no column (CRLF files number columns like LF files); a stray one shows nothing.
            if scalar == "\r" { continue }
            columnStarts.append(cells.count)
            append(scalar)
        }
        columnStarts.append(cells.count)
    }

    /// The cell under which a caret for `column` goes; columns past the end of the line share the cell after it.
    func cell(forColumn column: Int) -> Int {
        guard let last = columnStarts.last else { return 0 }
        if column < 1 { return 0 }
        return column <= columnStarts.count ? columnStarts[column - 1] : last
    }

    private mutating func append(_ scalar: Unicode.Scalar) {
        switch Self.kind(of: scalar) {
        case .tab:
            let spaces = Self.tabWidth - cells.count % Self.tabWidth
            cells += Array(repeating: " ", count: spaces)
        case .control:
            // ESC and friends would reach the terminal as commands; show that something is there instead.
            cells.append("\u{FFFD}")
        case .hidden:
            // Byte-order marks, zero-width spaces and bidi overrides (the "Trojan Source" characters) take no
            // cell; dropping them keeps the excerpt honest about what sits where.
            break
        case .combining:
            if cells.isEmpty {
                cells.append(" " + String(scalar))
            } else {
                let last = cells.count - 1
                // A wide character's mark belongs to its first cell, not the empty second one.
                let target = cells[last].isEmpty && last > 0 ? last - 1 : last
                cells[target] += String(scalar)
            }
        case .wide:
            cells += [String(scalar), ""]
        case .normal:
            cells.append(String(scalar))
        }
    }

    private enum Kind {
        case tab, control, hidden, combining, wide, normal
    }

    private static func kind(of scalar: Unicode.Scalar) -> Kind {
        let value = scalar.value
        if value == 0x09 { return .tab }
        if value < 0x20 || (0x7F...0x9F).contains(value) { return .control }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: return .hidden
        case .nonspacingMark, .enclosingMark: return .combining
        default: break
        }
        return isWide(scalar) ? .wide : .normal
    }

    /// East Asian Wide and Fullwidth, approximately: enough for CJK text and emoji in plugin labels.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isEmojiPresentation { return true }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
