import Foundation
import ReqLintCore
import ReqLintPreflight
import ReqLintSend
import ReqLintSigV4
import Testing

/// The preflight engine without a network: the allow-list, the checks' data, answers in XML
/// and JSON, error classification and the per-run cache (the end-to-end cases against moto and
/// a botocore-verifying peer are in tests-send/test_preflight.py).
@Suite struct PreflightTests {
    static let endpoint = ResolvedEndpoint(url: try! EndpointURL.parse("http://127.0.0.1:9"), signingRegion: "us-east-1", source: "test")

    func client(_ transport: FakeTransport) -> PreflightClient {
        PreflightClient(credentials: Fixtures.credentials, transport: transport, retry: RetryStrategy(maxAttempts: 3, random: { 0 }, sleep: { _ in }),
                        clock: { Fixtures.time }) { _ throws(SendError) in Self.endpoint }
    }

    @Test func everyAllowedActionIsReadOnly() {
        #expect(ReadOnlyAction.allowList.count == 15)
        for action in ReadOnlyAction.allowList {
            #expect(ReadOnlyAction.readOnlyPrefixes.contains { action.name.hasPrefix($0) }, "\(action.id)")
            for iam in action.iamActions {
                let name = iam.split(separator: ":").last.map(String.init) ?? ""
                #expect(["Describe", "Get", "List"].contains { name.hasPrefix($0) }, "\(iam)")
            }
        }
        #expect(ReadOnlyAction.named("sagemaker:DeleteEndpoint") == nil)
        #expect(ReadOnlyAction.named("iam:GetRole")?.iamActions == ["iam:GetRole"])
    }

    @Test func queryListsAndArgumentsComeFromTheModel() throws {
        let subnets = try #require(ReadOnlyAction.named("ec2:DescribeSubnets"))
        #expect(subnets.wireNames["SubnetIds"] == "SubnetId.1")
        let body = PreflightClient.build(PreflightCall(subnets, arguments: [.init("SubnetIds", "subnet-1")])).body
        #expect(String(decoding: body, as: UTF8.self) == "Action=DescribeSubnets&Version=2016-11-15&SubnetId.1=subnet-1")
        let text = #"{"operation": "sagemaker:CreateInferenceExperiment", "checks": [{"id": "acme/x", "call": "iam:GetRole", "arguments": {"RoleNme": "/RoleArn"}, "expect": {"kind": "exists"}}]}"#
        #expect(throws: ReqLintError.self) { try PreflightCheckFile(text: text, origin: "x.json") }
    }

    @Test func aCheckCannotNameAWritingCall() throws {
        let text = #"{"operation": "sagemaker:CreateInferenceExperiment", "checks": [{"id": "acme/x", "call": "sagemaker:DeleteEndpoint", "arguments": {"EndpointName": "/EndpointName"}, "expect": {"kind": "exists"}}]}"#
        #expect(throws: ReqLintError.self) { try PreflightCheckFile(text: text, origin: "x.json") }
    }

