/// Why an archive cannot be read or written, in words for the terminal: what is wrong, in which entry, and
/// (in `hint`) what to do about it. `kind` is for tests and exit codes; the wording lives in `message`.
public struct ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// No end-of-central-directory record: not a ZIP file at all.
        case notAZip
        /// The file ends before a structure it announces (a cut download).
        case truncated
        /// Structures that contradict each other, or deflate data that does not decode.
        case corrupt
        /// A feature pexdev does not read: split archives, encryption, compression other than stored/deflate.
        case unsupported
        /// `..`, an absolute path, a backslash, control characters, an empty name, not UTF-8.
        case unsafeName
        /// A symbolic link, device or FIFO entry.
        case notARegularFile
        case duplicateName
        case tooManyEntries
        /// Over the size limits (the whole archive, one entry, or all entries together).
        case tooLarge
        /// An entry that expands far more than real files do, or entries sharing data: a zip bomb.
        case compressionRatio
        case badChecksum
        /// Reading or writing the file failed.
        case fileSystem
    }

    public var kind: Kind
    /// One sentence, naming the entry when there is one.
    public var message: String
    public var hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public var description: String { message }

    static func truncated(_ what: String) -> ZipError {
        ZipError(
            .truncated, "the archive is truncated: \(what)",
            hint: "the file was cut short (an interrupted download or copy?): fetch or build it again")
    }

    static func corrupt(_ what: String) -> ZipError {
        ZipError(.corrupt, "the archive is corrupt: \(what)", hint: "build it again, e.g. with pexdev package")
    }
}
