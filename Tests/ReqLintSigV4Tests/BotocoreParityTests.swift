import Foundation
import ReqLintSigV4
import Testing

// Equality with botocore: each request below is signed by SigV4Signer and by
// botocore.auth.SigV4Auth (S3SigV4Auth for the S3 case) for the same credentials and the
// same pinned time, and the whole Authorization header, X-Amz-Date and X-Amz-Security-Token
// (and x-amz-content-sha256 for S3) must be equal. botocore runs once, in one python3
// process, for all cases.
//
// Skipped (reported as skipped, never passed) only when python3 or botocore is missing.

/// The fixed signing time of every case.
private let fixedTime = SigV4Timestamp(iso8601: "2024-05-17T09:30:15Z")!

private let permanentCredentials = SigV4Credentials(
    accessKeyID: "AKIDEXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
)

private let temporaryCredentials = SigV4Credentials(
    accessKeyID: "ASIAEXAMPLE123456789",
    secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+example/token=="
)

private let membershipID = "5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f"

/// One request to sign both ways.
struct BotocoreCase: Sendable, CustomTestStringConvertible {
    let name: String
    let credentials: SigV4Credentials
    let region: String
    let service: String
    let request: SigV4Request
    /// Sign as S3 (S3SigV4Auth in botocore, SigV4Options.s3 here).
    var s3 = false

    var testDescription: String { name }

