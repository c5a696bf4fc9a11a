import ReqLintCore
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
        /// The name as reports show it: a name that is not valid UTF-8 has `\xNN` for each bad byte.
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
                names.append(Entry(name: displayName(bytes), raw: bytes))
            }
        }
        return .success(names)
    }

    /// A path's bytes as reports show them: valid UTF-8 as it is, each other byte as `\xNN`
    /// (so two names that differ only in bad bytes are told apart, unlike with U+FFFD).
    public static func displayName(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var out = ""
        var i = 0
        decoding: while i < bytes.count {
            for length in 1 ... 4 where i + length <= bytes.count {
                if let piece = String(validating: bytes[i ..< i + length], as: UTF8.self), piece.unicodeScalars.count == 1 {
                    out += piece
                    i += length
                    continue decoding
                }
            }
            let hex = Array("0123456789ABCDEF".utf8)
            out += "\\x" + String(decoding: [hex[Int(bytes[i] >> 4)], hex[Int(bytes[i] & 0x0F)]], as: UTF8.self)
            i += 1
        }
        return out
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
        // By bytes, as the kernel splits a path (a `/` followed by a combining mark is still a
        // separator); splitting the String walked grapheme clusters for every path named.
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        let joined = path.utf8.first == slash ? Array(path.utf8) : Array(base.utf8) + [slash] + Array(path.utf8)
        var parts: [ArraySlice<UInt8>] = []
        for part in joined.split(separator: slash) {
            if part.count == 1, part.first == dot { continue }
            if part.count == 2, part.allSatisfy({ $0 == dot }) { _ = parts.popLast(); continue }
            parts.append(part)
        }
        var out: [UInt8] = []
        out.reserveCapacity(joined.count + 1)
        for part in parts {
            out.append(slash)
            out.append(contentsOf: part)
        }
        return out.isEmpty ? "/" : String(decoding: out, as: UTF8.self)
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

    /// The largest input reqlint reads, file or standard input: 256 MiB. A request document is
    /// a few kilobytes (the services refuse bodies of a few megabytes); anything larger is
    /// refused before a byte of it is buffered, so no input can make reqlint allocate without bound.
    public static let maximumInputBytes = 256 << 20

    /// The whole file, or the system's reason it cannot be read.
    public static func read(_ path: String) -> Result<[UInt8], FileSystemError> {
        read(raw: Array(path.utf8), shown: path)
    }

    /// The whole file at the path with bytes `path` (shown as `shown` in errors).
    ///
    /// Only regular files are read: the file is opened without blocking (a FIFO with no writer
    /// would otherwise wait forever) and refused unless `fstat` says it is a regular file. A file
    /// larger than `limit` is refused from its `fstat` size, before anything is allocated; the
    /// buffer is sized from `fstat` and not zero-filled; a file that grows while it is read is
    /// read to its end or to the limit, whichever comes first.
    public static func read(raw path: [UInt8], shown: String, limit: Int = maximumInputBytes) -> Result<[UInt8], FileSystemError> {
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
        if Int(info.st_size) > limit { return .failure(.tooLarge(shown, size: Int(info.st_size), limit: limit)) }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return readAll(fd, shown: shown, expected: max(Int(info.st_size), 0), limit: limit)
    }

    /// Reads `fd` to its end, refusing more than `limit` bytes; `expected` sizes the first buffer.
    static func readAll(_ fd: Int32, shown: String, expected: Int, limit: Int) -> Result<[UInt8], FileSystemError> {
        var capacity = min(expected, limit) + 1
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
            if result.count > limit { return .failure(.tooLarge(shown, size: nil, limit: limit)) }
            // A short read is the end of the file; a full buffer may mean it grew: read on.
            if chunk.count < capacity - start { return .success(result) }
            capacity = min(max(capacity * 2, 1 << 16), limit + 1)
        }
    }

    /// Standard input, read to the end, or an error once it passes `limit` bytes.
    public static func readStandardInput(limit: Int = maximumInputBytes) -> Result<[UInt8], FileSystemError> {
        readAll(0, shown: "standard input", expected: 1 << 16, limit: limit)
    }
}