    @Test func bundledChecksParseAndThePolicyCoversThem() throws {
        let files = try PreflightCheckFile.bundled()
        #expect(Set(files.map(\.operation.description)) == ["sagemaker:CreateInferenceRecommendationsJob", "sagemaker:CreateInferenceExperiment",
                                                            "cleanroomsml:StartTrainedModelInferenceJob"])
        let engine = PreflightEngine(files: files)
        let policy = engine.policy(for: nil)
        let actions = policy["Statement"]?.arrayValue?.first?["Action"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(Set(actions) == Set(files.flatMap(\.checks).flatMap(\.action.iamActions)))
        #expect(actions == actions.sorted())
        // The ids the configuration accepts are the checks' ids.
        #expect(BundledRules.preflightRuleIDs() == Set(files.flatMap(\.checks).map(\.id)).union(["preflight/not-checked"]))
    }

    @Test func xmlAnswersAreReadThroughTheirWrappers() {
        let role = Answer.xml("""
        <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role><RoleName>R</RoleName>
        <AssumeRolePolicyDocument>%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%5B%22sagemaker.amazonaws.com%22%5D%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument>
        </Role></GetRoleResult></GetRoleResponse>
        """)
        #expect(role.strings(at: "Role.RoleName") == ["R"])
        let subnets = Answer.xml("<DescribeSubnetsResponse><subnetSet><item><subnetId>subnet-1</subnetId></item><item><subnetId>subnet-2</subnetId></item></subnetSet></DescribeSubnetsResponse>")
        #expect(subnets.strings(at: "subnetSet.subnetId") == ["subnet-1", "subnet-2"])
        let endpoint = Answer.json(Array(#"{"EndpointStatus":"InService","ProductionVariants":[{"VariantName":"a"},{"VariantName":"b"}]}"#.utf8))
        #expect(endpoint.strings(at: "ProductionVariants.VariantName") == ["a", "b"])
        #expect(Answer.xml("<a><b>x &amp; y &#65;</b></a>").strings(at: "b") == ["x & y A"])
    }

    @Test func errorsAreClassified() {
        let wire = ReadOnlyAction.Wire.json(targetPrefix: "SageMaker")
        #expect(PreflightClient.classify(ServiceError(status: 400, code: "ResourceNotFound", message: "x"), wire: wire) == .notFound(ServiceError(status: 400, code: "ResourceNotFound", message: "x")))
        let missing = ServiceError(status: 400, code: "ValidationException", message: "Could not find model \"m\".")
        #expect(PreflightClient.classify(missing, wire: wire) == .notFound(missing))
        let invalid = ServiceError(status: 400, code: "ValidationException", message: "1 validation error")
        #expect(PreflightClient.classify(invalid, wire: wire) == .failed(invalid.description))
        let denied = ServiceError(status: 400, code: "UnauthorizedOperation", message: "no")
        #expect(PreflightClient.classify(denied, wire: .query(version: "2016-11-15")) == .denied(denied))
        let head = ServiceError(status: 403, code: "Forbidden", message: "")
        #expect(PreflightClient.classify(head, wire: .s3Head(object: true)) == .denied(head))
    }

    @Test func requestsFollowEachProtocol() throws {
        let role = PreflightCall(try #require(ReadOnlyAction.named("iam:GetRole")), arguments: [.init("RoleName", "a b")])
        let query = PreflightClient.build(role)
        #expect(query.method == "POST" && String(decoding: query.body, as: UTF8.self) == "Action=GetRole&Version=2010-05-08&RoleName=a%20b")
        let model = PreflightCall(try #require(ReadOnlyAction.named("cleanrooms-ml:GetTrainedModel")),
                                  arguments: [.init("trainedModelArn", "arn:aws:x/y"), .init("membershipIdentifier", "m-1")])
        #expect(PreflightClient.build(model).path == "/memberships/m-1/trained-models/arn%3Aaws%3Ax%2Fy")
        #expect(PreflightClient.build(model).method == "GET")
        let object = PreflightCall(try #require(ReadOnlyAction.named("s3:HeadObject")), arguments: [.init("Bucket", "b"), .init("Key", "a/b c.tar.gz")])
        #expect(PreflightClient.build(object).path == "/b/a/b%20c.tar.gz" && PreflightClient.build(object).method == "HEAD")
        let key = PreflightClient.build(PreflightCall(try #require(ReadOnlyAction.named("kms:DescribeKey")), arguments: [.init("KeyId", "k")]))
        #expect(key.headers.contains(SigV4Header("X-Amz-Target", "TrentService.DescribeKey")))
        #expect(String(decoding: key.body, as: UTF8.self) == #"{"KeyId":"k"}"#)
    }

    @Test func answersAreSharedAcrossDocumentsAndPlacedAtTheValue() throws {
        let trust = "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"
        let transport = FakeTransport(status: 200, body: "<GetRoleResponse><GetRoleResult><Role><AssumeRolePolicyDocument>\(trust)</AssumeRolePolicyDocument></Role></GetRoleResult></GetRoleResponse>")
        let client = client(transport)
        let text = #"{"RoleArn": "arn:aws:iam::123456789012:role/service/R"}"#
        let document = JSONParser.parse(text)
        let file = try PreflightCheckFile(text: #"""
        {"operation": "sagemaker:CreateInferenceExperiment", "checks": [
          {"id": "preflight/role-exists", "call": "iam:GetRole", "arguments": {"RoleName": {"pointer": "/RoleArn", "take": "arn-name"}}, "expect": {"kind": "exists"}},
          {"id": "preflight/role-trust", "call": "iam:GetRole", "arguments": {"RoleName": {"pointer": "/RoleArn", "take": "arn-name"}},
           "expect": {"kind": "trusts", "answer": "Role.AssumeRolePolicyDocument", "service": "sagemaker.amazonaws.com"}}]}
        """#, origin: "test")
        let engine = PreflightEngine(files: [file])
        let operation = try #require(OperationID("sagemaker:CreateInferenceExperiment"))
        let first = engine.run(document: document, operation: operation, client: client)
        let second = engine.run(document: document, operation: operation, client: client)
        #expect(transport.count == 1)
        #expect(client.sent.count == 1)
        #expect(first == second)
        #expect(first.map(\.rule.rawValue) == ["preflight/role-trust"])
        let diagnostic = try #require(first.first)
        #expect(diagnostic.pointer.description == "/RoleArn")
        let start = text.utf8.count - #""arn:aws:iam::123456789012:role/service/R"}"#.utf8.count
        #expect(diagnostic.range.start == start)
        #expect(String(decoding: transport.requests[0].body, as: UTF8.self) == "Action=GetRole&Version=2010-05-08&RoleName=R")
    }

    @Test func deniedAndUnreachableAreNotChecked() throws {
        let denied = FakeTransport(status: 403, body: #"{"__type":"AccessDeniedException","message":"not authorized to perform: sagemaker:DescribeEndpoint"}"#)
        let engine = PreflightEngine(files: try PreflightCheckFile.bundled())
        let operation = try #require(OperationID("sagemaker:CreateInferenceExperiment"))
        let document = JSONParser.parse(#"{"EndpointName": "e", "ShadowModeConfig": {"SourceModelVariantName": "p"}}"#)
        let found = engine.run(document: document, operation: operation, client: client(denied))
        #expect(found.map(\.rule) == [.preflightNotChecked, .preflightNotChecked])
        #expect(found.allSatisfy { $0.severity == .error && $0.message.contains("allow sagemaker:DescribeEndpoint") })
        let unreachable = FakeTransport([.failure(TransportError(.connection, "connection refused"))])
        let failed = engine.run(document: document, operation: operation, client: client(unreachable))
        #expect(failed.map(\.rule) == [.preflightNotChecked, .preflightNotChecked])
        #expect(unreachable.count == 3)  // retried as send retries
    }

    @Test(arguments: [
        (#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#, true),
        (#"{"Statement":{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","sagemaker.amazonaws.com"]},"Action":["sts:AssumeRole","sts:TagSession"]}}"#, true),
        (#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#, false),
        (#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:TagSession"}]}"#, false),
        (#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:*"}]}"#, false),
    ])
    func trustPolicies(_ policy: String, _ trusted: Bool) throws {
        let encoded = policy.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? policy
        let transport = FakeTransport(status: 200, body: "<GetRoleResponse><GetRoleResult><Role><AssumeRolePolicyDocument>\(encoded)</AssumeRolePolicyDocument></Role></GetRoleResult></GetRoleResponse>")
        let engine = PreflightEngine(files: try PreflightCheckFile.bundled())
        let operation = try #require(OperationID("sagemaker:CreateInferenceExperiment"))
        let found = engine.run(document: JSONParser.parse(#"{"RoleArn": "arn:aws:iam::123456789012:role/R"}"#), operation: operation, client: client(transport))
        #expect(found.map(\.rule.rawValue) == (trusted ? [] : ["preflight/role-trust"]))
    }
}
