import COpenSSL

/// Turns a failed handshake into the sentence a user can act on: which check failed, what the node presented,
/// and the flag that fixes it, instead of a bare 502.
enum TLSFailure {
    static func describe(ssl: OpaquePointer, node: NodeAddress, closed: Bool) -> ProxyFailure {
        var text = [CChar](repeating: 0, count: 256)
        let verdict = pexdev_tls_verify_result(ssl, &text, text.count)
        let description = string(text)
        var names = [CChar](repeating: 0, count: 512)
        var issuer = [CChar](repeating: 0, count: 256)
        var notAfter = [CChar](repeating: 0, count: 64)
        pexdev_tls_peer_details(ssl, &names, names.count, &issuer, issuer.count, &notAfter, notAfter.count)
        let presented = string(names)
        let prefix = "TLS certificate of \(node.endpoint) rejected"
        let fix = "fix the node's certificate, pass its CA with --ca-file, or use --insecure (not for production)"
        switch Int32(verdict) {
        case X509_V_OK:
            break
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return ProxyFailure(.tls, "\(prefix): it expired on \(string(notAfter)) (\(fix))")
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return ProxyFailure(.tls, "\(prefix): it is not valid yet (check this machine's clock)")
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
            return ProxyFailure(
                .tls,
                "\(prefix): it is for \(presented.isEmpty ? "other names" : presented), not \(node.host) "
                    + "(use the node's name in --node, or \(fix))")
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
            X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            let by = issuer.first == 0 ? "" : " (issued by \"\(string(issuer))\")"
            return ProxyFailure(
                .tls,
                "\(prefix): unknown certificate authority\(by); pass that CA's certificate with --ca-file ca.pem, "
                    + "or use --insecure (not for production)")
        default:
            return ProxyFailure(.tls, "\(prefix): \(description)")
        }
        let reason = lastError()
        if closed && reason.isEmpty {
            return ProxyFailure(.tls, "TLS handshake with \(node.endpoint) failed: the node closed the connection")
        }
        if reason.contains("wrong version number") || reason.contains("packet length too long") {
            return ProxyFailure(
                .tls,
                "TLS handshake with \(node.endpoint) failed: it does not speak TLS on that port (plain HTTP? "
                    + "try --node http://\(node.hostHeader))")
        }
        return ProxyFailure(
            .tls, "TLS handshake with \(node.endpoint) failed: \(reason.isEmpty ? "unknown error" : reason)")
    }

    static func lastError() -> String {
        var text = [CChar](repeating: 0, count: 256)
        pexdev_tls_last_error(&text, text.count)
        return string(text)
    }

    static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