/// Why a path could not be used.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    public var path: String
    /// The system's error number (0 when `explanation` says what is wrong).
    public var errno: Int32
    /// Why, when it is not a system error.
    public var explanation: String?

    /// What was being done: `read` or `write`.
    public var operation: String

    public init(path: String, errno: Int32, explanation: String? = nil, operation: String = "read") {
        self.path = path
        self.errno = errno
        self.explanation = explanation
        self.operation = operation
    }

    /// A file or stream larger than reqlint reads.
    static func tooLarge(_ path: String, size: Int?, limit: Int) -> FileSystemError {
        let found = size.map { "it is \(ByteCount($0)), " } ?? "it is "
        return FileSystemError(path: path, errno: 0, explanation: found + "larger than the \(ByteCount(limit)) reqlint reads")
    }

    /// The message, with the path's control characters escaped (a file name can hold any).
    public var description: String { "cannot \(operation) \(DisplayText.escaped(path)): \(reason)" }

    /// The system's reason, such as "No such file or directory".
    public var reason: String { explanation ?? String(cString: strerror(errno)) }
}

/// A byte count as people read it: `256 MiB`, `8 GiB`, `1,024 bytes`.
struct ByteCount: CustomStringConvertible {
    var bytes: Int
    init(_ bytes: Int) { self.bytes = bytes }

    var description: String {
        for (unit, shift) in [("GiB", 30), ("MiB", 20), ("KiB", 10)] where bytes >= 1 << shift {
            let whole = bytes >> shift
            let tenth = (bytes - whole << shift) * 10 >> shift
            return tenth == 0 ? "\(whole) \(unit)" : "\(whole).\(tenth) \(unit)"
        }
        return "\(bytes) byte\(bytes == 1 ? "" : "s")"
    }
}

// MARK: Writing

extension FileSystem {
    /// How ``replace(_:raw:shown:links:)`` treats a path that is a symbolic link.
    public enum LinkPolicy: Sendable {
        /// Replace the file the link points to, keeping the link (for `--fix`: the request
        /// document the user named).
        case follow
        /// Refuse to write through a link to a regular file (reports and baselines: a link
        /// planted where a report goes must not redirect the write to another file). A link to
        /// a device or pipe, such as `/dev/stdout`, is written through.
        case refuse
    }

