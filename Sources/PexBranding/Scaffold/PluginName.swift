/// A plugin name as `pexdev new plugin` accepts it: it becomes the folder, the file names, the id and (in
/// camel case) the action's function name, so it is kept to what is safe in all of them on every system:
/// lower-case letters, digits and single hyphens, starting with a letter.
public enum PluginName {
    public static let maximumLength = 64

    public static func validate(_ name: String) throws(ScaffoldError) {
        let bytes = Array(name.utf8)
        let isLower = { (byte: UInt8) in byte >= 0x61 && byte <= 0x7A }
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        var problem: String?
        if bytes.isEmpty {
            problem = "is empty"
        } else if bytes.count > maximumLength {
            problem = "is longer than \(maximumLength) characters"
        } else if let first = bytes.first, !isLower(first) {
            problem = "must start with a lower-case letter"
        } else if let bad = bytes.first(where: { !isLower($0) && !isDigit($0) && $0 != 0x2D }) {
            let character = String(decoding: [bad], as: UTF8.self)
            problem = bad < 0x80 ? "contains '\(character)'" : "contains a character other than a-z, 0-9 and '-'"
        } else if name.hasSuffix("-") || name.contains("--") {
            problem = "must not end in '-' or hold '--'"
        }
        guard let problem else { return }
        let suggestion = suggested(from: name)
        throw ScaffoldError(
            .invalidName, "invalid plugin name '\(name)': it \(problem)",
            hint: "use lower-case letters, digits and hyphens, e.g. "
                + (suggestion.isEmpty || suggestion == name ? "raise-hand" : suggestion))
    }

    /// `My Plugin_2` → `my-plugin-2`.
    static func suggested(from name: String) -> String {
        var out = ""
        for character in name.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                out.append(character)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        while let first = out.first, !first.isLetter { out.removeFirst() }
        return String(out.prefix(maximumLength))
    }

    /// `raise-hand` → `Raise hand`, for the package's name and the menu label.
    public static func title(_ name: String) -> String {
        let words = name.split(separator: "-").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// `raise-hand` → `onRaiseHand`: an identifier whatever the name (never a reserved word).
    public static func actionName(_ name: String) -> String {
        "on" + name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
