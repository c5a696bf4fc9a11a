import ReqLintConfig
import ReqLintCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the `.reqlint.yaml` of each document with the command line's lint session, and
/// starts over when a configuration file it read has changed since.
final class ConfigurationCache: @unchecked Sendable {
    /// The packs of documents whose configuration names no `model:`.
    let registry: OperationRegistry?
    private var session: LintSession?
    /// Configuration files read, with their modification times.
    private var stamps: [String: timespec] = [:]

    /// `registry`: the server's packs (`nil`: the bundled ones, or those `reqlint rules
    /// update` selected).
    init(registry: OperationRegistry? = nil) { self.registry = registry }

    func configuration(for path: String) -> DocumentConfiguration {
        if session == nil || stamps.contains(where: { Self.modified($0.key) != $0.value }) {
            stamps = [:]
            session = nil
            if let registry {
                session = DocumentAnalyzer.session(registry: registry)
            } else if let workspace = try? Workspace(configuration: nil) {
                workspace.advice = DocumentAnalyzer.advice
                session = LintSession(workspace: workspace)
            }
        }
        guard let session else { return DocumentConfiguration() }
        let result = DocumentConfiguration(session: session, path: path)
        if let directory = result.resolved?.configuration.directory {
            for name in [".reqlint.yaml", ".reqlint.yml"] {
                let file = directory + "/" + name
                if stamps[file] == nil { stamps[file] = Self.modified(file) }
            }
        }
        return result
    }

    /// The modification time of `path` (zero when it does not exist).
    static func modified(_ path: String) -> timespec {
        var info = stat()
        guard stat(path, &info) == 0 else { return timespec() }
        return info.st_mtim
    }

    /// The local path of a `file://` URI, percent-decoded; `nil` for other schemes.
    static func filePath(fromURI uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        var bytes: [UInt8] = []
        let raw = Array(uri.utf8.dropFirst(7))
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "%"), i + 2 < raw.count, let value = UInt8(String(decoding: raw[i + 1 ... i + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                i += 3
            } else {
                bytes.append(raw[i])
                i += 1
            }
        }
        let path = String(decoding: bytes, as: UTF8.self)
        return path.hasPrefix("/") ? path : nil
    }
}

extension timespec: @retroactive Equatable {
    public static func == (lhs: timespec, rhs: timespec) -> Bool { lhs.tv_sec == rhs.tv_sec && lhs.tv_nsec == rhs.tv_nsec }
}
