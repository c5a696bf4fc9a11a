import Foundation
import Testing

/// `reqlint send` end to end: the built binary against a loopback stub that counts requests.
@Suite(.serialized, .enabled(if: ReqLintBinary.path != nil, "the reqlint executable is not built beside the tests"))
struct SendCommandTests {
    static let yaml = """
    JobName: churn-load-test
    JobType: Advanced
    RoleArn: arn:aws:iam::123456789012:role/SageMakerInferenceRecommenderRole
    InputConfig:
      ModelPackageVersionArn: arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgboost/3
      JobDurationInSeconds: 1800
      EndpointConfigurations:
        - InstanceType: ml.c5.xlarge
        - InstanceType: ml.m5.large
    Tags:
      - Key: team
        Value: ml
    """

    let folder: TemporaryFolder
    let environment: [String: String]

    init() throws {
        folder = try TemporaryFolder([
            "ir.json": Fixtures.recommendationsJob,
            "ir.yaml": Self.yaml,
            "shadow.json": Fixtures.experiment,
            "crml.json": Fixtures.inferenceJob,
            "dirty.json": Fixtures.recommendationsJob.replacingOccurrences(of: "\"Advanced\"", with: "\"advanced\""),
            "warning.json": Fixtures.recommendationsJob.replacingOccurrences(of: "churn-load-test", with: "churn-load-test-with-a-name-longer-than-forty-characters"),
        ])
        environment = Fixtures.environment(in: folder)
    }

    func run(_ arguments: [String], env: [String: String] = [:]) throws -> ReqLintBinary.Run {
        let result = try ReqLintBinary.run(["send"] + arguments, environment: environment.merging(env) { $1 }, in: folder.path)
        // The secret key and the session token never appear in any output.
        #expect(!result.stdout.contains(Fixtures.secret) && !result.stderr.contains(Fixtures.secret), "the secret key was printed")
        #expect(!result.stdout.contains(Fixtures.token) && !result.stderr.contains(Fixtures.token), "the session token was printed")
        return result
    }

    static func ok(_ body: String = #"{"JobArn":"arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/churn-load-test"}"#) -> StubServer.Reply {
        StubServer.Reply(status: 200, headers: [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", "req-ok")], body: body)
    }

    @Test func aDirtyDocumentIsNeverSent() throws {
        let server = try StubServer { _, _ in Self.ok() }
        defer { server.stop() }
        let dirty = try run(["--endpoint-url", server.url, "dirty.json"])
        #expect(dirty.status == 1)
        #expect(dirty.stdout.contains("dirty.json:3:14: error: JobType must be one of Default, Advanced; did you mean \"Advanced\"? [enum]"))
        #expect(dirty.stderr.contains("nothing was sent"))
        // Together with clean files: still nothing at all.
        let mixed = try run(["--endpoint-url", server.url, "ir.json", "dirty.json", "shadow.json"])
        #expect(mixed.status == 1)
        let dryRun = try run(["--dry-run", "--endpoint-url", server.url, "dirty.json"])
        #expect(dryRun.status == 1)
        #expect(!dryRun.stdout.contains("Authorization"))
        let json = try run(["--format", "json", "--endpoint-url", server.url, "dirty.json"])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"rule\": \"enum\"") || json.stdout.contains("\"rule\":\"enum\""))
        // Not even credentials are looked for: no STS call, no container call could happen.
        #expect(server.requests.count == 0)
    }

