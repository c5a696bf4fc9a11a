import CLibCrypto
import CZlib
import ReqLintCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A botocore service model file (`service-2.json` or `service-2.json.gz`), read and
/// decompressed, with the checksum and name that go into a pack's provenance.
public struct ServiceModelFile: Sendable {
    /// The uncompressed JSON.
    public var json: [UInt8]
    /// SHA-256 of ``json``, lowercase hex.
    public var sha256: String
    /// `<service>/<api-version>/service-2.json`, taken from botocore's folder layout.
    public var name: String
    /// The botocore service name (`sagemaker`, `cleanroomsml`), from the folder layout.
    public var service: String?
    /// The botocore release, when the file is in an installed botocore package
    /// (`…/botocore/data/<service>/<version>/service-2.json.gz`, read from `botocore/__init__.py`).
    public var botocoreVersion: String?
    /// The model's date, `YYYY-MM-DD`: the modification time in the gzip header, which
    /// botocore's release build sets when it compresses the model (none for plain JSON).
    public var date: String?

    /// Reads the model at `path`, decompressing it when it is gzip data.
    public init(path: String) throws {
        var bytes = try FileReading.read(path)
        if bytes.count >= 10 && bytes[0] == 0x1F && bytes[1] == 0x8B {
            let mtime = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
            date = mtime > 0 ? Self.civilDate(epochSeconds: mtime) : nil
            bytes = try Gzip.decompress(bytes)
        }
        json = bytes
        sha256 = Self.sha256(bytes)
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 3 {
            service = parts[parts.count - 3]
            name = "\(parts[parts.count - 3])/\(parts[parts.count - 2])/service-2.json"
        } else {
            service = nil
            name = "service-2.json"
        }
        if parts.count >= 5, parts[parts.count - 4] == "data", parts[parts.count - 5] == "botocore" {
            let package = parts[..<(parts.count - 4)].joined(separator: "/")
            botocoreVersion = Self.packageVersion(initFile: package + "/__init__.py")
        }
    }

    /// `__version__` of a Python package's `__init__.py`, or `nil`.
    static func packageVersion(initFile: String) -> String? {
        guard let bytes = try? FileReading.read(initFile) else { return nil }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("__version__") {
            let quoted = line.split(whereSeparator: { $0 == "'" || $0 == "\"" })
            if quoted.count >= 2 { return String(quoted[1]) }
        }
        return nil
    }

    /// The UTC calendar date of a Unix time, `YYYY-MM-DD` (the proleptic Gregorian calendar).
    static func civilDate(epochSeconds: Int) -> String {
        // Howard Hinnant's civil_from_days.
        let z = epochSeconds / 86_400 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// SHA-256 of `bytes` in lowercase hex, by the system's libcrypto. (swift-crypto, which
    /// signs requests, is not used here: its Swift module loads Foundation, and this module is
    /// on the path of every `reqlint lint`, whose start-up time that would double.)
    public static func sha256(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in _ = SHA256(input.baseAddress, input.count, output.baseAddress) }
        }
        let hex = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 0x0F)]] }, as: UTF8.self)
    }
}

/// Whole-file reads without Foundation.
public enum FileReading {
    /// The largest model file (and the largest decompressed model) reqlint reads: 256 MiB, a
    /// hundred times botocore's largest service model (SageMaker's is 2.4 MB of JSON). A file
    /// or a gzip stream that is larger is refused before it is held in memory.
    public static let maximumModelBytes = 256 << 20

    /// The bytes of the file at `path`.
    public static func read(_ path: String, limit: Int = maximumModelBytes) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw ReqLintError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var info = stat()
        if fstat(fileno(file), &info) == 0, Int(info.st_size) > limit {
            throw ReqLintError("cannot read \(path): it is larger than the \(limit >> 20) MiB reqlint reads")
        }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n > 0 { result.append(contentsOf: buffer[0 ..< n]) }
            if result.count > limit { throw ReqLintError("cannot read \(path): it is larger than the \(limit >> 20) MiB reqlint reads") }
            if n < buffer.count {
                if ferror(file) != 0 { throw ReqLintError("cannot read \(path): \(String(cString: strerror(errno)))") }
                break
            }
        }
        return result
    }
}

/// gzip decompression with zlib.
enum Gzip {
    /// Inflates `input`, refusing output beyond `limit` bytes (a gzip bomb stops there).
    static func decompress(_ input: [UInt8], limit: Int = FileReading.maximumModelBytes) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ReqLintError("cannot initialise zlib")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            var status: Int32 = Z_OK
            while status == Z_OK {
                status = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: outBuffer[0 ..< outBuffer.count - Int(stream.avail_out)])
                    return output.count > limit ? Z_MEM_ERROR : result
                }
            }
            return status
        }
        if output.count > limit { throw ReqLintError("the model file decompresses to more than the \(limit >> 20) MiB reqlint reads") }
        guard status == Z_STREAM_END else { throw ReqLintError("the model file is not valid gzip data (zlib status \(status))") }
        return output
    }
}
