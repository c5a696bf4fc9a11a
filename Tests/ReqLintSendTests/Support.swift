import Foundation
import ReqLintCore
@testable import ReqLintSend
import ReqLintSigV4
#if canImport(Glibc)
import Glibc
#endif

// Shared fixtures: packs, documents, fake transports and process runners, temporary
// files, and a small HTTP server on loopback.

enum Fixtures {
    static let registry: OperationRegistry = try! BundledRules.registry()

    static func pack(_ id: String) -> OperationPack { registry.operations[OperationID(id)!]!.pack }

    static let recommendationsJob = """
    {
      "JobName": "churn-load-test",
      "JobType": "Advanced",
      "RoleArn": "arn:aws:iam::123456789012:role/SageMakerInferenceRecommenderRole",
      "InputConfig": {
        "ModelPackageVersionArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgboost/3",
        "JobDurationInSeconds": 1800,
        "EndpointConfigurations": [
          {"InstanceType": "ml.c5.xlarge"},
          {"InstanceType": "ml.m5.large"}
        ]
      },
      "Tags": [{"Key": "team", "Value": "ml"}]
    }
    """

    static let experiment = """
    {
      "Name": "churn-shadow",
      "Type": "ShadowMode",
      "Schedule": {"StartTime": "2026-12-01T10:00:00Z", "EndTime": "2026-12-08T12:30:00.750+02:00"},
      "RoleArn": "arn:aws:iam::123456789012:role/SageMakerShadowTestRole",
      "EndpointName": "churn-prod-endpoint",
      "ModelVariants": [
        {"ModelName": "m3", "VariantName": "prod", "InfrastructureConfig": {"InfrastructureType": "RealTimeInference",
          "RealTimeInferenceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 2}}},
        {"ModelName": "m4", "VariantName": "shadow", "InfrastructureConfig": {"InfrastructureType": "RealTimeInference",
          "RealTimeInferenceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}}}
      ],
      "ShadowModeConfig": {"SourceModelVariantName": "prod",
        "ShadowModelVariants": [{"ShadowModelVariantName": "shadow", "SamplingPercentage": 50}]}
    }
    """

    static let inferenceJob = """
    {
      "membershipIdentifier": "5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f",
      "name": "churn-inference",
      "trainedModelArn": "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/trained-model/8d6c9f1e-2b3a-4c5d-9e8f-0a1b2c3d4e5f",
      "resourceConfig": {"instanceType": "ml.m5.xlarge", "instanceCount": 1},
      "outputConfiguration": {"members": [{"accountId": "210987654321"}]},
      "dataSource": {"mlInputChannelArn": "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/ml-input-channel/3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7"},
      "tags": {"team": "clean-rooms"}
    }
    """

    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let token = "IQoJb3JpZ2luX2VjEXAMPLE-session-token-0123456789"
    static let credentials = SigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret, sessionToken: token)
    static let time = SigV4Timestamp(iso8601: "2026-11-23T12:34:56Z")!
}

/// A transport that answers from a script and records what it was sent.
final class FakeTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var replies: [Result<HTTPResponse, TransportError>]
    private(set) var requests: [HTTPRequest] = []

    init(_ replies: [Result<HTTPResponse, TransportError>]) { self.replies = replies }

    convenience init(status: Int, body: String, headers: [SigV4Header] = []) {
        self.init([.success(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))])
    }

    func send(_ request: HTTPRequest) -> Result<HTTPResponse, TransportError> {
        lock.lock()
        defer { lock.unlock() }
        requests.append(request)
        if replies.isEmpty { return .failure(TransportError(.connection, "no scripted reply")) }
        return replies.count == 1 ? replies[0] : replies.removeFirst()
    }

    var count: Int { lock.lock(); defer { lock.unlock() }; return requests.count }
}

/// A process runner that returns a fixed result and records the command.
final class FakeProcessRunner: ProcessRunner, @unchecked Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
    private(set) var commands: [[String]] = []

    init(status: Int32 = 0, stdout: String, stderr: String = "") {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    func run(_ arguments: [String], environment: [String: String], timeout: Double) -> Result<(status: Int32, stdout: [UInt8], stderr: [UInt8]), SendError> {
        commands.append(arguments)
        return .success((status, Array(stdout.utf8), Array(stderr.utf8)))
    }
}

/// Records sleeps instead of sleeping.
final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []
    func sleep(_ seconds: Double) { lock.lock(); values.append(seconds); lock.unlock() }
    var slept: [Double] { lock.lock(); defer { lock.unlock() }; return values }
}

