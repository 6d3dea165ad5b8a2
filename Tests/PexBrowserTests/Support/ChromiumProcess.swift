import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A headless Chromium child speaking CDP on fds 3 and 4, with a throwaway profile; `stop()` leaves neither a
/// process nor the profile behind.
final class ChromiumProcess: @unchecked Sendable {
    /// Chromium's fd 3: where commands go.
    let commands: FileHandle
    /// Chromium's fd 4: where replies and events come from.
    let messages: FileHandle
    let profile: URL

    private let process = Process()
    private let exited = DispatchSemaphore(value: 0)
    private let standardError = Locked(Data())
    private static let keptStandardError = 64 * 1024

    // A write to the pipe of a Chromium that just died would raise SIGPIPE and end the whole test run.
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    init(executable: URL) throws {
        _ = Self.ignoreBrokenPipes
        profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pexdev-chromium-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)

        // Foundation's Process closes every inherited descriptor above 2 on Linux, so the shell moves the
        // stdin/stdout pipes onto fds 3/4 right before exec, where --remote-debugging-pipe looks for them.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments =
            ["-c", #"exec "$@" 3<&0 4>&1 0</dev/null 1>/dev/null"#, "sh", executable.path]
            + Self.flags(profile: profile) + ["about:blank"]
        var environment = ProcessInfo.processInfo.environment
        // Otherwise the crash handler writes to ~/.config/chromium and carries no trace of our profile path,
        // which is what teardown looks for to find every process this browser started.
        environment["BREAKPAD_DUMP_LOCATION"] = profile.appendingPathComponent("crashes").path
        process.environment = environment

        let toChromium = Pipe()
        let fromChromium = Pipe()
        let errors = Pipe()
        process.standardInput = toChromium
        process.standardOutput = fromChromium
        process.standardError = errors
        commands = toChromium.fileHandleForWriting
        messages = fromChromium.fileHandleForReading

        let standardError = self.standardError
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            // At end of file the handler would otherwise be called again and again with nothing.
            guard !data.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            standardError.withLock { kept in
                kept.append(data)
                if kept.count > Self.keptStandardError { kept = kept.suffix(Self.keptStandardError) }
            }
        }
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: profile)
            throw BrowserFailure("could not start \(executable.path): \(error)")
        }
    }

    static func flags(profile: URL) -> [String] {
        [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
            "--no-default-browser-check", "--user-data-dir=\(profile.path)", "--window-size=1280,800",
        ]
    }

    /// What Chromium last wrote to stderr, for failure messages.
    var diagnostics: String {
        let text = String(decoding: standardError.current, as: UTF8.self)
        return text.isEmpty ? "(Chromium wrote nothing to stderr)" : "Chromium's stderr ends with:\n\(text)"
    }

    /// Asks Chromium to quit with `askToQuit`, waits up to `grace`, then SIGTERM, then SIGKILL; then kills any
    /// helper still running and removes the profile. Safe to call twice.
    func stop(grace: TimeInterval = 5, afterAsking askToQuit: () -> Void = {}) {
        // Taken while they run: a dead helper's command line is empty, and only its pid is left to wait for.
        let family = ProcessTable.processes(commandLineContaining: profile.path)
        askToQuit()
        if !waitForExit(within: grace) {
            process.terminate()
            if !waitForExit(within: 3) {
                kill(process.processIdentifier, SIGKILL)
                _ = waitForExit(within: 3)
            }
        }
        let killed = killHelpers()
        try? FileManager.default.removeItem(at: profile)
        LeftoverProcesses.shared.expect(family + killed)
    }

    private func waitForExit(within seconds: TimeInterval) -> Bool {
        guard process.isRunning else { return true }
        return exited.wait(timeout: .now() + seconds) == .success
    }

    /// Helpers notice the browser is gone on their own, but not at once; they are ours, so they are killed until
    /// none runs. Returns the pids killed.
    private func killHelpers() -> [Int32] {
        let marker = profile.path
        let deadline = Date().addingTimeInterval(5)
        var killed: [Int32] = []
        while Date() < deadline {
            let running = ProcessTable.processes(commandLineContaining: marker)
            if running.isEmpty { break }
            for pid in running { kill(pid, SIGKILL) }
            killed += running
            usleep(20_000)  // poll interval while the kernel ends the killed processes
        }
        return killed
    }
}
