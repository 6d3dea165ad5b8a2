import Foundation

/// Processes found by their command line in /proc: how teardown finds Chromium's helpers (zygotes, renderers,
/// crash handler), which outlive a killed browser process and are not all its children.
enum ProcessTable {
    /// Live processes whose command line contains `marker`; empty where there is no /proc.
    static func processes(commandLineContaining marker: String) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        let own = ProcessInfo.processInfo.processIdentifier
        return entries.compactMap(Int32.init).filter { pid in
            // /proc files report size 0, so read to the end rather than trusting the size.
            guard pid != own, let file = FileHandle(forReadingAtPath: "/proc/\(pid)/cmdline") else { return false }
            defer { try? file.close() }
            guard let data = try? file.readToEnd() else { return false }
            return String(decoding: data, as: UTF8.self).contains(marker)
        }
    }
}
