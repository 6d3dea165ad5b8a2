/// Reads a branding tree once and resolves it into a `BrandingModel`, applying the rules of
/// `RuleDescription.all` on the way, so `check`, `serve` and the shell share one resolver (architecture.md).
/// Each file is read at most once; folders are listed once through `TreeListing`.
struct BrandingResolver {
    /// A plugin source bigger than this is not scanned: each token costs 48 bytes (token, bracket partner,
    /// depth), several times the file's size for minified code; plugins that bundle a library stay far below.
    static let sourceSizeLimit = 4 << 20
    static let iconSizeLimit = 4 << 20
    /// Beyond this many files the unreferenced-file rule is skipped: the tree is probably not a branding tree.
    static let walkLimit = 20_000

    var tree: TreeListing
    var diagnostics = DiagnosticList()
    var filesRead = 0
    var model = BrandingModel()
    /// By package file path; nil when the file is not a usable JSON object. Read once however many entries
    /// name it.
    var packages: [String: PackageAnalysis?] = [:]
    var sources: [String: SourceAnalysis?] = [:]
    var icons: [String: SVGScan?] = [:]
    /// Files something references (manifest, settings, packages, sources, icons).
    var referencedFiles: Set<String> = []
    /// Folders of package files, and folders that settings.json points into: their files belong to a plugin.
    var pluginFolders: Set<String> = []
    var settingsParsed = false

    init(root: String, fileSystem: any BrandingFileSystem) {
        tree = TreeListing(root: root, fileSystem: fileSystem)
    }

    mutating func resolve() -> CheckReport {
        checkManifest()
        let entries = readSettings()
        var firstUse: [String: JSONNode] = [:]
        for (index, node) in entries {
            resolveEntry(index: index, node: node, firstUse: &firstUse)
        }
        crossCheckSources()
        if settingsParsed { checkUnreferencedFiles() }
        collectOrigins()
        return CheckReport(root: tree.root, diagnostics: diagnostics.sorted(), model: model, filesRead: filesRead)
    }

    // MARK: reading

    mutating func read(_ path: String, limit: Int) -> Result<[UInt8], FileSystemFailure> {
        filesRead += 1
        do {
            if let fast = tree.fileSystem as? any FastTreeReading {
                return .success(try fast.sizedContents(of: tree.absolute(path), upTo: limit))
            }
            return .success(try tree.fileSystem.contents(of: tree.absolute(path), upTo: limit))
        } catch {
            return .failure(error)
        }
    }

    enum JSONRead {
        case document(JSONNode)
        /// A syntax error, already reported.
        case invalid
        case unreadable(reason: String)
    }

    /// Reads and parses a JSON file, reporting syntax errors (PEX001) and the reader's warnings.
    mutating func readJSON(_ path: String) -> JSONRead {
        let limits = JSONReaderLimits()
        let bytes: [UInt8]
        switch read(path, limit: limits.maximumBytes + 1) {
        case .failure(let failure): return .unreadable(reason: failure.reason)
        case .success(let contents): bytes = contents
        }
        do {
            let document = try JSONReader.read(bytes, limits: limits)
            for warning in document.warnings {
                let rule: RuleDescription = warning.errorKind == .byteOrderMark ? .jsonByteOrderMark : .jsonDuplicateKey
                diagnostics.add(rule, path, warning.range, warning.message, hint: warning.hint)
            }
            return .document(document.root)
        } catch {
            var hint = error.hint
            if path.lowercased().hasSuffix(".js") {
                hint =
                    "this is a JavaScript file: settings.json's srcURL names the plugin's package file (JSON),"
                    + " and the package's srcURL names the source"
            }
            diagnostics.add(.jsonSyntax, path, error.range, error.message, hint: hint)
            return .invalid
        }
    }

    // MARK: helpers for messages

    /// The first character of a node: where "this object has no …" points.
    static func opening(_ node: JSONNode) -> SourceRange {
        let start = node.range.start
        return SourceRange(
            start: start, end: SourcePosition(line: start.line, column: start.column + 1, offset: start.offset + 1))
    }

    static func location(_ file: String, _ range: SourceRange) -> String {
        "\(file):\(range.start.line):\(range.start.column)"
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