    /// Makes a file-size limit (`ulimit -f`) fail a write with EFBIG, reported, instead of
    /// killing reqlint halfway (SIGXFSZ). Every writer of files calls it first.
    public static func ignoreFileSizeSignal() {
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Replaces the file at `path` with `bytes`, atomically: the bytes go to a new file in the
    /// same folder, which is flushed to disk (`fsync`) and given the old file's permissions,
    /// then renamed over the old one. Every write, the flush and the close are checked; on any
    /// failure the new file is removed and the old one is left as it was. A path that is a
    /// device or a pipe (`/dev/null`, `/dev/stdout`) is written in place, each write checked.
    public static func replace(_ bytes: [UInt8], raw path: [UInt8], shown: String, links: LinkPolicy) -> FileSystemError? {
        replace(raw: path, shown: shown, links: links) { writeAll(bytes, to: $0) }
    }

    /// ``replace(_:raw:shown:links:)`` with the new contents written by `contents` to the
    /// descriptor it is given (returning the error number of a failed write), so that a large
    /// report need not be held in memory.
    public static func replace(raw path: [UInt8], shown: String, links: LinkPolicy, contents: (Int32) -> Int32?) -> FileSystemError? {
        func failure(_ code: Int32, _ explanation: String? = nil) -> FileSystemError {
            FileSystemError(path: shown, errno: code, explanation: explanation, operation: "write")
        }
        ignoreFileSizeSignal()
        // The process's own streams, whatever they are redirected to: written as they are.
        if let fd = standardStream(path) {
            return contents(fd).map { failure($0) }
        }
        var target = path
        var info = stat()
        var exists = withCPath(path, { lstat($0, &info) }) == 0
        if exists, info.st_mode & S_IFMT == S_IFLNK {
            var pointed = stat()
            let resolves = withCPath(path, { stat($0, &pointed) }) == 0
            if resolves, pointed.st_mode & S_IFMT != S_IFREG, pointed.st_mode & S_IFMT != S_IFDIR {
                return writeInPlace(path: path, failure: failure, contents: contents)
            }
            switch links {
            case .refuse:
                return failure(0, "it is a symbolic link; reqlint does not write through links (name the file itself)")
            case .follow:
                guard resolves, let real = realPath(raw: path) else { return failure(ENOENT, "it is a symbolic link to nothing") }
                target = real
                info = pointed
            }
        }
        if exists {
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                // Renaming over a file needs only the folder's permission: a read-only file
                // must stay read-only, as writing into it would.
                guard withCPath(target, { access($0, W_OK) }) == 0 else { return failure(errno == ENOENT ? EACCES : errno) }
            case S_IFDIR: return failure(EISDIR)
            default: return writeInPlace(path: target, failure: failure, contents: contents)
            }
        } else if errno != ENOENT {
            return failure(errno)
        }
        exists = exists && info.st_mode & S_IFMT == S_IFREG
        let slash = target.lastIndex(of: UInt8(ascii: "/"))
        let folder: [UInt8] = slash.map { $0 == 0 ? [UInt8(ascii: "/")] : Array(target[..<$0]) } ?? [UInt8(ascii: ".")]
        let name = slash.map { Array(target[($0 + 1)...]) } ?? target
        var template = folder + Array("/.".utf8) + name.prefix(200) + Array(".reqlint-XXXXXX".utf8) + [0]
        let fd = template.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mkstemp($0.baseAddress!) }
        }
        guard fd >= 0 else { return failure(errno) }
        let temporary = Array(template.dropLast())
        func abandon(_ code: Int32) -> FileSystemError {
            close(fd)
            _ = withCPath(temporary) { unlink($0) }
            return failure(code)
        }
        if let code = contents(fd) { return abandon(code) }
        let mode: mode_t
        if exists {
            mode = info.st_mode & 0o7777
            // Keep the owner when we may (root fixing someone's file); ignore a refusal.
            _ = fchown(fd, info.st_uid, info.st_gid)
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        guard fchmod(fd, mode) == 0 else { return abandon(errno) }
        guard fsync(fd) == 0 else { return abandon(errno) }
        guard close(fd) == 0 else {
            let code = errno
            _ = withCPath(temporary) { unlink($0) }
            return failure(code)
        }
        let renamed = withCPath(temporary) { from in withCPath(target) { rename(from, $0) } }
        guard renamed == 0 else {
            let code = errno
            _ = withCPath(temporary) { unlink($0) }
            return failure(code)
        }
        return nil
    }

    /// The descriptor that `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N`
    /// names, if `path` is one of them.
    static func standardStream(_ path: [UInt8]) -> Int32? {
        let text = String(decoding: path, as: UTF8.self)
        if text == "/dev/stdout" { return 1 }
        if text == "/dev/stderr" { return 2 }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where text.hasPrefix(prefix) {
            if let fd = Int32(text.dropFirst(prefix.count)), fd >= 0 { return fd }
        }
        return nil
    }

    /// `replace(_:raw:shown:links:)` for text at a `String` path.
    public static func replace(_ text: String, at path: String, links: LinkPolicy = .refuse) -> FileSystemError? {
        replace(Array(text.utf8), raw: Array(path.utf8), shown: path, links: links)
    }

    /// Writes into an existing device or pipe, checking every write and the close.
    private static func writeInPlace(path: [UInt8], failure: (Int32, String?) -> FileSystemError, contents: (Int32) -> Int32?) -> FileSystemError? {
        let fd = withCPath(path) { open($0, O_WRONLY | O_NOCTTY | O_CLOEXEC) }
        guard fd >= 0 else { return failure(errno, nil) }
        if let code = contents(fd) {
            close(fd)
            return failure(code, nil)
        }
        guard close(fd) == 0 else { return failure(errno, nil) }
        return nil
    }

    /// Writes every byte, retrying short writes and interruptions; the error number on failure.
    public static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        bytes.withUnsafeBufferPointer { writeAll($0, to: fd) }
    }

    /// ``writeAll(_:to:)`` for text, without copying it.
    public static func writeAll(_ text: String, to fd: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { writeAll($0, to: fd) }
    }

    static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) -> Int32? {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            offset += n
        }
        return nil
    }
}
