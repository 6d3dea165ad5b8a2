// swift-tools-version:6.0
// libFuzzer targets for pexdev's parsers (issue 12). A separate package, because a fuzz target has no
// main (libFuzzer provides it) and would break the root package's ordinary build. It compiles the root's
// modules from the same sources (Sources/<module> are links to ../Sources/<module>).
//
//   cd Fuzz && swift build -c release --sanitize=fuzzer --sanitize=address
//   scripts/fuzz.sh            # runs each target for a bounded time over Fuzz/Corpus/<target>
import PackageDescription

let fuzzer: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
// SwiftPM instruments only the fuzz targets themselves; the code under test needs coverage counters too, or
// libFuzzer mutates blind.
let covered: [SwiftSetting] = [.unsafeFlags(["-sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp"])]

let package = Package(
    name: "pexdev-fuzz",
    targets: [
        .target(name: "CPexSystem"),
        .target(name: "PexSockets", dependencies: ["CPexSystem"]),
        .target(name: "PexHTTP", dependencies: ["PexSockets"], swiftSettings: covered),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "PexBranding", dependencies: ["CZlib"], swiftSettings: covered),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .target(name: "PexProxy", dependencies: ["PexHTTP", "PexSockets", "COpenSSL"], swiftSettings: covered),
        .executableTarget(name: "FuzzHTTPParser", dependencies: ["PexHTTP"], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzJSONReader", dependencies: ["PexBranding"], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzZipReader", dependencies: ["PexBranding"], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzRequestPath", dependencies: ["PexHTTP"], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzResponseParser", dependencies: ["PexProxy"], swiftSettings: fuzzer),
    ],
    swiftLanguageModes: [.v6]
)
