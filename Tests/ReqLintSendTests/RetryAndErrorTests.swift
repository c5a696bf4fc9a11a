import ReqLintCore
@testable import ReqLintSend
import ReqLintSigV4
import Testing

@Suite struct RetryTests {
    func response(_ status: Int, _ body: String = "", headers: [SigV4Header] = []) -> Result<HTTPResponse, TransportError> {
        .success(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }

    func perform(_ replies: [Result<HTTPResponse, TransportError>], maxAttempts: Int = 3, random: Double = 0.5) throws -> (Exchange, FakeTransport, [Double]) {
        let transport = FakeTransport(replies)
        let sleeps = SleepRecorder()
        let retry = RetryStrategy(maxAttempts: maxAttempts, random: { random }, sleep: { sleeps.sleep($0) })
        let exchange = try Exchange.perform(transport: transport, retry: retry) { () throws(SendError) -> HTTPRequest in
            HTTPRequest(method: "POST", url: "http://127.0.0.1:1/", headers: [], body: [])
        }
        return (exchange, transport, sleeps.slept)
    }

    @Test func backoffIsExponentialWithFullJitterCappedAt20Seconds() {
        let top = RetryStrategy(random: { 1.0 }, sleep: { _ in })
        #expect((1 ... 7).map { top.delay(beforeRetry: $0) } == [1, 2, 4, 8, 16, 20, 20])
        let half = RetryStrategy(random: { 0.5 }, sleep: { _ in })
        #expect((1 ... 3).map { half.delay(beforeRetry: $0) } == [0.5, 1, 2])
        let none = RetryStrategy(random: { 0 }, sleep: { _ in })
        #expect(none.delay(beforeRetry: 4) == 0)
        #expect(top.delay(beforeRetry: 1000) == 20)
    }

    @Test func serverErrorsAreRetriedThenSucceed() throws {
        let (exchange, transport, sleeps) = try perform([response(503, "<html>Service Unavailable</html>"), response(200, "{}")])
        #expect(exchange.attempts == 2)
        #expect(exchange.response?.status == 200)
        #expect(transport.count == 2)
        #expect(sleeps == [0.5])
        #expect(exchange.delays == [0.5])
    }

    @Test func throttlingIsRetriedUpToMaxAttempts() throws {
        let throttled = response(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
        let (exchange, transport, sleeps) = try perform([throttled])
        #expect(exchange.attempts == 3)
        #expect(transport.count == 3)
        #expect(sleeps == [0.5, 1.0])
        #expect(exchange.serviceError?.code == "ThrottlingException")
        let (five, fiveTransport, _) = try perform([throttled], maxAttempts: 5)
        #expect(five.attempts == 5)
        #expect(fiveTransport.count == 5)
        let (one, oneTransport, _) = try perform([throttled], maxAttempts: 1)
        #expect(one.attempts == 1)
        #expect(oneTransport.count == 1)
    }

    @Test func validationErrorsAreNeverRetried() throws {
        let (exchange, transport, sleeps) = try perform([response(400, #"{"__type":"ValidationException","message":"bad"}"#), response(200)])
        #expect(exchange.attempts == 1)
        #expect(transport.count == 1)
        #expect(sleeps.isEmpty)
        #expect(exchange.serviceError?.code == "ValidationException")
        for status in [400, 403, 404, 409] {
            let (other, _, _) = try perform([response(status, #"{"__type":"AccessDeniedException"}"#)])
            #expect(other.attempts == 1, "\(status)")
        }
    }

    @Test func retryableOutcomes() {
        func service(_ status: Int, _ code: String) -> AttemptOutcome { .serviceError(ServiceError(status: status, code: code, message: "")) }
        #expect(RetryStrategy.isRetryable(service(500, "InternalFailure")))
        #expect(RetryStrategy.isRetryable(service(502, "HTTP 502")))
        #expect(RetryStrategy.isRetryable(service(504, "HTTP 504")))
        #expect(RetryStrategy.isRetryable(service(429, "HTTP 429")))
        #expect(RetryStrategy.isRetryable(service(400, "TooManyRequestsException")))
        #expect(RetryStrategy.isRetryable(service(400, "RequestTimeout")))
        #expect(!RetryStrategy.isRetryable(service(400, "ValidationException")))
        #expect(!RetryStrategy.isRetryable(service(403, "SignatureDoesNotMatch")))
        #expect(!RetryStrategy.isRetryable(service(501, "NotImplemented")))
        #expect(RetryStrategy.isRetryable(.transportFailure(TransportError(.timeout, "t"))))
        #expect(RetryStrategy.isRetryable(.transportFailure(TransportError(.connection, "c"))))
        #expect(!RetryStrategy.isRetryable(.transportFailure(TransportError(.tls, "bad certificate"))))
    }

    @Test func transportFailuresAreRetried() throws {
        let (exchange, transport, _) = try perform([.failure(TransportError(.connection, "refused")), response(200, "{}")])
        #expect(exchange.attempts == 2)
        #expect(transport.count == 2)
        let (tls, tlsTransport, _) = try perform([.failure(TransportError(.tls, "bad certificate"))])
        #expect(tls.attempts == 1)
        #expect(tlsTransport.count == 1)
    }

    @Test func retryQuotaRunsOut() {
        let retry = RetryStrategy(maxAttempts: 1000, random: { 0 }, sleep: { _ in })
        let outcome = AttemptOutcome.serviceError(ServiceError(status: 503, code: "HTTP 503", message: ""))
        var retries = 0
        while retry.shouldRetry(after: outcome, attempt: 1) != nil { retries += 1 }
        #expect(retries == RetryStrategy.initialQuota / RetryStrategy.retryCost)
        retry.recordSuccess(retried: true, timedOut: false)
        #expect(retry.remainingQuota == RetryStrategy.retryCost)
    }
}

@Suite struct ServiceErrorTests {
    func parse(_ status: Int, _ body: String, headers: [SigV4Header] = []) -> ServiceError {
        ServiceErrorParser.parse(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }

    @Test func awsJsonType() {
        let error = parse(400, #"{"__type":"com.amazonaws.sagemaker#ValidationException","message":"1 validation error detected"}"#,
                          headers: [SigV4Header("x-amzn-RequestId", "req-1")])
        #expect(error.code == "ValidationException")
        #expect(error.message == "1 validation error detected")
        #expect(error.requestID == "req-1")
        #expect(error.description == "ValidationException: 1 validation error detected (HTTP 400, request id req-1)")
        #expect(parse(400, #"{"__type":"ResourceLimitExceeded","Message":"capital M"}"#).message == "capital M")
    }

    @Test func restJsonHeaderAndCode() {
        let error = parse(409, #"{"message":"already exists"}"#, headers: [SigV4Header("X-Amzn-ErrorType", "ConflictException:http://internal.amazon.com/coral/com.amazon.x/")])
        #expect(error.code == "ConflictException")
        #expect(error.message == "already exists")
        #expect(parse(404, #"{"code":"ResourceNotFoundException","message":"no membership"}"#).code == "ResourceNotFoundException")
    }

    @Test func xmlErrorsAsMotoAndSTSWriteThem() {
        let error = parse(403, """
        <?xml version="1.0" encoding="utf-8"?>
        <ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match &amp; more</Message><Type>Sender</Type></Error></Errors><RequestId>abc</RequestId></ErrorResponse>
        """)
        #expect(error.code == "SignatureDoesNotMatch")
        #expect(error.message == "The request signature we calculated does not match & more")
        #expect(error.requestID == "abc")
    }

    @Test func htmlAndTextFallbacks() {
        let html = parse(502, "<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>x</h1></body></html>")
        #expect(html.code == "HTTP 502")
        #expect(html.message == "502 Bad Gateway")
        #expect(parse(500, "upstream failed").message == "upstream failed")
        #expect(parse(500, "").description == "HTTP 500: (no message) (HTTP 500)")
    }

    @Test func xmlTextReader() {
        let xml = XMLText("<a><b:Code attr=\"1\">X&lt;Y&#x41;&#66;</b:Code><Message><![CDATA[raw <text>]]></Message><Empty/></a>")
        #expect(xml.first("Code") == "X<YAB")
        #expect(xml.first("Message") == "raw <text>")
        #expect(xml.first("Missing") == nil)
    }
}

@Suite struct ValidationPathMapperTests {
    let document = JSONParser.parse(Fixtures.recommendationsJob)

    func position(_ path: String, in document: JSONDocument? = nil) -> (line: Int, column: Int, exact: Bool)? {
        let document = document ?? self.document
        guard let found = ValidationPathMapper.locate(path, in: document) else { return nil }
        let position = LineTable(document.bytes).position(of: Int(document[found.node].start))
        return (position.line, position.column, found.exact)
    }

    @Test func lowerCamelCasePathsMapToMembers() throws {
        let p = try #require(position("inputConfig.jobDurationInSeconds"))
        #expect(p.line == 7 && p.column == 29 && p.exact)
        #expect(ValidationPathMapper.locate("inputConfig.jobDurationInSeconds", in: document)?.pointer.description == "/InputConfig/JobDurationInSeconds")
    }

    @Test func listIndexForms() throws {
        // Coral: .N.member, from 1.
        let coral = try #require(position("inputConfig.endpointConfigurations.2.member.instanceType"))
        #expect(coral.line == 10 && coral.exact)
        #expect(ValidationPathMapper.locate("inputConfig.endpointConfigurations.2.member.instanceType", in: document)?.pointer.description
            == "/InputConfig/EndpointConfigurations/1/InstanceType")
        // [N], from 0.
        #expect(ValidationPathMapper.locate("inputConfig.endpointConfigurations[0].instanceType", in: document)?.pointer.description
            == "/InputConfig/EndpointConfigurations/0/InstanceType")
        // Query style member.N, from 1.
        #expect(ValidationPathMapper.locate("tags.member.1.key", in: document)?.pointer.description == "/Tags/0/Key")
        // Smithy JSON pointer, from 0.
        let job = JSONParser.parse(Fixtures.inferenceJob)
        #expect(ValidationPathMapper.locate("/outputConfiguration/members/0/accountId", in: job)?.pointer.description == "/outputConfiguration/members/0/accountId")
        #expect(position("/membershipIdentifier", in: job)?.line == 2)
    }

    @Test func missingMembersAreReportedAtTheNearestValue() throws {
        let found = try #require(ValidationPathMapper.locate("inputConfig.trafficPattern.trafficType", in: document))
        #expect(found.pointer.description == "/InputConfig")
        #expect(!found.exact)
        let outOfRange = try #require(ValidationPathMapper.locate("inputConfig.endpointConfigurations.9.member.instanceType", in: document))
        #expect(outOfRange.pointer.description == "/InputConfig/EndpointConfigurations")
        #expect(!outOfRange.exact)
    }

    @Test func everyClauseOfAMessage() {
        let message = "2 validation errors detected: Value '20000' at 'inputConfig.jobDurationInSeconds' failed to satisfy constraint: Member must have value less than or equal to 18000; Value 'ml.bad' at 'inputConfig.endpointConfigurations.1.member.instanceType' failed to satisfy constraint: Member must satisfy enum value set: [ml.c5.xlarge]"
        let clauses = ValidationPathMapper.clauses(in: message)
        #expect(clauses.map(\.path) == ["inputConfig.jobDurationInSeconds", "inputConfig.endpointConfigurations.1.member.instanceType"])
        #expect(clauses[0].clause == "Value '20000' at 'inputConfig.jobDurationInSeconds' failed to satisfy constraint: Member must have value less than or equal to 18000")
        let error = ServiceError(status: 400, code: "ValidationException", message: message)
        let diagnostics = ValidationPathMapper.diagnostics(for: error, document: document)
        #expect(diagnostics.count == 2)
        #expect(diagnostics[0].rule == "service")
        #expect(diagnostics[0].pointer.description == "/InputConfig/JobDurationInSeconds")
        #expect(diagnostics[0].message.hasPrefix("ValidationException from the service: Value '20000' at 'inputConfig.jobDurationInSeconds'"))
        #expect(diagnostics[1].pointer.description == "/InputConfig/EndpointConfigurations/0/InstanceType")
        #expect(ValidationPathMapper.clauses(in: "Value at '/name' failed to satisfy constraint: Member must satisfy regular expression pattern").map(\.path) == ["/name"])
        #expect(ValidationPathMapper.clauses(in: "Access denied").isEmpty)
    }
}
