import ReqLintSigV4
import Testing

// The secret access key (and the session token, and derived signing keys) never appear in
// any description, debug description, mirror or dump of credentials, signers, requests or
// errors.

private let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
private let token = "FwoGZXIvYXdzEXAMPLE-session-token-value"
private let testCredentials = SigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret, sessionToken: token)

/// Every textual rendering Swift offers for `value`.
private func renderings(_ value: Any) -> [String] {
    var dumped = ""
    dump(value, to: &dumped)
    var printed = ""
    print(value, to: &printed)
    var debugPrinted = ""
    debugPrint(value, to: &debugPrinted)
    let mirrorText = Mirror(reflecting: value).children.map { "\($0.label ?? ""): \(String(reflecting: $0.value))" }.joined(separator: "\n")
    return [String(describing: value), String(reflecting: value), "\(value)", dumped, printed, debugPrinted, mirrorText,
            String(describing: [value]), String(describing: Optional(value) as Any)]
}

private func expectNoSecrets(_ value: Any, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for text in renderings(value) {
        #expect(!text.contains(secret), "\(what) reveals the secret access key: \(text)", sourceLocation: sourceLocation)
        #expect(!text.contains(token), "\(what) reveals the session token", sourceLocation: sourceLocation)
        #expect(!text.contains("wJalr"), "\(what) reveals part of the secret", sourceLocation: sourceLocation)
    }
}

@Suite("secrets stay out of descriptions")
struct SecretRedactionTests {
    @Test func credentialsAreMasked() {
        expectNoSecrets(testCredentials, "SigV4Credentials")
        expectNoSecrets(SigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret), "SigV4Credentials without token")
        #expect(testCredentials.description.contains("AKIDEXAMPLE"))
        #expect(testCredentials.description.contains("<redacted>"))
        #expect(SigV4Credentials(accessKeyID: "A", secretAccessKey: secret).description.contains("sessionToken: nil"))
    }

    @Test func signerIsMasked() throws {
        let signer = SigV4Signer(credentials: testCredentials, region: "us-east-1", service: "service",
                                 fixedTime: SigV4Timestamp(secondsSince1970: 1_440_938_160))
        // Populate the key cache first, so a leak through it would show.
        _ = try signer.sign(SigV4Request(method: "GET", path: "/", headers: [SigV4Header("Host", "example.amazonaws.com")]))
        expectNoSecrets(signer, "SigV4Signer")
        #expect(signer.description.contains("us-east-1"))
    }

    @Test func signedRequestHidesToken() throws {
        let signer = SigV4Signer(credentials: testCredentials, region: "us-east-1", service: "service",
                                 fixedTime: SigV4Timestamp(secondsSince1970: 1_440_938_160))
        let signed = try signer.sign(SigV4Request(method: "GET", path: "/", headers: [SigV4Header("Host", "example.amazonaws.com")]))
        #expect(signed.values(forHeader: "X-Amz-Security-Token") == [token])
        expectNoSecrets(signed, "signed SigV4Request")
    }

    @Test func errorsAreClean() {
        let all: [SigV4Error] = [
            .missingCredentials, .invalidAccessKeyID, .invalidScope(field: "region"), .invalidMethod("G T"),
            .invalidPath(reason: "r"), .invalidHeaderName("a b"), .invalidHeaderValue(name: "X"), .missingHost,
        ]
        for error in all { expectNoSecrets(error, "SigV4Error.\(error)") }
    }

    @Test func thrownErrorsAreClean() {
        // Errors from real failures, including ones where the secret sits next to the problem.
        let badRequests: [SigV4Request] = [
            SigV4Request(method: "GET", path: "/"),
            SigV4Request(method: "G ET", path: "/", headers: [SigV4Header("Host", "h")]),
            SigV4Request(method: "GET", path: "x", headers: [SigV4Header("Host", "h")]),
            SigV4Request(method: "GET", path: "/", headers: [SigV4Header("Host", "h"), SigV4Header("X-Secret", secret + "\nbad")]),
            SigV4Request(method: "GET", path: "/", headers: [SigV4Header("Host", "h"), SigV4Header("Bad Name", secret)]),
        ]
        let signers = [
            SigV4Signer(credentials: testCredentials, region: "us-east-1", service: "service"),
            SigV4Signer(credentials: testCredentials, region: "us east 1", service: "service"),
            SigV4Signer(credentials: SigV4Credentials(accessKeyID: "", secretAccessKey: secret), region: "r", service: "s"),
            SigV4Signer(credentials: SigV4Credentials(accessKeyID: "AK/ID", secretAccessKey: secret, sessionToken: token), region: "r", service: "s"),
        ]
        let good = SigV4Request(method: "GET", path: "/", headers: [SigV4Header("Host", "h")])
        var thrown = 0
        for signer in signers {
            for request in badRequests + [good] {
                do {
                    _ = try signer.sign(request)
                } catch {
                    thrown += 1
                    expectNoSecrets(error, "error \(error)")
                }
            }
        }
        #expect(thrown == badRequests.count * signers.count + 3)
    }
}
