// swift-tools-version:6.0
//
// reqlint: a linter for AWS API request documents (`aws ... --cli-input-json`).
//
// Dependencies, and why each one:
// - swift-argument-parser: the command-line front end (`Sources/reqlint`).
// - swift-crypto: SHA-256 for the provenance checksum of imported service models, and
//   SHA-256 / HMAC-SHA256 for AWS Signature Version 4 (`Sources/ReqLintSigV4`).
// HTTP for `reqlint send` uses FoundationNetworking (part of the toolchain) rather than
// AsyncHTTPClient, which would add minutes to every clean build for a handful of requests.
// - Yams: YAML request documents (`--cli-input-yaml`) and the `.reqlint.yaml` configuration.
// The JSON parser is hand-written (Sources/ReqLintCore/JSON): no available package keeps
// byte positions and duplicate keys, which every diagnostic needs.
import PackageDescription

/// Settings shared by every target.
let swiftSettings: [SwiftSetting] = [
    // `any P` spelled out for existentials.
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "reqlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "reqlint", targets: ["reqlint"]),
        .library(name: "ReqLintCore", targets: ["ReqLintCore"]),
        .library(name: "ReqLintReport", targets: ["ReqLintReport"]),
        .library(name: "ReqLintSigV4", targets: ["ReqLintSigV4"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(
            name: "ReqLintCore",
            dependencies: ["CPCRE2"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReqLintReport",
            dependencies: ["ReqLintCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReqLintImport",
            dependencies: [
                "ReqLintCore", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReqLintYAML",
            dependencies: ["ReqLintCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReqLintConfig",
            dependencies: ["ReqLintCore", "ReqLintReport", "ReqLintImport", "ReqLintYAML", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReqLintLSP",
            dependencies: ["ReqLintCore", "ReqLintReport", "ReqLintYAML", "ReqLintConfig"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReqLintSigV4",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReqLintSend",
            dependencies: ["ReqLintCore", "ReqLintSigV4", "ReqLintReport", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "reqlint",
            dependencies: [
                "ReqLintCore", "ReqLintReport", "ReqLintImport", "ReqLintYAML", "ReqLintLSP", "ReqLintConfig", "ReqLintSend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReqLintCoreTests",
            dependencies: ["ReqLintCore", "ReqLintImport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReqLintReportTests",
            dependencies: ["ReqLintCore", "ReqLintReport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReqLintYAMLTests",
            dependencies: ["ReqLintCore", "ReqLintYAML"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReqLintConfigTests",
            dependencies: ["ReqLintCore", "ReqLintReport", "ReqLintConfig"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReqLintLSPTests",
            dependencies: ["ReqLintCore", "ReqLintLSP"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReqLintSigV4Tests",
            dependencies: ["ReqLintSigV4"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReqLintSendTests",
            dependencies: ["ReqLintCore", "ReqLintSigV4", "ReqLintSend"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReqLintCLITests",
            dependencies: ["reqlint"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CorpusTests",
            dependencies: ["ReqLintCore", "ReqLintReport"],
            swiftSettings: swiftSettings
        ),
    ]
)
