#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system operations reqlint needs, without Foundation.
public enum FileSystem {
    public enum Kind { case file, directory, other, missing }

    /// What is at `path` (following symbolic links).
    public static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The names in a folder (without `.` and `..`), or `nil` with the reason.
    public static func entries(_ directory: String) -> Result<[String], FileSystemError> {
        guard let handle = opendir(directory) else { return .failure(FileSystemError(path: directory, errno: errno)) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names)
    }

    /// The canonical absolute path, or `nil`.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The working directory.
    public static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "/" }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// `path` made absolute against the working directory, with `.` and `..` resolved lexically.
    public static func absolute(_ path: String, from base: String = currentDirectory()) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` relative to folder `base` (both absolute), with `/` separators; `nil` when it is
    /// not inside `base`.
    public static func relative(_ path: String, to base: String) -> String? {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        if path == base { return "" }
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    /// The folder part of a path.
    public static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The whole file, or the system's reason it cannot be read.
    public static func read(_ path: String) -> Result<[UInt8], FileSystemError> {
        if kind(path) == .directory { return .failure(FileSystemError(path: path, errno: EISDIR)) }
        guard let file = fopen(path, "rb") else { return .failure(FileSystemError(path: path, errno: errno)) }
        defer { fclose(file) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n > 0 { result.append(contentsOf: buffer[0 ..< n]) }
            if n < buffer.count {
                if ferror(file) != 0 { return .failure(FileSystemError(path: path, errno: errno)) }
                return .success(result)
            }
        }
    }

    /// Standard input, read to the end.
    public static func readStandardInput() -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = Glibc.read(0, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return result }
            result.append(contentsOf: buffer[0 ..< n])
        }
    }

    /// Writes `text` to `path`, replacing it.
    public static func write(_ text: String, to path: String) -> FileSystemError? {
        guard let file = fopen(path, "wb") else { return FileSystemError(path: path, errno: errno) }
        defer { fclose(file) }
        var text = text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
        return written == text.utf8.count ? nil : FileSystemError(path: path, errno: errno)
    }
}

/// Why a path could not be used.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var errno: Int32

    public var description: String { "cannot read \(path): \(reason)" }

    /// The system's reason, such as "No such file or directory".
    public var reason: String { String(cString: strerror(errno)) }
}
