import Foundation
import Testing

/// `reqlint send` against real peers, inside `swift test`: moto's server on loopback in its
/// signature-checking mode (IAM user, access key and policy; a wrong secret must come back as
/// SignatureDoesNotMatch; role assumption and web identity through moto's STS), driven by the
/// pytest suite in tests-send/ against the binary this test run built.
struct SendPeerTests {
    static let motoAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import moto.server, pytest, boto3"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(.enabled(if: motoAvailable, "moto[server], pytest or boto3 is not installed (scripts/bootstrap installs them)"))
    func motoChecksTheSignatures() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests-send/test_moto.py"]
        process.currentDirectoryURL = CLITests.root
        var environment = ProcessInfo.processInfo.environment
        environment["REQLINT_BIN"] = CLITests.binary.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains(" passed"), "\(output)")
        #expect(!output.contains("skipped"), "\(output)")
    }
}
