#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system operations reqlint needs, without Foundation.
public enum FileSystem {
    public enum Kind { case file, directory, other, missing }

    /// What is at `path` (following symbolic links).
    public static func kind(_ path: String) -> Kind { kind(raw: Array(path.utf8)) }

    /// What is at the path with these bytes (a name that is not UTF-8 cannot be a `String`).
    public static func kind(raw path: [UInt8]) -> Kind {
        var info = stat()
        guard withCPath(path, { stat($0, &info) }) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// One name in a folder.
    public struct Entry: Sendable {
        /// The name as reports show it: a name that is not valid UTF-8 has U+FFFD for each bad byte.
        public var name: String
        /// The name's bytes when they are not valid UTF-8 (then `name` cannot be used to open it).
        public var raw: [UInt8]?
    }

    /// The names in a folder (without `.` and `..`), or the reason they cannot be listed.
    public static func entries(_ directory: String) -> Result<[String], FileSystemError> {
        entries(raw: Array(directory.utf8)).map { $0.map(\.name) }
    }

    /// The entries of the folder with path bytes `directory`, keeping names that are not UTF-8.
    public static func entries(raw directory: [UInt8]) -> Result<[Entry], FileSystemError> {
        guard let handle = withCPath(directory, { opendir($0) }) else {
            return .failure(FileSystemError(path: String(decoding: directory, as: UTF8.self), errno: errno))
        }
        defer { closedir(handle) }
        var names: [Entry] = []
        while let entry = readdir(handle) {
            let bytes: [UInt8] = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: UInt8.self, capacity: 256) { Array(UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)))) }
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                names.append(Entry(name: name, raw: nil))
            } else {
                names.append(Entry(name: String(decoding: bytes, as: UTF8.self), raw: bytes))
            }
        }
        return .success(names)
    }

    /// Calls `body` with `path` as a NUL-terminated C string.
    static func withCPath<R>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (path + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }

    /// The canonical absolute path, or `nil`.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The canonical absolute path's bytes, or `nil`.
    public static func realPath(raw path: [UInt8]) -> [UInt8]? {
        guard let resolved = withCPath(path, { realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self), count: strlen(resolved)))
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
        // By bytes: `lastIndex(of: Character)` walks grapheme clusters, a tenth of a folder walk.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The whole file, or the system's reason it cannot be read.
    public static func read(_ path: String) -> Result<[UInt8], FileSystemError> {
        read(raw: Array(path.utf8), shown: path)
    }

    /// The whole file at the path with bytes `path` (shown as `shown` in errors).
    ///
    /// Only regular files are read: the file is opened without blocking (a FIFO with no writer
    /// would otherwise wait forever) and refused unless `fstat` says it is a regular file. The
    /// buffer is sized from `fstat` and not zero-filled; a file that grows while it is read is
    /// read to its end.
    public static func read(raw path: [UInt8], shown: String) -> Result<[UInt8], FileSystemError> {
        let fd = withCPath(path) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { return .failure(FileSystemError(path: shown, errno: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(FileSystemError(path: shown, errno: errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(FileSystemError(path: shown, errno: EISDIR))
        case S_IFIFO: return .failure(FileSystemError(path: shown, errno: 0, explanation: "it is a named pipe (FIFO), not a regular file"))
        default: return .failure(FileSystemError(path: shown, errno: 0, explanation: "it is not a regular file"))
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        var capacity = max(Int(info.st_size), 0) + 1
        var result = [UInt8]()
        while true {
            var failure: Int32 = 0
            let start = result.count
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity - start) { buffer, initialized in
                initialized = 0
                while initialized < buffer.count {
                    let n = Glibc.read(fd, buffer.baseAddress! + initialized, buffer.count - initialized)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if n == 0 { return }
                    initialized += n
                }
            }
            if failure != 0 { return .failure(FileSystemError(path: shown, errno: failure)) }
            if start == 0 { result = chunk } else { result.append(contentsOf: chunk) }
            // A short read is the end of the file; a full buffer may mean it grew: read on.
            if chunk.count < capacity - start { return .success(result) }
            capacity = max(capacity * 2, 1 << 16)
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
        write(text, raw: Array(path.utf8), shown: path)
    }

    /// Writes `text` to the file with path bytes `path` (shown as `shown` in errors), replacing it.
    public static func write(_ text: String, raw path: [UInt8], shown: String) -> FileSystemError? {
        guard let file = withCPath(path, { fopen($0, "wb") }) else { return FileSystemError(path: shown, errno: errno) }
        defer { fclose(file) }
        var text = text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
        return written == text.utf8.count ? nil : FileSystemError(path: shown, errno: errno)
    }
}

/// Why a path could not be used.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    public var path: String
    /// The system's error number (0 when `explanation` says what is wrong).
    public var errno: Int32
    /// Why, when it is not a system error.
    public var explanation: String?

    public init(path: String, errno: Int32, explanation: String? = nil) {
        self.path = path
        self.errno = errno
        self.explanation = explanation
    }

    public var description: String { "cannot read \(path): \(reason)" }

    /// The system's reason, such as "No such file or directory".
    public var reason: String { explanation ?? String(cString: strerror(errno)) }
}
