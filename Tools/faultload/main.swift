// pexdev-faultload: load and fault scenarios against a running `pexdev serve` on 127.0.0.1 (security.md items
// 23-27). Each scenario is bounded in count and time and stops by itself; results are printed as
// `row|scenario|figure|value|target|verdict` lines, which scripts/faults.sh turns into a table.
// Usage: pexdev-faultload SCENARIO --port P --pid PID --tree DIR [options] (--help lists them)
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

signal(SIGPIPE, SIG_IGN)
let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
guard ServerProbe(pid: options.pid).isAlive else {
    FileHandle.standardError.write(Data("pexdev-faultload: no process \(options.pid)\n".utf8))
    exit(1)
}
let report = Report(scenario: options.scenario)
switch options.scenario {
case "slowloris": runSlowloris(options, report)
case "idle": runIdleFlood(options, report)
case "reload": runReloadStorm(options, report)
case "vanish": runVanishingClients(options, report)
case "soak": runSoak(options, report)
default: break
}
let alive = ServerProbe(pid: options.pid).isAlive
report.row("server still running", alive ? "yes" : "NO", ok: alive)
exit(report.failed ? 1 : 0)
