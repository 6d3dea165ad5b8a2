import Foundation
import PexMock

/// Checks a concrete response (method, path, status, body) against the mock's OpenAPI document
/// (`Sources/PexMock/Resources/openapi.json`). Use `OpenAPIValidator.shared.errors(...)` from any test; an
/// empty list means the response is one the document describes.
final class OpenAPIValidator: Sendable {
    /// The repository's document, read once. If it cannot be read, every check reports why.
    static let shared = OpenAPIValidator.loadRepositoryDocument()

    /// The document as read.
    let text: String
    let document: OpenAPIJSON
    /// Why the document could not be used (then `errors` always returns this).
    let loadError: String?
    /// `servers[0].url`, the prefix every concrete path starts with (`/api/client/v2`).
    let serverPath: String
    let templates: [OpenAPIPathTemplate]
    let schemas: OpenAPISchemaValidator

    /// The operations' methods as `paths` spells them.
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// `readError`: the document could not be read at all (every check then reports it).
    init(text: String, readError: String? = nil) {
        self.text = text
        var document = OpenAPIJSON.object([:])
        var loadError = readError
        if loadError == nil {
            do {
                document = try OpenAPIJSON.parse(Array(text.utf8))
            } catch {
                loadError = "the OpenAPI document is not JSON: \(error)"
            }
        }
        self.document = document
        serverPath = document["servers"]?.arrayValue?.first?["url"]?.stringValue ?? ""
        templates = (document["paths"]?.objectValue?.keys.sorted() ?? []).map(OpenAPIPathTemplate.init)
        if loadError == nil && templates.isEmpty { loadError = "the OpenAPI document has no paths" }
        self.loadError = loadError
        schemas = OpenAPISchemaValidator(document: document)
    }

