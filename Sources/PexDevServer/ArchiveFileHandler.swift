import PexBranding
import PexHTTP

/// A branding ZIP's tree at `/webapp2/custom_configuration/`, served read-only from the archive unpacked in
/// memory (validated before serving), with the same path rules, ETag/304 and 405 as the shell's files.
struct ArchiveFileHandler: HTTPResponding {
    private let files: MemoryFileHandler
    private let archiveName: String

    init(archive: BrandingArchive, mountPath: String) {
        files = MemoryFileHandler(files: archive.files, mountPath: mountPath)
        archiveName = archive.path.split(separator: "/").last.map(String.init) ?? archive.path
    }

    func respond(to request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        do {
            return try files.respond(to: request)
        } catch  where error.status == .notFound && error.message.hasPrefix("no file ") {
            // The shell's wording would name the wrong place.
            let path = request.path.dropFirst(files.mountPath.count)
            throw HTTPError(.notFound, "no file \(path) in the branding archive \(archiveName)")
        }
    }
}