    static let all: [BotocoreCase] = {
        let sagemakerHost = "api.sagemaker.us-east-1.amazonaws.com"
        func sagemaker(_ operation: String, body: String) -> SigV4Request {
            SigV4Request(method: "POST", path: "/", headers: [
                SigV4Header("Host", sagemakerHost),
                SigV4Header("X-Amz-Target", "SageMaker.\(operation)"),
                SigV4Header("Content-Type", "application/x-amz-json-1.1"),
            ], body: Array(body.utf8))
        }
        let recommendationsBody = #"""
            {"JobName":"reqlint-recommendation-1","JobType":"Default","RoleArn":"arn:aws:iam::123456789012:role/SageMakerInferenceRecommender","InputConfig":{"ModelPackageVersionArn":"arn:aws:sagemaker:us-east-1:123456789012:model-package/reqlint-model/1"},"JobDescription":"Empfehlungen für café ☕"}
            """#
        let experimentBody = #"""
            {"Name":"reqlint-shadow-test","Type":"ShadowMode","RoleArn":"arn:aws:iam::123456789012:role/SageMakerShadowTest","EndpointName":"reqlint-endpoint","ModelVariants":[{"ModelName":"production-model","VariantName":"production","InfrastructureConfig":{"InfrastructureType":"RealTimeInference","RealTimeInferenceConfig":{"InstanceType":"ml.m5.xlarge","InstanceCount":1}}},{"ModelName":"shadow-model","VariantName":"shadow","InfrastructureConfig":{"InfrastructureType":"RealTimeInference","RealTimeInferenceConfig":{"InstanceType":"ml.m5.xlarge","InstanceCount":1}}}],"ShadowModeConfig":{"SourceModelVariantName":"production","ShadowModelVariants":[{"ShadowModelVariantName":"shadow","SamplingPercentage":50}]}}
            """#
        let inferenceBody = #"""
            {"name":"reqlint-inference","trainedModelArn":"arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/trained-model/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d","resourceConfig":{"instanceType":"ml.m5.xlarge","instanceCount":1},"outputConfiguration":{"accept":"application/json","members":[{"accountId":"123456789012"}]},"dataSource":{"mlInputChannelArn":"arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/ml-input-channel/9f8e7d6c-5b4a-3f2e-1d0c-b9a8f7e6d5c4"}}
            """#
        let inference = SigV4Request(
            method: "POST",
            path: "/memberships/\(membershipID)/trained-model-inference-jobs",
            headers: [
                SigV4Header("Host", "cleanrooms-ml.us-east-1.amazonaws.com"),
                SigV4Header("Content-Type", "application/json"),
            ],
            body: Array(inferenceBody.utf8)
        )
        var cases: [BotocoreCase] = []
        for (label, credentials) in [("", permanentCredentials), (" with session token", temporaryCredentials)] {
            cases.append(BotocoreCase(
                name: "SageMaker CreateInferenceRecommendationsJob" + label, credentials: credentials,
                region: "us-east-1", service: "sagemaker",
                request: sagemaker("CreateInferenceRecommendationsJob", body: recommendationsBody)))
            cases.append(BotocoreCase(
                name: "SageMaker CreateInferenceExperiment" + label, credentials: credentials,
                region: "us-east-1", service: "sagemaker",
                request: sagemaker("CreateInferenceExperiment", body: experimentBody)))
            cases.append(BotocoreCase(
                name: "Clean Rooms ML StartTrainedModelInferenceJob" + label, credentials: credentials,
                region: "us-east-1", service: "cleanrooms-ml", request: inference))
        }
        // Beyond the three operations: path normalisation and double encoding, a query that
        // needs encoding and sorting, an unsigned User-Agent, and S3-style signing.
        cases.append(BotocoreCase(
            name: "Clean Rooms ML GET with encoded path, query and User-Agent", credentials: temporaryCredentials,
            region: "eu-west-2", service: "cleanrooms-ml",
            request: SigV4Request(
                method: "GET",
                path: "/memberships/\(membershipID)//./jobs%20list/x/../trained-model-inference-jobs",
                queryItems: [
                    SigV4QueryItem("nextToken", "a b/c+d=é~"), SigV4QueryItem("maxResults", "10"),
                    SigV4QueryItem("b", "2"), SigV4QueryItem("b", "1"), SigV4QueryItem("empty"),
                ],
                headers: [
                    SigV4Header("Host", "cleanrooms-ml.eu-west-2.amazonaws.com"),
                    SigV4Header("User-Agent", "reqlint/1.0"),
                    SigV4Header("X-Custom", "  spaced    value  "),
                ])))
        cases.append(BotocoreCase(
            name: "S3 PutObject with an unnormalised key", credentials: temporaryCredentials,
            region: "us-east-1", service: "s3",
            request: SigV4Request(
                method: "PUT",
                path: "/reqlint-bucket/some%20key//with/./dots/../and%2Bplus",
                headers: [
                    SigV4Header("Host", "s3.us-east-1.amazonaws.com"),
                    SigV4Header("Content-Type", "text/plain"),
                ],
                body: Array("hello, S3\n".utf8)),
            s3: true))
        return cases
    }()

    var signer: SigV4Signer {
        SigV4Signer(credentials: credentials, region: region, service: service, options: s3 ? .s3 : nil, fixedTime: fixedTime)
    }
}

/// Runs botocore for all cases, once.
enum Botocore {
    /// The first of `$REQLINT_PYTHON` and every `python3` on PATH that can import
    /// botocore.auth, or nil.
    static let python: String? = {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let explicit = environment["REQLINT_PYTHON"], !explicit.isEmpty { candidates.append(explicit) }
        for directory in (environment["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
            candidates.append(String(directory) + "/python3")
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            if let result = try? run(python: candidate, arguments: ["-c", "import botocore.auth, botocore.awsrequest"], input: Data()),
               result.status == 0 {
                return candidate
            }
        }
        return nil
    }()

    /// Whether botocore can be run at all.
    static var isAvailable: Bool { python != nil }

    static let skipReason: Comment = "no python3 that can import botocore (looked at $REQLINT_PYTHON and every python3 on PATH); install botocore to compare with botocore.auth.SigV4Auth"

    struct Output: Decodable {
        let headers: [[String]]
        let canonicalRequest: String
    }

    /// botocore's results by case name, or the error of running it.
    static let results: Result<[String: Output], VectorError> = {
        var cases: [[String: Any]] = []
        for testCase in BotocoreCase.all {
            var item: [String: Any] = [
                "name": testCase.name,
                "accessKeyID": testCase.credentials.accessKeyID,
                "secretAccessKey": testCase.credentials.secretAccessKey,
                "region": testCase.region,
                "service": testCase.service,
                "s3": testCase.s3,
                "method": testCase.request.method,
                "url": "https://" + testCase.request.values(forHeader: "Host")[0] + testCase.request.target,
                "headers": testCase.request.headers.map { [$0.name, $0.value] },
                "body": Data(testCase.request.body).base64EncodedString(),
            ]
            if let token = testCase.credentials.sessionToken { item["sessionToken"] = token }
            cases.append(item)
        }
        let input: [String: Any] = ["timestamp": fixedTime.description, "cases": cases]
        do {
            let data = try JSONSerialization.data(withJSONObject: input)
            let result = try run(python: python!, arguments: ["-c", script], input: data)
            guard result.status == 0 else {
                return .failure(VectorError("botocore script failed (\(result.status)): \(String(decoding: result.stderr, as: UTF8.self))"))
            }
            return .success(try JSONDecoder().decode([String: Output].self, from: result.stdout))
        } catch {
            return .failure(VectorError("running botocore: \(error)"))
        }
    }()

    static func run(python: String, arguments: [String], input: Data) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read both outputs on other threads so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data(), err = Data()
        DispatchQueue.global().async(group: group) { out = stdout.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { err = stderr.fileHandleForReading.readDataToEndOfFile() }
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, out, err)
    }

    /// Signs every case with botocore at the pinned time and prints, per case name, the
    /// headers after `add_auth` and the canonical request botocore built.
    static let script = #"""
        import base64, datetime, json, sys, types
        from unittest import mock
        import botocore.auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        spec = json.load(sys.stdin)
        fixed = datetime.datetime.strptime(spec["timestamp"], "%Y-%m-%dT%H:%M:%SZ")

        class FixedDatetime(datetime.datetime):
            @classmethod
            def utcnow(cls):
                return fixed
            @classmethod
            def now(cls, tz=None):
                return fixed if tz is None else fixed.replace(tzinfo=tz)

        # Newer botocore reads the clock through botocore.auth.get_current_datetime, older
        # through botocore.auth.datetime.datetime.utcnow(); pin both.
        fake_datetime = types.ModuleType("datetime")
        fake_datetime.__dict__.update(datetime.__dict__)
        fake_datetime.datetime = FixedDatetime
        patches = [mock.patch.object(botocore.auth, "datetime", fake_datetime)]
        if hasattr(botocore.auth, "get_current_datetime"):
            patches.append(mock.patch.object(botocore.auth, "get_current_datetime", lambda *a, **k: fixed))

        results = {}
        for p in patches:
            p.start()
        try:
            for case in spec["cases"]:
                credentials = Credentials(case["accessKeyID"], case["secretAccessKey"], case.get("sessionToken"))
                cls = botocore.auth.S3SigV4Auth if case["s3"] else botocore.auth.SigV4Auth
                auth = cls(credentials, case["service"], case["region"])
                captured = {}
                original = auth.canonical_request
                def capture(request, original=original, captured=captured):
                    captured["canonical"] = original(request)
                    return captured["canonical"]
                auth.canonical_request = capture
                request = AWSRequest(method=case["method"], url=case["url"],
                                     data=base64.b64decode(case["body"]),
                                     headers=dict(case["headers"]))
                auth.add_auth(request)
                results[case["name"]] = {
                    "headers": [[k, v] for k, v in request.headers.items()],
                    "canonicalRequest": captured.get("canonical", ""),
                }
        finally:
            for p in patches:
                p.stop()
        json.dump(results, sys.stdout)
        """#
}

@Suite("botocore parity", .enabled(if: Botocore.isAvailable, Botocore.skipReason))
struct BotocoreParityTests {
    @Test("Authorization equals botocore's", arguments: BotocoreCase.all)
    func authorizationMatchesBotocore(testCase: BotocoreCase) throws {
        let results: [String: Botocore.Output]
        switch Botocore.results {
        case .success(let value): results = value
        case .failure(let error): Issue.record("\(error)"); return
        }
        let boto = try #require(results[testCase.name], "botocore printed no result for \(testCase.name)")
        func botoValues(_ name: String) -> [String] {
            boto.headers.filter { $0[0].lowercased() == name.lowercased() }.map { $0[1] }
        }

        let signed = try testCase.signer.sign(testCase.request)

        #expect(signed.values(forHeader: "X-Amz-Date") == [fixedTime.amzDate])
        #expect(botoValues("X-Amz-Date") == [fixedTime.amzDate], "botocore's clock was not pinned")
        #expect(signed.values(forHeader: "X-Amz-Security-Token") == botoValues("X-Amz-Security-Token"))
        #expect(signed.values(forHeader: "x-amz-content-sha256") == botoValues("X-Amz-Content-SHA256"))
        let canonical = try testCase.signer.canonicalRequest(for: testCase.request, at: fixedTime)
        #expect(canonical == boto.canonicalRequest, "canonical request differs from botocore's")
        let authorization = signed.values(forHeader: "Authorization")
        #expect(authorization.count == 1)
        #expect(authorization == botoValues("Authorization"), "Authorization differs from botocore's")
    }
}
