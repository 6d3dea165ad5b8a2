#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One CSP violation report from a browser, in either format: `report-uri`'s `application/csp-report`
/// (`{"csp-report": {…}}`) or the Reporting API's `application/reports+json` (`[{"type": "csp-violation",
/// "body": {…}}]`). Every field is optional: browsers differ, and the input is untrusted.
public struct CSPViolation: Sendable, Equatable, Codable {
    public var documentURL: String?
    public var blockedURL: String?
    /// `connect-src`, `script-src-elem`… (the effective directive, else the violated one).
    public var directive: String?
    public var originalPolicy: String?
    /// `enforce` or `report`.
    public var disposition: String?
    public var sourceFile: String?
    public var line: Int?
    public var column: Int?
    public var sample: String?

    public init(
        documentURL: String? = nil, blockedURL: String? = nil, directive: String? = nil,
        originalPolicy: String? = nil, disposition: String? = nil, sourceFile: String? = nil, line: Int? = nil,
        column: Int? = nil, sample: String? = nil
    ) {
        self.documentURL = documentURL
        self.blockedURL = blockedURL
        self.directive = directive
        self.originalPolicy = originalPolicy
        self.disposition = disposition
        self.sourceFile = sourceFile
        self.line = line
        self.column = column
        self.sample = sample
    }

    /// Every violation in a report body; empty when it is not a report (wrong shape, not JSON). Read with the
    /// project's own JSON reader (bounded depth and size), not Foundation's.
    public static func parse(_ bytes: [UInt8]) -> [CSPViolation] {
        var limits = JSONReaderLimits()
        limits.maximumDepth = 16
        limits.maximumBytes = 1 << 20
        guard let root = try? JSONReader.read(bytes, limits: limits).root else { return [] }
        if let body = root["csp-report"]?.value, body.members != nil {
            return [
                CSPViolation(
                    documentURL: string(body["document-uri"]), blockedURL: string(body["blocked-uri"]),
                    directive: directiveName(string(body["effective-directive"]) ?? string(body["violated-directive"])),
                    originalPolicy: string(body["original-policy"]), disposition: string(body["disposition"]),
                    sourceFile: string(body["source-file"]), line: int(body["line-number"]),
                    column: int(body["column-number"]), sample: string(body["script-sample"]))
            ]
        }
        guard let list = root.elements else { return [] }
        return list.prefix(100).compactMap { report in
            guard string(report["type"]) == "csp-violation", let body = report["body"]?.value, body.members != nil
            else { return nil }
            return CSPViolation(
                documentURL: string(body["documentURL"]) ?? string(report["url"]),
                blockedURL: string(body["blockedURL"]),
                directive: directiveName(string(body["effectiveDirective"]) ?? string(body["violatedDirective"])),
                originalPolicy: string(body["originalPolicy"]), disposition: string(body["disposition"]),
                sourceFile: string(body["sourceFile"]), line: int(body["lineNumber"]),
                column: int(body["columnNumber"]), sample: string(body["sample"]))
        }
    }

    /// Bounded, printable text: reports are untrusted input that ends up in a terminal.
    private static func string(_ member: JSONMember?) -> String? {
        guard let text = member?.value.stringValue, !text.isEmpty else { return nil }
        let printable = String(
            String.UnicodeScalarView(
                text.unicodeScalars.prefix(2048).map { $0.properties.generalCategory == .control ? "?" : $0 }))
        return printable
    }

    private static func int(_ member: JSONMember?) -> Int? {
        guard case .number(let text)? = member?.value.value, let number = Double(text), number >= 0, number < 1e9
        else { return nil }
        return Int(number)
    }

    /// `violated-directive` was the whole directive in CSP2 (`connect-src 'self'`): keep the name.
    private static func directiveName(_ text: String?) -> String? {
        text.flatMap { $0.split(separator: " ").first.map { String($0).lowercased() } }
    }
}
