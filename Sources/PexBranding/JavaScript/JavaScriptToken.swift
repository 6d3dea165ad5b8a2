/// One token of a plugin source, as byte offsets into the file; enough structure to find calls, object
/// literal keys and top-level declarations without a parser.
struct JavaScriptToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Identifiers and keywords alike.
        case identifier
        /// `'…'` or `"…"`.
        case string
        /// One chunk of a template literal: from `` ` `` or the `}` ending a substitution, to `` ` `` or `${`.
        case template
        case number
        case regex
        /// One character, or `=>` and `...` kept whole.
        case punctuator
    }

    var kind: Kind
    var start: Int
    var end: Int
    /// A line terminator (or a comment holding one) separates this token from the previous one.
    var followsNewline: Bool
    /// For templates: the chunk starts after a substitution's `}` (else after `` ` ``).
    var continuesTemplate = false
    /// For templates: the chunk ends at `${` (else at the closing `` ` ``).
    var opensSubstitution = false
}
