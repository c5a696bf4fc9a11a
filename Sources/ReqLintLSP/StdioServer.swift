#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReqLintConfig
import ReqLintCore

/// Runs a ``LanguageServer`` on standard input and output: `reqlint lsp`.
public enum StdioServer {
    /// Serves until `exit` or the end of input, then exits the process.
    public static func run(serverVersion: String, options: LanguageServer.Options = LanguageServer.Options()) -> Never {
        // A client that goes away must not kill the server with SIGPIPE mid-write.
        signal(SIGPIPE, SIG_IGN)
        // Only protocol may reach the client. Keep the real standard output for it, and point
        // descriptor 1 at standard error, so a stray print (ours or a library's) cannot corrupt
        // the stream (what sourcekit-lsp does).
        let protocolOutput = dup(STDOUT_FILENO)
        guard protocolOutput >= 0, dup2(STDERR_FILENO, STDOUT_FILENO) >= 0 else {
            FileDescriptorWriter(STDERR_FILENO).write("reqlint lsp: cannot take standard output for the protocol\n")
            exit(1)
        }
        let writer = FileDescriptorWriter(protocolOutput)
        let errors = FileDescriptorWriter(STDERR_FILENO)
        let registry: OperationRegistry
        do {
            // The bundled packs, or the newer ones `reqlint rules update` selected.
            registry = try PackCache.user()?.registry() ?? BundledRules.registry()
        } catch {
            errors.write("reqlint lsp: cannot load the bundled rules: \(error)\n")
            exit(1)
        }
        var options = options
        options.serverVersion = serverVersion
        let server = LanguageServer(registry: registry, options: options,
                                    output: { writer.write($0) },
                                    log: { errors.write($0 + "\n") },
                                    onExit: { code in exit(code) })
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                break
            }
            if n == 0 { break }
            server.receive(Array(buffer[0 ..< n]))
        }
        // End of input without `exit`: finish what was received, then stop (1 unless shutdown came).
        server.waitUntilIdle()
        exit(server.receivedShutdown ? 0 : 1)
    }
}

/// Writes whole buffers to a file descriptor, retrying short writes and EINTR.
struct FileDescriptorWriter: Sendable {
    let descriptor: Int32

    init(_ descriptor: Int32) { self.descriptor = descriptor }

    func write(_ text: String) { write(Array(text.utf8)) }

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let n = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let n = Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}
