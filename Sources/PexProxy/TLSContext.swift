import COpenSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The OpenSSL client context for the node: TLS 1.2+, certificates checked against the system's CAs plus
/// `--ca-file`, unless `--insecure`. Made once at start, so a bad CA file is reported before serving.
final class TLSContext: @unchecked Sendable {
    let context: OpaquePointer
    let insecure: Bool

    /// Throws the sentence to print after "--ca-file <path>: " (or a general one without a file).
    init(caFile: String?, insecure: Bool) throws(ProxySetupError) {
        if let caFile {
            guard let file = fopen(caFile, "r") else {
                throw ProxySetupError(
                    "--ca-file \(caFile): cannot read it (\(String(cString: strerror(errno))))",
                    hint: "give the path of the PEM file holding your node's CA certificate")
            }
            fclose(file)
        }
        var error = [CChar](repeating: 0, count: 256)
        guard let context = pexdev_tls_client_context(caFile, insecure ? 1 : 0, &error, error.count) else {
            let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let caFile {
                throw ProxySetupError(
                    "--ca-file \(caFile): no PEM certificate could be read from it",
                    hint: "give a PEM file with one or more -----BEGIN CERTIFICATE----- blocks (OpenSSL: \(reason))")
            }
            throw ProxySetupError("cannot set up TLS: \(reason)")
        }
        self.context = context
        self.insecure = insecure
    }

    deinit { SSL_CTX_free(context) }
}

/// A proxy setting that cannot work (bad CA file), found before serving starts.
public struct ProxySetupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public let hint: String?
    public init(_ description: String, hint: String? = nil) {
        self.description = description
        self.hint = hint
    }
}
