import ReqLintCore
@testable import ReqLintSend
import ReqLintSigV4
import Testing

@Suite struct RequestBuilderTests {
    func build(_ id: String, _ text: String) throws -> BuiltRequest {
        try RequestBuilder.build(pack: Fixtures.pack(id), document: JSONParser.parse(text))
    }

    func header(_ request: BuiltRequest, _ name: String) -> String? {
        request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    @Test func createInferenceRecommendationsJobIsAwsJson11() throws {
        let request = try build("sagemaker:CreateInferenceRecommendationsJob", Fixtures.recommendationsJob)
        #expect(request.method == "POST")
        #expect(request.path == "/")
        #expect(request.queryItems.isEmpty)
        #expect(header(request, "X-Amz-Target") == "SageMaker.CreateInferenceRecommendationsJob")
        #expect(header(request, "Content-Type") == "application/x-amz-json-1.1")
        #expect(request.bodyText == #"{"JobName":"churn-load-test","JobType":"Advanced","RoleArn":"arn:aws:iam::123456789012:role/SageMakerInferenceRecommenderRole","InputConfig":{"ModelPackageVersionArn":"arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgboost/3","JobDurationInSeconds":1800,"EndpointConfigurations":[{"InstanceType":"ml.c5.xlarge"},{"InstanceType":"ml.m5.large"}]},"Tags":[{"Key":"team","Value":"ml"}]}"#)
    }

    @Test func createInferenceExperimentConvertsTimestampsToEpochSeconds() throws {
        let request = try build("sagemaker:CreateInferenceExperiment", Fixtures.experiment)
        #expect(header(request, "X-Amz-Target") == "SageMaker.CreateInferenceExperiment")
        #expect(header(request, "Content-Type") == "application/x-amz-json-1.1")
        // 2026-12-01T10:00:00Z = 1796119200; 2026-12-08T12:30:00.750+02:00 = 2026-12-08T10:30:00Z = 1796725800 (fraction dropped, as botocore does).
        #expect(request.bodyText.contains(#""Schedule":{"StartTime":1796119200,"EndTime":1796725800}"#))
        #expect(request.bodyText.hasPrefix(#"{"Name":"churn-shadow","Type":"ShadowMode","#))
    }

    @Test func epochTimestampsAreWholeSeconds() throws {
        let text = Fixtures.experiment.replacingOccurrences(of: #""2026-12-01T10:00:00Z""#, with: "1796119200.9")
        let request = try build("sagemaker:CreateInferenceExperiment", text)
        #expect(request.bodyText.contains(#""StartTime":1796119200,"#))
    }

    @Test func startTrainedModelInferenceJobIsRestJson() throws {
        let request = try build("cleanroomsml:StartTrainedModelInferenceJob", Fixtures.inferenceJob)
        #expect(request.method == "POST")
        #expect(request.path == "/memberships/5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f/trained-model-inference-jobs")
        #expect(header(request, "Content-Type") == "application/json")
        #expect(header(request, "X-Amz-Target") == nil)
        // The URI member is not in the body; everything else is, in document order.
        #expect(!request.bodyText.contains("membershipIdentifier"))
        #expect(request.bodyText.hasPrefix(#"{"name":"churn-inference","trainedModelArn":"#))
        #expect(request.bodyText.hasSuffix(#""tags":{"team":"clean-rooms"}}"#))
    }

    @Test func uriLabelsArePercentEncodedKeepingUnreserved() throws {
        var pack = Fixtures.pack("cleanroomsml:StartTrainedModelInferenceJob")
        // A looser identifier shape, to see the encoding (the real one is a UUID pattern).
        let shapeName = pack.shapes[pack.input]!.members.first { $0.location == "uri" }!.shape
        pack.shapes[shapeName]!.pattern = nil
        let text = Fixtures.inferenceJob.replacingOccurrences(of: "5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f\",\n  \"name", with: "a b/c?d#e%f~g_h.i-j+kéz\",\n  \"name")
        let request = try RequestBuilder.build(pack: pack, document: JSONParser.parse(text))
        #expect(request.path == "/memberships/a%20b%2Fc%3Fd%23e%25f~g_h.i-j%2Bk%C3%A9z/trained-model-inference-jobs")
    }

    @Test func greedyLabelsKeepSlashes() throws {
        var pack = Fixtures.pack("cleanroomsml:StartTrainedModelInferenceJob")
        pack.requestURI = "/memberships/{membershipIdentifier+}/jobs?x-op=start"
        let shapeName = pack.shapes[pack.input]!.members.first { $0.location == "uri" }!.shape
        pack.shapes[shapeName]!.pattern = nil
        let text = Fixtures.inferenceJob.replacingOccurrences(of: "5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f\",\n  \"name", with: "a b/c\",\n  \"name")
        let request = try RequestBuilder.build(pack: pack, document: JSONParser.parse(text))
        #expect(request.path == "/memberships/a%20b/c/jobs")
        #expect(request.queryItems == [SigV4QueryItem("x-op", "start")])
    }

    @Test func missingOrEmptyUriMemberIsAnError() throws {
        let missing = Fixtures.inferenceJob.replacingOccurrences(of: "\"membershipIdentifier\": \"5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f\",", with: "")
        #expect(throws: SendError.self) { try build("cleanroomsml:StartTrainedModelInferenceJob", missing) }
        do {
            _ = try build("cleanroomsml:StartTrainedModelInferenceJob", missing)
        } catch {
            #expect((error as? SendError)?.message.contains("membershipIdentifier is required") == true)
        }
        let empty = Fixtures.inferenceJob.replacingOccurrences(of: "5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f\",\n  \"name", with: "\",\n  \"name")
        #expect(throws: SendError.self) { try build("cleanroomsml:StartTrainedModelInferenceJob", empty) }
    }

    @Test func restJsonWithOnlyUriMembersSendsAnEmptyObject() throws {
        let request = try build("cleanroomsml:StartTrainedModelInferenceJob", #"{"membershipIdentifier":"5f0e3a7c-8b1d-4e2a-9c6f-1a2b3c4d5e6f"}"#)
        #expect(request.bodyText == "{}")
        #expect(header(request, "Content-Type") == "application/json")
    }

    @Test func restJsonQueryAndHeaderMembers() throws {
        var pack = Fixtures.pack("cleanroomsml:StartTrainedModelInferenceJob")
        let input = pack.input
        let index = pack.shapes[input]!.members.firstIndex { $0.name == "name" }!
        pack.shapes[input]!.members[index].location = "querystring"
        pack.shapes[input]!.members[index].locationName = "jobName"
        let descriptionIndex = pack.shapes[input]!.members.firstIndex { $0.name == "description" }!
        pack.shapes[input]!.members[descriptionIndex].location = "header"
        pack.shapes[input]!.members[descriptionIndex].locationName = "X-Job-Description"
        let text = Fixtures.inferenceJob.replacingOccurrences(of: "\"name\": \"churn-inference\",", with: "\"name\": \"a&b c\", \"description\": \"hello\",")
        let request = try RequestBuilder.build(pack: pack, document: JSONParser.parse(text))
        #expect(request.queryItems == [SigV4QueryItem("jobName", "a&b c")])
        #expect(header(request, "X-Job-Description") == "hello")
        #expect(!request.bodyText.contains("a&b c"))
        #expect(!request.bodyText.contains("hello"))
    }

    @Test func bodyIsTheSameForPrettyAndMinifiedDocuments() throws {
        let pretty = try build("sagemaker:CreateInferenceRecommendationsJob", Fixtures.recommendationsJob)
        let minified = Fixtures.recommendationsJob.split(separator: "\n").map { String($0).trimmingASCIIWhitespace() }.joined()
        let compact = try build("sagemaker:CreateInferenceRecommendationsJob", minified)
        #expect(pretty.body == compact.body)
    }

    @Test func escapesAreNormalisedAndNumbersKeptAsWritten() throws {
        let text = #"{"JobName":"a\u0062c","JobType":"Default","RoleArn":"arn:aws:iam::123456789012:role/R\/x","JobDescription":"tab\there \"q\" é 😀","InputConfig":{"JobDurationInSeconds":1800}}"#
        let request = try build("sagemaker:CreateInferenceRecommendationsJob", text)
        #expect(request.bodyText == #"{"JobName":"abc","JobType":"Default","RoleArn":"arn:aws:iam::123456789012:role/R/x","JobDescription":"tab\there \"q\" é 😀","InputConfig":{"JobDurationInSeconds":1800}}"#)
    }

    @Test func byteOrderMarkIsNotSent() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"JobName":"a","JobType":"Default","RoleArn":"r","InputConfig":{}}"#.utf8)
        let request = try RequestBuilder.build(pack: Fixtures.pack("sagemaker:CreateInferenceRecommendationsJob"), document: JSONParser.parse(bytes))
        #expect(request.body.first == UInt8(ascii: "{"))
    }

    @Test func unsupportedProtocolIsRefused() throws {
        var pack = Fixtures.pack("sagemaker:CreateInferenceExperiment")
        pack.service.protocol = "query"
        #expect(throws: SendError.self) { try RequestBuilder.build(pack: pack, document: JSONParser.parse(Fixtures.experiment)) }
    }

    @Test func targetPrefixAndJsonVersionComeFromThePack() throws {
        var pack = Fixtures.pack("sagemaker:CreateInferenceExperiment")
        pack.service.targetPrefix = "Example_20240101"
        pack.service.jsonVersion = "1.0"
        let request = try RequestBuilder.build(pack: pack, document: JSONParser.parse(Fixtures.experiment))
        #expect(header(request, "X-Amz-Target") == "Example_20240101.CreateInferenceExperiment")
        #expect(header(request, "Content-Type") == "application/x-amz-json-1.0")
    }

    @Test func isoTimestampForms() {
        #expect(ISOTimestamp.epochSeconds("2026-12-01T10:00:00Z") == 1_796_119_200)
        #expect(ISOTimestamp.epochSeconds("2026-12-01T10:00:00") == 1_796_119_200)
        #expect(ISOTimestamp.epochSeconds("2026-12-01t10:00:00.999z") == 1_796_119_200)
        #expect(ISOTimestamp.epochSeconds("2026-12-01T12:00:00+02:00") == 1_796_119_200)
        #expect(ISOTimestamp.epochSeconds("2026-12-01T12:00:00+0200") == 1_796_119_200)
        #expect(ISOTimestamp.epochSeconds("2026-12-01T08:00:00-02") == 1_796_119_200)
        #expect(ISOTimestamp.epochSeconds("2026-02-30T00:00:00Z") == nil)
        #expect(ISOTimestamp.epochSeconds("2026-12-01") == nil)
        #expect(ISOTimestamp.iso8601(1_796_119_200) == "2026-12-01T10:00:00Z")
        #expect(ISOTimestamp.httpDate(1_796_119_200) == "Tue, 01 Dec 2026 10:00:00 GMT")
    }
}