    /// Where the repository keeps the document, found from this file's own path.
    static var repositoryDocumentURL: URL {
        URL(fileURLWithPath: #filePath)  // Tests/PexMockTests/Support/OpenAPIValidator.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/PexMock/Resources/openapi.json")
    }

    static func loadRepositoryDocument() -> OpenAPIValidator {
        do {
            return OpenAPIValidator(text: try String(contentsOf: repositoryDocumentURL, encoding: .utf8))
        } catch {
            return OpenAPIValidator(text: "", readError: "cannot read \(repositoryDocumentURL.path): \(error)")
        }
    }

    // MARK: checking responses

    /// Everything wrong with this response, as `pointer: problem` lines (empty when it conforms).
    /// `path` is the full request path (`/api/client/v2/conferences/meet/lock`, a query is ignored).
    /// `contentType` picks the media type when the response documents several; JSON bodies are checked,
    /// others (the event stream) only for being documented. A HEAD response's body is not checked.
    func errors(method: String, path: String, status: Int, body: [UInt8], contentType: String? = nil) -> [String] {
        if let loadError { return [loadError] }
        let verb = method.uppercased()
        guard let relative = relativePath(path) else {
            return ["\(path) is outside the document's server URL \(serverPath)"]
        }
        guard let (template, operations) = pathItem(for: relative) else {
            // Anything under the prefix that is no documented call is answered 404 (info.description).
            guard status == 404 else {
                return ["no path in the document matches \(relative); only a 404 is expected there, got \(status)"]
            }
            return check(component("NotFound"), status: status, body: body, contentType: contentType)
        }
        let operation = operations[verb.lowercased()] ?? (verb == "HEAD" ? operations["get"] : nil)
        guard let operation else {
            // Undocumented methods get 405 (or 404 when the alias is unknown, looked up first) per info.description.
            guard status == 405 || status == 404 else {
                return [
                    "\(verb) is not documented for \(template.template); an undocumented method must get 405, got \(status)"
                ]
            }
            return check(
                component(status == 405 ? "MethodNotAllowed" : "NotFound"), status: status, body: body,
                contentType: contentType)
        }
        let responses = operation["responses"]?.objectValue ?? [:]
        let range = "\(status / 100)XX"
        guard let response = responses[String(status)] ?? responses[range] ?? responses["default"] else {
            let documented = responses.keys.sorted().joined(separator: ", ")
            return ["status \(status) is not documented for \(verb) \(template.template) (documented: \(documented))"]
        }
        return check(response, status: status, body: verb == "HEAD" ? nil : body, contentType: contentType)
    }

    /// `errors` for a body given as text.
    func errors(method: String, path: String, status: Int, body: String, contentType: String? = nil) -> [String] {
        errors(method: method, path: path, status: status, body: Array(body.utf8), contentType: contentType)
    }

    /// Errors of any JSON value against a named schema (`Participant`), for event payloads and the like.
    func errors(_ value: OpenAPIJSON, schema name: String) -> [String] {
        if let loadError { return [loadError] }
        guard document.value(at: "#/components/schemas/\(name)") != nil else { return ["no schema named \(name)"] }
        return schemas.errors(value, against: .object(["$ref": .string("#/components/schemas/\(name)")]))
    }

    // MARK: looking things up

    /// The path template and its operations (`get`, `post`, …) for a path below the server URL.
    func pathItem(for relative: String) -> (OpenAPIPathTemplate, [String: OpenAPIJSON])? {
        let concrete = OpenAPIPathTemplate.concreteSegments(Substring(relative))
        let matching = templates.filter { $0.match(concrete) != nil }
        guard let best = matching.max(by: { $0.literalCount < $1.literalCount }),
            let item = document["paths"]?[best.template]?.objectValue
        else { return nil }
        return (best, item.filter { Self.methods.contains($0.key) })
    }

    /// The part of `path` after the server URL, or nil if it is not below it.
    func relativePath(_ path: String) -> String? {
        guard path.hasPrefix(serverPath) else { return nil }
        let rest = String(path.dropFirst(serverPath.count))
        guard rest.isEmpty || rest.hasPrefix("/") || rest.hasPrefix("?") else { return nil }
        return rest.isEmpty || rest.hasPrefix("?") ? "/" + rest : rest
    }

    /// Follows `$ref`s to the object they name (a response, parameter or schema), or nil.
    func resolved(_ value: OpenAPIJSON) -> OpenAPIJSON? {
        var current = value
        for _ in 0..<32 {
            guard case .string(let reference)? = current["$ref"] else { return current }
            guard reference.hasPrefix("#/"), let target = document.value(at: reference) else { return nil }
            current = target
        }
        return nil
    }

    private func component(_ name: String) -> OpenAPIJSON {
        .object(["$ref": .string("#/components/responses/\(name)")])
    }

    /// A response object against a status and body (nil body: not checked, as for HEAD).
    private func check(_ response: OpenAPIJSON, status: Int, body: [UInt8]?, contentType: String?) -> [String] {
        guard let response = resolved(response) else { return ["status \(status): its response $ref does not resolve"] }
        guard let content = response["content"]?.objectValue, !content.isEmpty else {
            guard let body, !body.isEmpty else { return [] }
            return ["status \(status) documents no body, got \(body.count) bytes"]
        }
        let mediaType: String
        if let contentType {
            let wanted = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let documented = content.keys.first(where: { $0.lowercased() == wanted.lowercased() }) else {
                return ["status \(status) is documented as \(content.keys.sorted()), not \(wanted)"]
            }
            mediaType = documented
        } else {
            mediaType = content.keys.first(where: Self.isJSON) ?? content.keys.sorted().first ?? ""
        }
        guard Self.isJSON(mediaType), let body else { return [] }
        guard let schema = content[mediaType]?["schema"] else { return [] }
        let value: OpenAPIJSON
        do {
            value = try OpenAPIJSON.parse(body)
        } catch {
            return ["(root): \(error) (body: \(String(decoding: body.prefix(80), as: UTF8.self)))"]
        }
        return schemas.errors(value, against: schema)
    }

    private static func isJSON(_ mediaType: String) -> Bool {
        let lower = mediaType.lowercased()
        return lower == "application/json" || lower.hasSuffix("+json")
    }
}
