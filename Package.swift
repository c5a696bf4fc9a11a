// swift-tools-version:6.0
//
// reqlint: a linter for AWS API request documents (`aws ... --cli-input-json`).
//
// Dependencies, and why each one:
// - swift-argument-parser: the command-line front end (`Sources/reqlint`).
// - swift-crypto: SHA-256 / HMAC-SHA256 for AWS Signature Version 4 (`Sources/ReqLintSigV4`),
//   used only by the `reqlint-send` executable. The lint path loads no Foundation (swift-crypto
//   and swift-nio do): the provenance checksum of imported service models uses the
//   system's libcrypto (`CLibCrypto`, Debian's libssl-dev) instead.
// - async-http-client (with swift-nio and swift-nio-ssl): HTTP and TLS for `reqlint send` and
//   `reqlint preflight`. It replaced FoundationNetworking, whose libcurl (with libssl3) is not in
//   minimal Debian and Ubuntu installs, so a released `reqlint-send` would not start there; the
//   price is about two more minutes of every clean build (swift-nio and BoringSSL).
// YAML (request documents and `.reqlint.yaml`) is read with the system's libyaml (Debian's
// libyaml-dev, the C library Yams also wraps) through our own event-level front end
// (Sources/ReqLintYAML), which keeps exact positions. Yams itself is not used: it imports
// Foundation, and loading Foundation doubled reqlint's start-up time.
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
        .executable(name: "reqlint-send", targets: ["reqlint-send"]),
        .library(name: "ReqLintCore", targets: ["ReqLintCore"]),
        .library(name: "ReqLintReport", targets: ["ReqLintReport"]),
        .library(name: "ReqLintSigV4", targets: ["ReqLintSigV4"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // The release stamp (commit, project address): a C file, so that scripts/release
        // recompiles one file, not every module, to stamp a build.
        .target(name: "CReqLintStamp"),
        .target(
            name: "ReqLintCore",
            dependencies: ["CPCRE2", "CReqLintStamp"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReqLintReport",
            dependencies: ["ReqLintCore", "ReqLintYAML"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReqLintImport",
            dependencies: [
                "ReqLintCore", "CZlib", "CLibCrypto",
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReqLintYAML",
            dependencies: ["ReqLintCore", "CYAML"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReqLintConfig",
            dependencies: ["ReqLintCore", "ReqLintReport", "ReqLintImport", "ReqLintYAML"],
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
            dependencies: [
                "ReqLintCore", "ReqLintSigV4", "ReqLintReport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // `reqlint preflight`: read-only checks of what a request refers to (an allow-list of
        // Describe/Get/Head calls, checks as data under rules/<service>/preflight/).
        .target(
            name: "ReqLintPreflight",
            dependencies: ["ReqLintCore", "ReqLintSigV4", "ReqLintSend"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReqLintCommandLine",
            dependencies: ["ReqLintCore", "ReqLintReport", "ReqLintConfig", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        // The lint front end: no Foundation, no swift-crypto (see the note at the top).
        .executableTarget(
            name: "reqlint",
            dependencies: [
                "ReqLintCore", "ReqLintReport", "ReqLintImport", "ReqLintYAML", "ReqLintLSP", "ReqLintConfig", "ReqLintCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            // Linked statically on Linux (the Swift runtime, the FoundationEssentials that
            // swift-argument-parser imports, libstdc++, libpcre2, libyaml, zlib, libcrypto and glibc): with
            // nothing for the dynamic loader to load, map and bind, `reqlint --version` runs 8.3
            // million instructions with about 200 page faults, against 16.9 million and 540
            // linked dynamically. The three libraries named here are ones FoundationEssentials
            // and the runtime need whose static archives the driver does not name itself.
            // reqlint calls none of glibc's functions that need its shared libraries at run time
            // (user, group and host lookups, iconv), so the usual caveat of a static glibc does
            // not apply; like every static executable it is not position-independent.
            // `reqlint-send` keeps a shared glibc: see below. Release builds only: a test bundle
            // that depends on this target is linked with its linker settings too, and
            // reqlintPackageTests did not link as a static executable (with FoundationNetworking,
            // then part of it; not tried again since). So `swift test` tests a dynamically
            // linked debug binary.
            linkerSettings: [.unsafeFlags(["-static-executable", "-l_FoundationCollections", "-l_FoundationCShims", "-lswiftSynchronization"],
                                          .when(platforms: [.linux], configuration: .release))]
        ),
        // `reqlint send`, which `reqlint` runs: signing and HTTP.
        .executableTarget(
            name: "reqlint-send",
            dependencies: [
                "ReqLintCore", "ReqLintReport", "ReqLintConfig", "ReqLintSend", "ReqLintSigV4", "ReqLintCommandLine", "ReqLintPreflight",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            // The Swift runtime and Foundation (with its ICU data, which swift-crypto's and
            // swift-nio's `import Foundation` bring) are linked in (`-static-stdlib`), so nothing
            // of the toolchain is loaded at run time. HTTP is AsyncHTTPClient over swift-nio, with
            // TLS by swift-nio-ssl's own BoringSSL, compiled in. What stays dynamic is glibc,
            // libstdc++, libgcc_s and zlib, all in every Debian and Ubuntu install, minimal ones
            // too: glibc stays shared because swift-nio resolves names with getaddrinfo, which a
            // static glibc cannot do portably (it loads the NSS modules of the glibc it was
            // built with). libyaml, libpcre2 and libcrypto (the provenance checksum of imported
            // models) are linked in whole from their archives: SwiftPM names their shared
            // libraries before anything a target can add, so those stay listed as needed
            // although nothing refers to them, and scripts/release drops the three entries
            // (patchelf --remove-needed; it checks that no symbol is still imported from them).
            // Release builds only, for the reason given for `reqlint` above. See the README's
            // Install section for sizes and start-up.
            // The archives after -static-stdlib are those Foundation's own archives need but do
            // not name for the linker (the same gap as for `reqlint` above), grouped so that
            // their order does not matter.
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "--start-group",
                                           "-Xlinker", "-lFoundation", "-Xlinker", "-lCoreFoundation",
                                           "-Xlinker", "-lFoundationInternationalization", "-Xlinker", "-l_FoundationICU",
                                           "-Xlinker", "-lFoundationEssentials", "-Xlinker", "-l_FoundationCShims",
                                           "-Xlinker", "-l_FoundationCollections", "-Xlinker", "-lswiftSynchronization",
                                           "-Xlinker", "--end-group",
                                           "-Xlinker", "--whole-archive", "-Xlinker", "-l:libyaml.a",
                                           "-Xlinker", "-l:libpcre2-8.a", "-Xlinker", "-l:libcrypto.a", "-Xlinker", "--no-whole-archive"],
                                          .when(platforms: [.linux], configuration: .release))]
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
            dependencies: ["ReqLintCore", "ReqLintLSP", "ReqLintConfig", "ReqLintImport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReqLintSigV4Tests",
            dependencies: ["ReqLintSigV4"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReqLintSendTests",
            dependencies: ["ReqLintCore", "ReqLintSigV4", "ReqLintSend", "ReqLintPreflight", "ReqLintImport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReqLintCLITests",
            dependencies: ["reqlint", "reqlint-send"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CorpusTests",
            dependencies: ["ReqLintCore", "ReqLintReport"],
            swiftSettings: swiftSettings
        ),
    ]
)
