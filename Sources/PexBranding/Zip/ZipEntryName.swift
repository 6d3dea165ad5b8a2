/// Checks an entry's name before anything uses it (security.md item 33): a relative `/`-separated UTF-8
/// path that cannot leave the folder it is unpacked into, on Linux or on Windows.
enum ZipEntryName {
    static func validate(_ raw: ArraySlice<UInt8>) throws(ZipError) -> String {
        // Printable for messages even when invalid: replacement characters rather than raw bytes.
        let shown = String(String(decoding: raw, as: UTF8.self).map { ($0.asciiValue ?? 0x20) < 0x20 ? "?" : $0 })
        let quoted = "'" + shown + "'"
        guard !raw.isEmpty else { throw ZipError(.unsafeName, "an entry has an empty name") }
        // Bit 11 or not, names are taken as UTF-8: Info-ZIP on Linux and macOS writes UTF-8 without the flag,
        // and legacy code-page names are refused rather than guessed.
        guard let name = String(validating: raw, as: UTF8.self) else {
            throw ZipError(
                .unsafeName, "entry \(quoted) has a name that is not UTF-8",
                hint: "re-create the archive with a tool that writes UTF-8 names (zip 3, or pexdev package)")
        }
        if raw.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw ZipError(.unsafeName, "entry \(quoted) has a control character in its name")
        }
        if raw.contains(UInt8(ascii: "\\")) {
            throw ZipError(
                .unsafeName, "entry \(quoted) contains a backslash, a Windows path separator",
                hint: "re-create the archive with a tool that writes '/' separators (zip, or pexdev package)")
        }
        if raw.first == UInt8(ascii: "/") || isDrivePath(raw) {
            throw ZipError(.unsafeName, "entry \(quoted) has an absolute path; entries must be relative")
        }
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        for (index, component) in components.enumerated() {
            if component == ".." {
                throw ZipError(.unsafeName, "entry \(quoted) climbs out of the archive's folder with '..'")
            }
            // A trailing "/" marks a folder; any other empty or "." component is a path no tool writes.
            if component == "." || (component.isEmpty && index != components.count - 1) {
                throw ZipError(.unsafeName, "entry \(quoted) has an empty or '.' path component")
            }
        }
        return name
    }

    /// `C:` at the start: an absolute path on Windows.
    private static func isDrivePath(_ raw: ArraySlice<UInt8>) -> Bool {
        guard raw.count >= 2 else { return false }
        let first = raw[raw.startIndex]
        let isLetter = (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A)
        return isLetter && raw[raw.startIndex + 1] == UInt8(ascii: ":")
    }
}
