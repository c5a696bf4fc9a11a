import Foundation
import ReqLintCore
@testable import ReqLintSend
import ReqLintSigV4
import Testing

@Suite struct DryRunTests {
    func signed(_ id: String, _ text: String, credentials: SigV4Credentials = Fixtures.credentials) throws -> HTTPRequest {
        let pack = Fixtures.pack(id)
        let built = try RequestBuilder.build(pack: pack, document: JSONParser.parse(text))
        let endpoint = try EndpointResolver.resolve(endpointPrefix: pack.service.endpointPrefix, region: "us-east-1", useFIPS: false, useDualStack: false)
        let sender = OperationSender(credentials: credentials, signingName: pack.service.signingName, signingRegion: endpoint.signingRegion,
                                     endpoint: endpoint.url, clock: { Fixtures.time })
        return try sender.sign(built)
    }

    @Test func textShowsTheWireRequestWithTheTokenMasked() throws {
        let request = try signed("cleanroomsml:StartTrainedModelInferenceJob", #"{"membershipIdentifier":"5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f","name":"n"}"#)
        let text = DryRun.text(request)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "POST /memberships/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/trained-model-inference-jobs HTTP/1.1")
        #expect(lines[1] == "Host: cleanrooms-ml.us-east-1.amazonaws.com")
        #expect(lines[2] == "Content-Type: application/json")
        #expect(lines[3] == "Content-Length: 12")
        #expect(lines[4] == "User-Agent: reqlint/0.1.0")
        #expect(lines[5] == "X-Amz-Security-Token: IQoJ****")
        #expect(lines[6] == "X-Amz-Date: 20261123T123456Z")
        #expect(lines[7].hasPrefix("Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/cleanrooms-ml/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="))
        #expect(lines[8] == "")
        #expect(lines[9] == #"{"name":"n"}"#)
        #expect(!text.contains(Fixtures.secret))
        #expect(!text.contains(Fixtures.token))
        // The signature shown is the one the signer computes for exactly these headers and body.
        let signer = SigV4Signer(credentials: Fixtures.credentials, region: "us-east-1", service: "cleanrooms-ml",
                                 options: { var o = SigV4Options.standard; o.unsignedHeaderNames.insert("content-length"); return o }(), fixedTime: Fixtures.time)
        let unsigned = request.headers.filter { !["authorization", "x-amz-date", "x-amz-security-token"].contains($0.name.lowercased()) }
        let again = try signer.sign(SigV4Request(method: "POST", path: "/memberships/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/trained-model-inference-jobs", headers: unsigned, body: request.body))
        #expect(lines[7] == "Authorization: " + again.values(forHeader: "Authorization")[0])
    }

    @Test func jsonHasMethodURLHeadersAndBody() throws {
        let request = try signed("sagemaker:CreateInferenceRecommendationsJob", Fixtures.recommendationsJob)
        let json = DryRun.json(request, path: "ir.json", operation: OperationID("sagemaker:CreateInferenceRecommendationsJob")).serialized()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(object["path"] as? String == "ir.json")
        let inner = object["request"] as! [String: Any]
        #expect(inner["method"] as? String == "POST")
        #expect(inner["url"] as? String == "https://api.sagemaker.us-east-1.amazonaws.com/")
        let headers = inner["headers"] as! [String: String]
        #expect(headers["X-Amz-Target"] == "SageMaker.CreateInferenceRecommendationsJob")
        #expect(headers["Content-Type"] == "application/x-amz-json-1.1")
        #expect(headers["X-Amz-Security-Token"] == "IQoJ****")
        #expect(headers["Authorization"]?.contains("Signature=") == true)
        #expect((inner["body"] as? String)?.hasPrefix(#"{"JobName":"churn-load-test""#) == true)
        #expect(!json.contains(Fixtures.secret))
        #expect(!json.contains(Fixtures.token))
    }

