import Foundation

/// One `paths` key (`/conferences/{alias}/participants/{uuid}/mute`) matched against concrete path segments.
struct OpenAPIPathTemplate: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    let template: String
    let segments: [Segment]

    init(_ template: String) {
        self.template = template
        segments = template.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
    }

    /// More literal segments is a more specific template: it wins over one that only matches by parameters.
    var literalCount: Int { segments.filter { if case .literal = $0 { return true } else { return false } }.count }

    /// The path parameters when `concrete` (already split and percent-decoded) fits, else nil.
    func match(_ concrete: [String]) -> [String: String]? {
        guard concrete.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, value) in zip(segments, concrete) {
            switch segment {
            case .literal(let text): guard text == value else { return nil }
            case .parameter(let name):
                guard !value.isEmpty else { return nil }
                parameters[name] = value
            }
        }
        return parameters
    }

    /// Splits a request path (query and fragment dropped) into percent-decoded segments.
    static func concreteSegments(_ path: Substring) -> [String] {
        let bare = path.prefix { $0 != "?" && $0 != "#" }
        return bare.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    }
}