/// A temporary folder with files, removed at deinit.
extension Fixtures {
    /// The environment `reqlint send` runs with in the end-to-end tests: shared files inside
    /// `folder`, example keys and token, a region, no colour.
    static func environment(in folder: TemporaryFolder) -> [String: String] {
        [
            "HOME": folder.path + "/home",
            "AWS_CONFIG_FILE": folder.path + "/home/config",
            "AWS_SHARED_CREDENTIALS_FILE": folder.path + "/home/credentials",
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_SESSION_TOKEN": token,
            "AWS_REGION": "us-east-1",
            "NO_COLOR": "1",
        ]
    }
}

final class TemporaryFolder {
    let path: String

    init(_ files: [String: String] = [:]) throws {
        path = NSTemporaryDirectory() + "reqlint-send-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try write(name, text) }
    }

    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        if executable { chmod(file, 0o755) }
        return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A minimal HTTP/1.1 server on 127.0.0.1 for tests: one request per connection, answered
/// by a script, every request recorded. It stops by itself after `lifetime` seconds.
final class StubServer: @unchecked Sendable {
    struct Recorded: Sendable {
        var method: String
        var target: String
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: String = ""
        /// Do not answer at all (to test timeouts); the connection is closed after a while.
        var hang = false
    }

    let port: Int
    private let socket: Int32
    private let lock = NSLock()
    private var recorded: [Recorded] = []
    private var stopped = false
    private let responder: @Sendable (Int, Recorded) -> Reply

    init(lifetime: Double = 60, responder: @escaping @Sendable (Int, Recorded) -> Reply) throws {
        self.responder = responder
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StubError("socket failed") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw StubError("bind/listen failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        socket = fd
        let deadline = Date().addingTimeInterval(lifetime)
        let thread = Thread { [self] in self.serve(until: deadline) }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    var requests: [Recorded] { lock.lock(); defer { lock.unlock() }; return recorded }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    private func serve(until deadline: Date) {
        defer { close(socket) }
        while !isStopped, Date() < deadline {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let client = accept(socket, nil, nil)
            guard client >= 0 else { continue }
            handle(client)
        }
    }

    private func handle(_ client: Int32) {
        defer { close(client) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        func readMore() -> Bool {
            var poller = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 5000) > 0 else { return false }
            let n = read(client, &chunk, chunk.count)
            guard n > 0 else { return false }
            buffer += chunk[0 ..< n]
            return true
        }
        func headerEnd() -> Int? {
            guard buffer.count >= 4 else { return nil }
            for i in 0 ... buffer.count - 4 where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 { return i }
            return nil
        }
        while headerEnd() == nil { if !readMore() { return } }
        let end = headerEnd()!
        let head = String(decoding: buffer[0 ..< end], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        guard requestLine.count >= 2 else { return }
        var headers: [(String, String)] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        let length = Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
        if headers.contains(where: { $0.0.lowercased() == "expect" && $0.1.lowercased() == "100-continue" }) {
            let cont = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
            _ = write(client, cont, cont.count)
        }
        while buffer.count - (end + 4) < length { if !readMore() { break } }
        let body = Array(buffer[(end + 4)...].prefix(length))
        let request = Recorded(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
        lock.lock()
        recorded.append(request)
        let index = recorded.count
        lock.unlock()
        let reply = responder(index, request)
        if reply.hang {
            let until = Date().addingTimeInterval(3)
            while Date() < until, !isStopped { usleep(50_000) }
            return
        }
        let bodyBytes = Array(reply.body.utf8)
        var text = "HTTP/1.1 \(reply.status) \(reply.status < 400 ? "OK" : "Error")\r\nContent-Length: \(bodyBytes.count)\r\nConnection: close\r\n"
        for (name, value) in reply.headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        let bytes = Array(text.utf8) + bodyBytes
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBufferPointer { write(client, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            offset += n
        }
    }
}

struct StubError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The `reqlint` executable built beside the tests, and a way to run it.
enum ReqLintBinary {
    static let path: String? = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0 ..< 5 {
            let candidate = directory.appendingPathComponent("reqlint").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fallback = root.appendingPathComponent(".build/debug/reqlint").path
        return FileManager.default.isExecutableFile(atPath: fallback) ? fallback : nil
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs reqlint with exactly `environment` (plus PATH), in `directory`.
    static func run(_ arguments: [String], environment: [String: String], in directory: String) throws -> Run {
        guard let path else { throw StubError("the reqlint executable was not built") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let group = DispatchGroup()
        let box = OutputPair()
        DispatchQueue.global().async(group: group) { box.out = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { box.err = err.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: box.out, as: UTF8.self), stderr: String(decoding: box.err, as: UTF8.self))
    }
}

final class OutputPair: @unchecked Sendable {
    var out = Data()
    var err = Data()
}

/// The message of an error (a SendError's, or its description).
func msg(_ error: any Error) -> String { (error as? SendError)?.message ?? "\(error)" }
