import ReqLintCore
import ReqLintReport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where one report goes, written as the run goes so that no report of a file is held until
/// the end, whatever the number of files and the format: standard output, where a format whose
/// head comes first (text, GitHub, JSON, SARIF) streams its parts as they come; or a file, which
/// is replaced atomically at the end (``FileSystem/replace(raw:shown:links:contents:)``). Parts
/// that must wait (a file's, and JUnit's, whose head holds totals) wait in a ``Spool``.
public struct ReportSink {
    private var reporter: any StreamingReporter
    /// The file, or `nil` for standard output.
    private let path: String?
    private var spool: Spool?
    private var headWritten = false
    /// The error number of a failed write to standard output.
    private var outputError: Int32?

    /// A sink for `reporter` into the file at `path`, or standard output when `path` is `nil`.
    public init(_ reporter: any StreamingReporter, path: String?) {
        self.reporter = reporter
        self.path = path
        if path != nil || !type(of: reporter).headComesFirst { spool = Spool() }
    }

    /// Writes the report of the next files; `fixes` are SARIF's certain fixes of these files.
    public mutating func add(_ files: [FileReport], fixes: [String: [SARIFReporter.LocatedFix]] = [:]) {
        guard !files.isEmpty else { return }
        let text: String
        if var sarif = reporter as? SARIFReporter {
            sarif.fixes = fixes
            text = sarif.part(files)
            reporter = sarif
        } else {
            text = reporter.part(files)
        }
        if let spool {
            spool.append(text)
        } else {
            if !headWritten {
                write(reporter.frame().head)
                headWritten = true
            }
            write(text)
        }
    }

    /// Whether this sink's format is SARIF (whose results carry fixes).
    public var isSARIF: Bool { reporter is SARIFReporter }

    /// Writes what is left: the head if it waited, the spooled parts and the tail. A file is
    /// replaced now. Returns the failure to report, if any.
    public mutating func finish() -> FileSystemError? {
        let frame = reporter.frame()
        let spool = self.spool
        let headWritten = self.headWritten
        let contents = { (fd: Int32) -> Int32? in
            if !headWritten, let code = FileSystem.writeAll(frame.head, to: fd) { return code }
            if let spool, let code = spool.copy(to: fd) { return code }
            return FileSystem.writeAll(frame.tail, to: fd)
        }
        guard let path else {
            if outputError == nil { outputError = contents(1) }
            return outputError.map { FileSystemError(path: "standard output", errno: $0, explanation: nil, operation: "write") }
        }
        return FileSystem.replace(raw: Array(path.utf8), shown: path, links: .refuse, contents: contents)
    }

    private mutating func write(_ text: String) {
        guard outputError == nil, !text.isEmpty else { return }
        outputError = FileSystem.writeAll(text, to: 1)
    }
}

/// Text kept for later in an unlinked temporary file (in `TMPDIR`, else `/tmp`), so that
/// holding it costs no memory; in memory when no such file can be made or written (a full
/// disk), after what the file already holds.
public final class Spool {
    private var fd: Int32 = -1
    /// The bytes the file holds.
    private var fileLength = 0
    private var memory: [UInt8] = []

    public init() {
        FileSystem.ignoreFileSizeSignal()
        let environment = getenv("TMPDIR").map { String(cString: $0) } ?? ""
        let folder = environment.hasPrefix("/") ? environment : "/tmp"
        var template = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8) + Array("reqlint-spool-XXXXXX".utf8) + [0]
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mkstemp($0.baseAddress!) }
        }
        guard made >= 0 else { return }
        _ = template.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { unlink($0.baseAddress!) }
        }
        fd = made
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    public func append(_ text: String) {
        if fd >= 0, memory.isEmpty {
            if FileSystem.writeAll(text, to: fd) == nil {
                fileLength += text.utf8.count
                return
            }
            // Part of the text may have been written: the file keeps what came before it.
            _ = ftruncate(fd, off_t(fileLength))
        }
        memory.append(contentsOf: text.utf8)
    }

    /// Writes everything kept to `out`; the error number of a failed read or write.
    public func copy(to out: Int32) -> Int32? {
        if fd >= 0, fileLength > 0 {
            guard lseek(fd, 0, SEEK_SET) == 0 else { return errno }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var left = fileLength
            while left > 0 {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, left)) }
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if n == 0 { return EIO }
                left -= n
                if let code = buffer.withUnsafeBufferPointer({ FileSystem.writeAll(UnsafeBufferPointer(rebasing: $0[..<n]), to: out) }) { return code }
            }
            _ = lseek(fd, 0, SEEK_END)
        }
        return memory.isEmpty ? nil : FileSystem.writeAll(memory, to: out)
    }
}
