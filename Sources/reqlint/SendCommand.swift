import ArgumentParser
import ReqLintCommandLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `reqlint send` runs the companion executable `reqlint-send` (built beside `reqlint`) with
/// the same arguments, in the same process (`execv`).
///
/// Signing and HTTP need swift-crypto, Foundation and swift-nio; keeping them in their own
/// executable keeps them out of the start-up of every `reqlint lint`. ``ReqLint/main()`` hands
/// `reqlint send ...` over before parsing, so `reqlint send --help` shows the companion's
/// options; this command is what `reqlint --help` lists.
struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Lint request documents, then sign them (AWS SigV4) and send them; nothing is sent if any has an error.",
        discussion: "Run `reqlint send --help` for its options (the command is the reqlint-send executable installed beside reqlint)."
    )

    @Argument(parsing: .captureForPassthrough, help: "What reqlint-send takes.")
    var arguments: [String] = []

    func run() throws {
        Companion.exec("reqlint-send", arguments: arguments.map { Array($0.utf8) })
    }
}

/// `reqlint preflight` runs `reqlint-send preflight` the same way.
struct PreflightCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Lint request documents, then check the resources they name with read-only AWS calls.",
        discussion: "Run `reqlint preflight --help` for its options (the command is the reqlint-send executable installed beside reqlint)."
    )

    @Argument(parsing: .captureForPassthrough, help: "What reqlint-send preflight takes.")
    var arguments: [String] = []

    func run() throws {
        Companion.exec("reqlint-send", arguments: (["preflight"] + arguments).map { Array($0.utf8) })
    }
}

/// Runs companion executables.
enum Companion {
    /// Replaces this process with `name` from reqlint's own folder (else from `PATH`), passing
    /// `arguments`. Returns only to exit 2 with a message when it cannot be run.
    static func exec(_ name: String, arguments: [[UInt8]]) -> Never {
        var candidates: [String] = []
        if let folder = executableFolder() { candidates.append(folder + "/" + name) }
        for path in candidates where access(path, X_OK) == 0 {
            run(path, arguments: [Array(path.utf8)] + arguments, searchPath: false)
        }
        run(name, arguments: [Array(name.utf8)] + arguments, searchPath: true)
        exit(2)  // not reached: `run` with searchPath exits when exec fails
    }

    /// Arguments are bytes: file names that are not UTF-8 are passed on as they were.
    private static func run(_ path: String, arguments: [[UInt8]], searchPath: Bool) {
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { bytes in
            (bytes + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { strdup($0.baseAddress!) } }
        } + [nil]
        if searchPath { execvp(path, &argv) } else { execv(path, &argv) }
        let reason = String(cString: strerror(errno))
        for pointer in argv { free(pointer) }
        guard searchPath else { return }
        Terminal.error("reqlint: cannot run \(path) (\(reason)): `reqlint send` needs the reqlint-send executable beside reqlint or on PATH (swift build builds both)")
        exit(2)
    }

    /// The folder of the running executable (`/proc/self/exe`), if known.
    private static func executableFolder() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let path = String(decoding: buffer[0 ..< n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }
}