    @Test func signingTimeMakesOutputReproducibleAndNoTokenMeansNoHeader() throws {
        let a = try signed("sagemaker:CreateInferenceExperiment", Fixtures.experiment)
        let b = try signed("sagemaker:CreateInferenceExperiment", Fixtures.experiment)
        #expect(DryRun.text(a) == DryRun.text(b))
        let plain = try signed("sagemaker:CreateInferenceExperiment", Fixtures.experiment,
                               credentials: SigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Fixtures.secret))
        #expect(plain.header("X-Amz-Security-Token") == nil)
        #expect(!DryRun.text(plain).contains("Security-Token"))
    }

    @Test func masking() {
        #expect(DryRun.mask("IQoJb3JpZ2luX2VjEXAMPLE") == "IQoJ****")
        #expect(DryRun.mask("short") == "****")
    }

    @Test func redactorReplacesKnownSecrets() {
        let redactor = SecretRedactor()
        redactor.add(Fixtures.credentials)
        redactor.add("abc")
        #expect(redactor.redact("key \(Fixtures.secret) token \(Fixtures.token) abc") == "key **** token **** abc")
    }
}

/// The real URLSession transport against a loopback server.
@Suite(.serialized) struct LoopbackTests {
    func sender(_ server: StubServer, id: String = "sagemaker:CreateInferenceRecommendationsJob") throws -> (OperationSender, BuiltRequest, JSONDocument) {
        let pack = Fixtures.pack(id)
        let document = JSONParser.parse(id.hasPrefix("sagemaker") ? Fixtures.recommendationsJob : Fixtures.inferenceJob)
        let built = try RequestBuilder.build(pack: pack, document: document)
        let sender = OperationSender(credentials: Fixtures.credentials, signingName: pack.service.signingName, signingRegion: "us-east-1",
                                     endpoint: try EndpointURL.parse(server.url))
        return (sender, built, document)
    }

