import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The real built `pexdev serve` on a free port (`--port 0`), for a browser to load; `stop()` always ends it.
final class PexdevServer: @unchecked Sendable {
    /// `http://127.0.0.1:<port>/`: the server's origin, read from the start banner.
    let baseURL: URL
    /// The banner's `app` URL: the Webapp2 shell (`<base>/webapp2/`, perhaps with a query pexdev suggests).
    let appURL: URL

    private let process: Process
    private let exited: DispatchSemaphore
    private let output: Locked<Data>
    private let errors: Locked<Data>

    private init(
        process: Process, exited: DispatchSemaphore, output: Locked<Data>, errors: Locked<Data>, appURL: URL
    ) throws {
        self.process = process
        self.exited = exited
        self.output = output
        self.errors = errors
        self.appURL = appURL
        guard let base = URL(string: "/", relativeTo: appURL)?.absoluteURL else {
            throw BrowserFailure("no origin in the banner's app URL \(appURL)")
        }
        baseURL = base
    }

    deinit { stop() }

    var isRunning: Bool { process.isRunning }

    var standardOutput: String { String(decoding: output.current, as: UTF8.self) }
    var standardError: String { String(decoding: errors.current, as: UTF8.self) }

    /// Starts `pexdev serve <branding> --port 0 <arguments>` and waits for the banner that says where it listens.
    static func start(
        serving branding: URL = PackageRoot.sampleBranding, arguments: [String] = [],
        timeout: TimeInterval = CDPConnection.defaultTimeout
    ) async throws -> PexdevServer {
        let process = Process()
        process.executableURL = try PexdevBinary.locate()
        process.arguments = ["serve", branding.path, "--port", "0"] + arguments
        process.environment = PexdevBinary.environment()
        process.standardInput = FileHandle.nullDevice
        let output = Locked(Data())
        let errors = Locked(Data())
        let banner = OneShot<URL>()
        let exited = DispatchSemaphore(value: 0)
        collect(into: output, from: process, standardOutput: true) { text in
            if let url = appURL(inBanner: text) { banner.fulfil(.success(url)) }
        }
        collect(into: errors, from: process, standardOutput: false) { _ in }
        process.terminationHandler = { process in
            banner.fulfil(
                .failure(BrowserFailure("pexdev exited (status \(process.terminationStatus)) before its banner")))
            exited.signal()
        }
        try process.run()
        do {
            let appURL = try await banner.value(within: timeout, waitingFor: "pexdev's start banner")
            return try PexdevServer(process: process, exited: exited, output: output, errors: errors, appURL: appURL)
        } catch {
            stop(process, exited: exited)
            let out = String(decoding: output.current, as: UTF8.self)
            let err = String(decoding: errors.current, as: UTF8.self)
            throw BrowserFailure("\(error)\npexdev stdout: \(out)\npexdev stderr: \(err)")
        }
    }

    /// SIGTERM, then SIGKILL if it has not exited within `grace` seconds. Safe to call twice.
    func stop(grace: TimeInterval = 5) {
        Self.stop(process, exited: exited, grace: grace)
    }

    private static func stop(_ process: Process, exited: DispatchSemaphore, grace: TimeInterval = 5) {
        guard process.isRunning else { return }
        process.terminate()
        if exited.wait(timeout: .now() + grace) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + grace)
        }
    }

    /// The URL on the banner line `  app       http://127.0.0.1:PORT/webapp2/`, once that line is complete.
    static func appURL(inBanner text: String) -> URL? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        where line.hasPrefix("  app ") {
            if let last = line.split(separator: " ").last, let url = URL(string: String(last)), url.port != nil {
                return url
            }
        }
        return nil
    }

    /// Appends what the process writes to `buffer` and hands `inspect` everything written so far.
    private static func collect(
        into buffer: Locked<Data>, from process: Process, standardOutput: Bool,
        inspect: @escaping @Sendable (String) -> Void
    ) {
        let pipe = Pipe()
        if standardOutput { process.standardOutput = pipe } else { process.standardError = pipe }
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            // At end of file the handler would otherwise be called again and again with nothing.
            guard !data.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            let all = buffer.withLock { collected in
                collected.append(data)
                return collected
            }
            inspect(String(decoding: all, as: UTF8.self))
        }
    }
}
