// swift-tools-version:6.0
// pexdev: a local development server for Pexip Infinity Connect Webapp2 plugins.
// No package dependencies by design (see README): Foundation, Glibc and small C shims only.
import PackageDescription

// CI (CI=true, as .ci/run is started) treats every warning as an error; local builds only show them.
let warningsAsErrors: [SwiftSetting] =
    Context.environment["CI"].map { $0.isEmpty ? [] : [.unsafeFlags(["-warnings-as-errors"])] } ?? []

let strict: [SwiftSetting] =
    [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ] + warningsAsErrors

let package = Package(
    name: "pexdev",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pexdev", targets: ["pexdev"])
    ],
    targets: [
        // epoll, eventfd, sendfile, affinity: the few Linux calls Glibc does not expose cleanly to Swift.
        .target(name: "CPexSystem"),
        .target(name: "PexSockets", dependencies: ["CPexSystem"], swiftSettings: strict),
        .target(name: "PexHTTP", dependencies: ["PexSockets"], swiftSettings: strict),
        .target(name: "PexBranding", swiftSettings: strict),
        .target(
            name: "PexDevServer",
            dependencies: ["PexHTTP", "PexBranding"],
            swiftSettings: strict
        ),
        .target(name: "PexCLI", dependencies: ["PexDevServer", "PexBranding", "PexHTTP"], swiftSettings: strict),
        .executableTarget(name: "pexdev", dependencies: ["PexCLI"], swiftSettings: strict),
        .testTarget(name: "PexHTTPTests", dependencies: ["PexHTTP", "PexSockets"], swiftSettings: strict),
        .testTarget(name: "PexBrandingTests", dependencies: ["PexBranding"], swiftSettings: strict),
        .testTarget(name: "PexCLITests", dependencies: ["PexCLI"], swiftSettings: strict),
        .testTarget(
            name: "PexIntegrationTests",
            dependencies: ["PexDevServer", "PexHTTP"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