    @Test func serviceUnavailableThenSuccess() throws {
        let server = try StubServer { index, _ in
            index == 1 ? StubServer.Reply(status: 503, body: "<html><title>busy</title></html>")
                : StubServer.Reply(status: 200, headers: [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", "ok-1")], body: #"{"JobArn":"arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/churn-load-test"}"#)
        }
        defer { server.stop() }
        let (sender, built, _) = try sender(server)
        let sleeps = SleepRecorder()
        let exchange = try sender.send(built, transport: HTTPClientTransport(settings: TransportSettings(idleTimeout: 5, totalTimeout: 10)),
                                       retry: RetryStrategy(random: { 0.25 }, sleep: { sleeps.sleep($0) }))
        #expect(exchange.attempts == 2)
        #expect(exchange.response?.status == 200)
        #expect(exchange.response?.bodyText.contains("JobArn") == true)
        #expect(exchange.response?.header("x-amzn-RequestId") == "ok-1")
        #expect(sleeps.slept == [0.25])
        let requests = server.requests
        #expect(requests.count == 2)
        for request in requests {
            #expect(request.method == "POST")
            #expect(request.target == "/")
            #expect(request.header("Host") == "127.0.0.1:\(server.port)")
            #expect(request.header("X-Amz-Target") == "SageMaker.CreateInferenceRecommendationsJob")
            #expect(request.header("Content-Type") == "application/x-amz-json-1.1")
            #expect(request.header("X-Amz-Security-Token") == Fixtures.token)
            #expect(request.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") == true)
            #expect(request.body == built.body)
            #expect(!request.headers.contains { $0.1.contains(Fixtures.secret) })
        }
    }

    @Test func throttlingIsRetriedValidationIsNot() throws {
        let server = try StubServer { _, _ in
            StubServer.Reply(status: 400, headers: [("Content-Type", "application/x-amz-json-1.1")], body: #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
        }
        defer { server.stop() }
        let (sender, built, _) = try sender(server)
        let exchange = try sender.send(built, transport: HTTPClientTransport(settings: TransportSettings(idleTimeout: 5, totalTimeout: 10)), retry: RetryStrategy(sleep: { _ in }))
        #expect(exchange.attempts == 3)
        #expect(server.requests.count == 3)
        #expect(exchange.serviceError?.code == "ThrottlingException")
    }

    @Test func validationExceptionIsMappedToAPosition() throws {
        let message = "1 validation error detected: Value '1800' at 'inputConfig.jobDurationInSeconds' failed to satisfy constraint: Member must have value less than or equal to 600"
        let server = try StubServer { _, _ in
            StubServer.Reply(status: 400, headers: [("x-amzn-RequestId", "v-1")], body: #"{"__type":"com.amazon.coral.validate#ValidationException","message":"\#(message)"}"#)
        }
        defer { server.stop() }
        let (sender, built, document) = try sender(server)
        let exchange = try sender.send(built, transport: HTTPClientTransport(settings: TransportSettings(idleTimeout: 5, totalTimeout: 10)), retry: RetryStrategy(sleep: { _ in }))
        #expect(exchange.attempts == 1)
        #expect(server.requests.count == 1)
        let error = try #require(exchange.serviceError)
        #expect(error.code == "ValidationException")
        #expect(error.requestID == "v-1")
        let diagnostics = ValidationPathMapper.diagnostics(for: error, document: document)
        #expect(diagnostics.count == 1)
        let position = LineTable(document.bytes).position(of: diagnostics[0].range.start)
        #expect(position.line == 7 && position.column == 29)
    }

    @Test func restJsonGoesToThePathWithItsBody() throws {
        let server = try StubServer { _, _ in
            StubServer.Reply(status: 200, headers: [("Content-Type", "application/json")], body: #"{"trainedModelInferenceJobArn":"arn:x"}"#)
        }
        defer { server.stop() }
        let (sender, built, _) = try sender(server, id: "cleanroomsml:StartTrainedModelInferenceJob")
        let exchange = try sender.send(built, transport: HTTPClientTransport(settings: TransportSettings(idleTimeout: 5, totalTimeout: 10)), retry: RetryStrategy(sleep: { _ in }))
        #expect(exchange.response?.status == 200)
        let request = try #require(server.requests.first)
        #expect(request.target == "/memberships/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/trained-model-inference-jobs")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("Authorization")?.contains("/us-east-1/cleanrooms-ml/aws4_request") == true)
        #expect(request.body == built.body)
    }

    @Test func timeoutsAreBoundedAndRetried() throws {
        let server = try StubServer { _, _ in StubServer.Reply(status: 200, hang: true) }
        defer { server.stop() }
        let (sender, built, _) = try sender(server)
        let started = Date()
        let exchange = try sender.send(built, transport: HTTPClientTransport(settings: TransportSettings(idleTimeout: 1, totalTimeout: 2)),
                                       retry: RetryStrategy(maxAttempts: 2, sleep: { _ in }))
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(exchange.attempts == 2)
        #expect(exchange.transportError?.kind == .timeout)
    }

    @Test func connectionRefusedIsATransportError() throws {
        let server = try StubServer { _, _ in StubServer.Reply(status: 200) }
        let url = server.url
        server.stop()
        Thread.sleep(forTimeInterval: 0.3)
        let transport = HTTPClientTransport(settings: TransportSettings(idleTimeout: 2, totalTimeout: 4))
        let started = Date()
        let result = transport.send(HTTPRequest(method: "GET", url: url + "/", headers: [], body: []))
        guard case let .failure(error) = result else {
            Issue.record("a closed port answered")
            return
        }
        // Refused at once, not retried inside the transport until a timeout.
        #expect(error.kind == .connection, "\(error)")
        #expect(Date().timeIntervalSince(started) < 1.5)
        #expect(error.message.contains("127.0.0.1"), "\(error)")
    }

    @Test func anOversizedResponseIsRefusedNotHeld() throws {
        let big = String(repeating: "x", count: HTTPClientTransport.maxResponseBytes + 1)
        let server = try StubServer { _, _ in StubServer.Reply(status: 200, body: big) }
        defer { server.stop() }
        let (sender, built, _) = try sender(server)
        let exchange = try sender.send(built, transport: HTTPClientTransport(settings: TransportSettings(idleTimeout: 5, totalTimeout: 20)),
                                       retry: RetryStrategy(maxAttempts: 3, sleep: { _ in }))
        let error = try #require(exchange.transportError)
        #expect(error.kind == .other)
        #expect(error.message.contains("larger than 16 MiB"), "\(error)")
        // An answer came, so the service may have acted on the request: it is not sent again.
        #expect(exchange.attempts == 1)
        #expect(server.requests.count == 1)
    }

    @Test func redirectsAreNotFollowed() throws {
        let server = try StubServer { _, _ in StubServer.Reply(status: 307, headers: [("Location", "http://127.0.0.1:1/elsewhere")]) }
        defer { server.stop() }
        let result = HTTPClientTransport(settings: TransportSettings(idleTimeout: 5, totalTimeout: 10)).send(HTTPRequest(method: "POST", url: server.url + "/", headers: [], body: Array("{}".utf8)))
        guard case let .success(response) = result else {
            Issue.record("no response: \(result)")
            return
        }
        #expect(response.status == 307)
        #expect(server.requests.count == 1)
    }

    @Test func containerCredentialsOverLoopback() throws {
        let server = try StubServer { _, request in
            request.header("Authorization") == "Bearer t0k"
                ? StubServer.Reply(status: 200, body: #"{"AccessKeyId":"CONTKEY","SecretAccessKey":"contSecret123","Token":"contToken123","Expiration":"2026-11-23T18:00:00Z"}"#)
                : StubServer.Reply(status: 401)
        }
        defer { server.stop() }
        let shared = try AWSSharedConfig(environment: ["HOME": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent/c", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/k",
                                                       "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/v1/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer t0k"])
        let found = try CredentialChain(config: shared, region: "us-east-1", transport: HTTPClientTransport(settings: TransportSettings(idleTimeout: 5, totalTimeout: 10))).resolve()
        #expect(found.credentials == SigV4Credentials(accessKeyID: "CONTKEY", secretAccessKey: "contSecret123", sessionToken: "contToken123"))
        #expect(server.requests.first?.target == "/v1/credentials")
    }
}

@Suite struct SecretRenderingTests {
    /// Every textual rendering Swift offers for `value`.
    func renderings(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), dumped, String(describing: [value])]
    }

    @Test func noSecretInAnyRendering() throws {
        let folder = try TemporaryFolder(["credentials": "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = \(Fixtures.secret)\n"])
        let shared = try AWSSharedConfig(environment: ["HOME": folder.path, "AWS_SHARED_CREDENTIALS_FILE": folder.path + "/credentials",
                                                       "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": Fixtures.secret, "AWS_SESSION_TOKEN": Fixtures.token,
                                                       "AWS_CONTAINER_AUTHORIZATION_TOKEN": "container-secret-token"])
        let chain = CredentialChain(config: shared, region: "us-east-1", transport: FakeTransport([]))
        let found = try chain.resolve()
        let pack = Fixtures.pack("sagemaker:CreateInferenceExperiment")
        let built = try RequestBuilder.build(pack: pack, document: JSONParser.parse(Fixtures.experiment))
        let sender = OperationSender(credentials: Fixtures.credentials, signingName: "sagemaker", signingRegion: "us-east-1",
                                     endpoint: try EndpointURL.parse("https://api.sagemaker.us-east-1.amazonaws.com"), clock: { Fixtures.time })
        let request = try sender.sign(built)
        let container = HTTPRequest(method: "GET", url: "http://127.0.0.1/creds", headers: [SigV4Header("Authorization", "container-secret-token")], body: [])
        let exchange = Exchange(attempts: 1, delays: [], outcome: .success(HTTPResponse(status: 200)), request: request)
        for (value, what) in [(shared as Any, "config"), (chain, "chain"), (found, "credentials"), (sender, "sender"), (request, "request"),
                              (container, "container request"), (exchange, "exchange")] {
            for text in renderings(value) {
                #expect(!text.contains(Fixtures.secret), "\(what) reveals the secret key")
                #expect(!text.contains(Fixtures.token), "\(what) reveals the session token")
                #expect(!text.contains("container-secret-token"), "\(what) reveals the container token")
            }
        }
    }
}
