import PexDevServer
import PexHTTP

extension ServeCommand {
    /// Runs the server until SIGINT or SIGTERM: 0 after a clean stop, 1 if the server cannot start,
    /// 130 straight away on a second signal.
    static func run(_ options: ServeOptions, console: Console) -> Int32 {
        let log = TerminalLog(
            verbosity: options.verbosity, colored: console.colorsStandardError, output: console.standardError)
        // Listening before the server exists means a Ctrl-C during start-up stops it cleanly rather than killing it.
        let signals = ShutdownSignals { systemExitNow(ExitStatus.interrupted) }

        var configuration = options.configuration
        if let path = options.scenarioPath {
            guard let scenario = ScenarioFile.load(path, console: console, log: log) else { return ExitStatus.failure }
            configuration.scenario = scenario
            configuration.scenarioSource = path
        }
        let server: DevServer
        do {
            server = try DevServer(configuration: configuration, log: log)
        } catch {
            log.log(.error, error.description)
            if let hint = error.hint { console.standardError.write("  hint: \(hint)\n") }
            return ExitStatus.failure
        }
        for line in server.bannerLines {
            console.standardOutput.write(line + "\n")
        }
        do {
            try server.start()
        } catch {
            log.log(.error, error.description)
            server.stop(graceMilliseconds: 0)
            return ExitStatus.failure
        }

        signals.wait()
        log.log(.info, "stopping…")
        server.stop()
        return ExitStatus.success
    }
}
