import Foundation
import XCTest

@testable import PexCLI

/// The completion scripts cover every command, option and fixed value the parser knows, and work in the shells.
final class CompletionsTests: XCTestCase {
    func testEveryCommandAndOptionIsInEveryScript() {
        for shell in CompletionsShell.allCases {
            let script = CompletionsCommand.script(for: shell)
            for topic in HelpTopic.allCases {
                let spec = topic.command
                for entry in spec.subcommands {
                    XCTAssertTrue(script.contains(entry.name), "\(shell): subcommand \(entry.name)")
                }
                for option in spec.options {
                    let spelled = shell == .fish ? "-l \(option.long)" : option.spelledLong
                    XCTAssertTrue(script.contains(spelled), "\(shell): \(spec.invocation) \(option.spelledLong)")
                    for choice in option.choices {
                        XCTAssertTrue(script.contains(choice), "\(shell): \(option.spelledLong) value \(choice)")
                    }
                }
            }
        }
    }

    func testEveryRootSubcommandHasAHelpTopic() {
        // The completions come from HelpTopic.allCases: a subcommand missing there would be missing from them.
        let covered = Set(HelpTopic.allCases.map { $0.command.invocation })
        for entry in RootCommand.spec.subcommands where entry.name != "help" {
            XCTAssertTrue(covered.contains("pexdev " + entry.name), entry.name)
        }
    }

    func testParsing() {
        XCTAssertEqual(try RootCommand.parse(["completions", "zsh"], environment: [:]).get(), .completions(.zsh))
        guard case .failure(let error) = RootCommand.parse(["completions", "bsh"], environment: [:]) else {
            return XCTFail("bsh accepted")
        }
        XCTAssertEqual(
            error.message,
            "The value 'bsh' is invalid for '<shell>': expected one of bash, zsh, fish. Did you mean 'bash'?")
    }

    /// Completes `words` (the last one being completed) with the bash script, as bash would.
    private func bashComplete(_ words: [String]) throws -> [String] {
        guard let bash = TestBinary.tool("bash") else { throw XCTSkip("bash is not installed") }
        let script = CompletionsCommand.script(for: .bash)
        let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
        let driver =
            script + """

                COMP_WORDS=(\(quoted))
                COMP_CWORD=\(words.count - 1)
                _pexdev
                printf '%s\\n' "${COMPREPLY[@]}"
                """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bash)
        process.arguments = ["--norc", "--noprofile", "-c", driver]
        process.currentDirectoryURL = URL(fileURLWithPath: try TestBinary.temporaryFolder())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, output)
        return output.split(separator: "\n").map(String.init)
    }

    func testBashCompletesSubcommandsOptionsAndValues() throws {
        XCTAssertEqual(try bashComplete(["pexdev", "pa"]), ["package"])
        XCTAssertEqual(try bashComplete(["pexdev", "c"]), ["check", "csp", "completions"])
        XCTAssertEqual(try bashComplete(["pexdev", "serve", "--fo"]), ["--follow-symlinks"])
        XCTAssertEqual(try bashComplete(["pexdev", "check", "--format", ""]), ["text", "json", "github"])
        XCTAssertEqual(try bashComplete(["pexdev", "new", ""]), ["plugin"])
        XCTAssertEqual(try bashComplete(["pexdev", "new", "plugin", "x", "--menu", "p"]), ["participants"])
        XCTAssertEqual(try bashComplete(["pexdev", "new", "plugin", "--m"]), ["--menu"])
        XCTAssertEqual(try bashComplete(["pexdev", "completions", "f"]), ["fish"])
        XCTAssertEqual(try bashComplete(["pexdev", "help", "mo"]), ["mock"])
        XCTAssertEqual(try bashComplete(["pexdev", "serve", "--port", ""]), [], "a port is free text")
        XCTAssertEqual(try bashComplete(["pexdev", "new", "plugin", ""]), [], "a new name is free text")
    }

    func testZshAndFishScriptsParse() throws {
        var checked = 0
        for (shell, tool, arguments) in [(CompletionsShell.zsh, "zsh", ["-n"]), (.fish, "fish", ["--no-execute"])] {
            guard let path = TestBinary.tool(tool) else {
                print("CompletionsTests: \(tool) is not installed; its script's syntax is not checked")
                continue
            }
            let file = try TestBinary.temporaryFolder() + "/script"
            try CompletionsCommand.script(for: shell).write(toFile: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments + [file]
            let pipe = Pipe()
            process.standardError = pipe
            try process.run()
            let errors = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(tool): \(errors)")
            checked += 1
        }
        if checked == 0 { throw XCTSkip("neither zsh nor fish is installed") }
    }
}