    @Test func theFailLevelAndTheConfigurationDecideLikeLint() throws {
        let server = try StubServer { _, _ in Self.ok() }
        defer { server.stop() }
        let blocked = try run(["--fail-level", "warning", "--endpoint-url", server.url, "warning.json"])
        #expect(blocked.status == 1)
        #expect(blocked.stdout.contains("[sagemaker/job-name-truncation]"))
        #expect(server.requests.count == 0)

        try folder.write(".reqlint.yaml", "fail-level: warning\n")
        let byConfig = try run(["--endpoint-url", server.url, "warning.json"])
        #expect(byConfig.status == 1)
        #expect(server.requests.count == 0)

        try folder.write(".reqlint.yaml", "rules:\n  sagemaker/job-name-truncation: off\n")
        let allowed = try run(["--fail-level", "warning", "--endpoint-url", server.url, "warning.json"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(server.requests.count == 1)
        try FileManager.default.removeItem(atPath: folder.path + "/.reqlint.yaml")

        // A warning below the fail level does not block; it is shown on standard error.
        let sent = try run(["--endpoint-url", server.url, "warning.json"])
        #expect(sent.status == 0)
        #expect(sent.stderr.contains("[sagemaker/job-name-truncation]"))
        #expect(server.requests.count == 2)
    }

    @Test func cleanFilesAreSentInOrderAndEachReported() throws {
        let server = try StubServer { _, request in
            request.target.hasPrefix("/memberships/") ? StubServer.Reply(status: 200, body: #"{"trainedModelInferenceJobArn":"arn:x"}"#)
                : Self.ok(#"{"InferenceExperimentArn":"arn:y"}"#)
        }
        defer { server.stop() }
        let result = try run(["--endpoint-url", server.url, "ir.json", "crml.json", "shadow.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let targets = server.requests.map { $0.header("X-Amz-Target") ?? $0.target }
        #expect(targets == ["SageMaker.CreateInferenceRecommendationsJob",
                            "/memberships/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/trained-model-inference-jobs",
                            "SageMaker.CreateInferenceExperiment"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains(" accepted by ") }.map { String($0.prefix(while: { $0 != ":" })) } == ["ir.json", "crml.json", "shadow.json"])
        #expect(result.stdout.contains(#"{"InferenceExperimentArn":"arn:y"}"#))
        #expect(result.stderr.contains("3 requests sent, 3 accepted, 0 failed"))
    }

    @Test func aValidationExceptionIsShownAtItsMember() throws {
        let message = "1 validation error detected: Value '1800' at 'inputConfig.jobDurationInSeconds' failed to satisfy constraint: Member must have value less than or equal to 600"
        let server = try StubServer { _, _ in
            StubServer.Reply(status: 400, headers: [("x-amzn-RequestId", "v-1")], body: #"{"__type":"ValidationException","message":"\#(message)"}"#)
        }
        defer { server.stop() }
        let result = try run(["--endpoint-url", server.url, "ir.json", "shadow.json"])
        #expect(result.status == 1)
        #expect(server.requests.count == 2)  // never retried; the next file is still sent
        #expect(result.stdout.contains("ir.json: error: sagemaker:CreateInferenceRecommendationsJob rejected by \(server.url)/ after 1 attempt: ValidationException: "))
        #expect(result.stdout.contains("ir.json:7:29: error: ValidationException from the service: Value '1800' at 'inputConfig.jobDurationInSeconds' failed to satisfy constraint: Member must have value less than or equal to 600 [service]"))
        #expect(result.stderr.contains("2 requests sent, 0 accepted, 2 failed"))

        let yaml = try run(["--endpoint-url", server.url, "ir.yaml"])
        #expect(yaml.stdout.contains("ir.yaml:6:25: error: ValidationException from the service"))

        let json = try run(["--format", "json", "--endpoint-url", server.url, "ir.json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let first = (object["results"] as! [[String: Any]])[0]
        #expect(first["status"] as? String == "rejected")
        #expect((first["error"] as? [String: Any])?["type"] as? String == "ValidationException")
        let diagnostic = (first["diagnostics"] as! [[String: Any]])[0]
        #expect(diagnostic["line"] as? Int == 7 && diagnostic["column"] as? Int == 29)
        #expect(diagnostic["pointer"] as? String == "/InputConfig/JobDurationInSeconds")
    }

    @Test func serverErrorsAreRetried() throws {
        let server = try StubServer { index, _ in index == 1 ? StubServer.Reply(status: 503, body: "busy") : Self.ok() }
        defer { server.stop() }
        let result = try run(["--endpoint-url", server.url, "ir.json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(server.requests.count == 2)
        #expect(result.stdout.contains("HTTP 200 after 2 attempts"))
        let once = try StubServer { _, _ in StubServer.Reply(status: 503, body: "busy") }
        defer { once.stop() }
        let single = try run(["--endpoint-url", once.url, "ir.json"], env: ["AWS_MAX_ATTEMPTS": "1"])
        #expect(single.status == 1)
        #expect(once.requests.count == 1)
    }

    @Test func dryRunPrintsTheSignedRequestAndSendsNothing() throws {
        let server = try StubServer { _, _ in Self.ok() }
        defer { server.stop() }
        let result = try run(["--dry-run", "--signing-time", "2026-11-23T12:34:56Z", "ir.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("POST / HTTP/1.1\nHost: api.sagemaker.us-east-1.amazonaws.com\nContent-Type: application/x-amz-json-1.1\nX-Amz-Target: SageMaker.CreateInferenceRecommendationsJob\n"))
        #expect(result.stdout.contains("X-Amz-Security-Token: IQoJ****\nX-Amz-Date: 20261123T123456Z\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/sagemaker/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature="))
        #expect(result.stderr.contains("nothing was sent"))
        let again = try run(["--dry-run", "--signing-time", "2026-11-23T12:34:56Z", "ir.json"])
        #expect(again.stdout == result.stdout)
        let viaStub = try run(["--dry-run", "--endpoint-url", server.url, "ir.json", "crml.json"])
        #expect(viaStub.status == 0)
        #expect(server.requests.isEmpty)
    }

    @Test func dryRunJSONAndYAMLDocumentsGiveTheSameBody() throws {
        let json = try run(["--dry-run", "--format", "json", "--signing-time", "2026-11-23T12:34:56Z", "ir.json"])
        let yaml = try run(["--dry-run", "--format", "json", "--signing-time", "2026-11-23T12:34:56Z", "ir.yaml"])
        #expect(json.status == 0 && yaml.status == 0, "\(json.stderr)\(yaml.stderr)")
        let a = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let b = try JSONSerialization.jsonObject(with: Data(yaml.stdout.utf8)) as! [String: Any]
        let requestA = a["request"] as! [String: Any], requestB = b["request"] as! [String: Any]
        #expect(requestA["method"] as? String == "POST")
        #expect(requestA["url"] as? String == "https://api.sagemaker.us-east-1.amazonaws.com/")
        #expect((requestA["headers"] as? [String: String])?["X-Amz-Security-Token"] == "IQoJ****")
        #expect(requestA["body"] as? String == requestB["body"] as? String)
        #expect((requestA["headers"] as? [String: String])?["Authorization"] == (requestB["headers"] as? [String: String])?["Authorization"])
    }

    @Test func endpointsRegionsAndFIPSFromTheCommandLineAndEnvironment() throws {
        let fips = try run(["--dry-run", "--use-fips", "--region", "us-gov-west-1", "ir.json", "crml.json"])
        #expect(fips.stdout.contains("Host: api-fips.sagemaker.us-gov-west-1.amazonaws.com"))
        #expect(fips.stdout.contains("Host: cleanrooms-ml-fips.us-gov-west-1.amazonaws.com"))
        let envFIPS = try run(["--dry-run", "ir.json"], env: ["AWS_USE_FIPS_ENDPOINT": "true", "AWS_REGION": "cn-north-1"])
        #expect(envFIPS.stdout.contains("Host: api.sagemaker-fips.cn-north-1.amazonaws.com.cn"))
        let specific = try run(["--dry-run", "ir.json", "crml.json"], env: ["AWS_ENDPOINT_URL_SAGEMAKER": "http://localhost:4566", "AWS_ENDPOINT_URL": "https://gateway.example.com/aws"])
        #expect(specific.stdout.contains("Host: localhost:4566"))
        #expect(specific.stdout.contains("POST /aws/memberships/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/trained-model-inference-jobs HTTP/1.1\nHost: gateway.example.com"))
        let isoB = try run(["--dry-run", "--region", "us-isob-east-1", "crml.json"])
        #expect(isoB.stdout.contains("Host: cleanrooms-ml.us-isob-east-1.sc2s.sgov.gov"))
    }

    @Test func plainHTTPOffLoopbackIsRefused() throws {
        let result = try run(["--endpoint-url", "http://10.1.2.3:8080", "ir.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("http is allowed only to a loopback address"))
        #expect(result.stderr.contains("nothing was sent"))
    }

    @Test func missingCredentialsOrRegionAreClear() throws {
        let noCredentials = try run(["--dry-run", "ir.json"], env: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": ""])
        #expect(noCredentials.status == 2)
        #expect(noCredentials.stderr.contains("no AWS credentials found. Tried, in order:"))
        #expect(noCredentials.stderr.contains("credential_process"))
        let noRegion = try run(["--dry-run", "ir.json"], env: ["AWS_REGION": ""])
        #expect(noRegion.status == 2)
        #expect(noRegion.stderr.contains("no region: pass --region"))
        let badRegion = try run(["--dry-run", "--region", "us-east-1.evil.com", "ir.json"])
        #expect(badRegion.status == 2)
    }

    @Test func profilesFromTheSharedFiles() throws {
        try folder.write("home/credentials", "[ml-prod]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = \(Fixtures.secret)\n")
        try folder.write("home/config", "[profile ml-prod]\nregion = eu-west-1\n")
        let result = try run(["--dry-run", "--profile", "ml-prod", "ir.json"], env: ["AWS_REGION": ""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Credential=AKIDPROFILE/"))
        #expect(result.stdout.contains("/eu-west-1/sagemaker/aws4_request"))
        #expect(!result.stdout.contains("X-Amz-Security-Token"))
        let missing = try run(["--dry-run", "--profile", "nope", "ir.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("the profile \"nope\""))
    }

    @Test func unreachableEndpointsFailClearly() throws {
        let server = try StubServer { _, _ in Self.ok() }
        let url = server.url
        server.stop()
        Thread.sleep(forTimeInterval: 0.3)
        let result = try run(["--endpoint-url", url, "ir.json"], env: ["AWS_MAX_ATTEMPTS": "1"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("could not be sent to \(url)/ after 1 attempt"))
    }
}
