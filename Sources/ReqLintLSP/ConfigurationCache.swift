import ReqLintConfig
import ReqLintCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the `.reqlint.yaml` of each document with the command line's workspace, and starts
/// over when a configuration file it read has changed since.
final class ConfigurationCache: @unchecked Sendable {
    private var workspace: Workspace?
    /// The linters of configurations with `model:` or `rule-paths`, by configuration.
    private var models: [ObjectIdentifier: DocumentConfiguration.Models] = [:]
    /// Configuration files read, with their modification times.
    private var stamps: [String: timespec] = [:]

    func configuration(for path: String) -> DocumentConfiguration {
        if workspace == nil || stamps.contains(where: { Self.modified($0.key) != $0.value }) {
            workspace = try? Workspace(configuration: nil)
            stamps = [:]
            models = [:]
        }
        guard let workspace else { return DocumentConfiguration() }
        let resolved = workspace.configuration(for: path)
        let c = resolved.configuration
        for name in [".reqlint.yaml", ".reqlint.yml"] {
            let file = c.directory + "/" + name
            if stamps[file] == nil { stamps[file] = Self.modified(file) }
        }
        var result = DocumentConfiguration()
        // A configuration with its own rules (`rule-paths`) or models (`model:`) has its own
        // linter, as on the command line.
        if !c.models.isEmpty || !c.rulePaths.isEmpty {
            let key = ObjectIdentifier(resolved)
            if models[key] == nil { models[key] = DocumentConfiguration.Models(linter: resolved.linter) }
            result.models = models[key]
        }
        if let relative = FileSystem.relative(path, to: c.directory) {
            result.operation = c.operation(for: relative)
            result.suppressions = c.suppressions.filter { $0.files.matches(relative) }
                .map { DocumentConfiguration.Suppressed(rule: $0.rule, pointer: $0.pointer) }
        }
        for (id, setting) in c.rules {
            if let severity = setting.severity { result.severities[id] = severity } else { result.disabledRules.insert(id) }
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
