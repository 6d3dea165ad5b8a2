#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `serve --bump-branding-id`: gives manifest.json a new brandingID in place (atomic write, formatting kept),
/// so every save looks to the shell like a new upload does to production clients.
public enum ManifestBump {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Writes a brandingID newer than the current one into `directory/manifest.json`; returns it.
    public static func bump(inDirectory directory: String) throws(Failure) -> String {
        let path = directory + "/manifest.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "no manifest.json to bump in \(directory) (pexdev init writes one)")
        }
        let existing = [UInt8](data)
        do {
            let current = try JSONTextEditor.rootObject(existing)
            let next = BrandingID.next(
                after: ManifestUpdate.currentID(current), nowMilliseconds: BrandingID.systemMilliseconds())
            let update = try ManifestUpdate.bumping(existing, to: next)
            try AtomicFile.write(update.bytes, to: path)
            return next
        } catch let error as JSONEditError {
            throw Failure(description: "cannot edit manifest.json: \(error)")
        } catch let error as AtomicFile.Failure {
            throw Failure(description: error.description)
        } catch {
            throw Failure(description: "cannot bump manifest.json: \(error)")
        }
    }
}
