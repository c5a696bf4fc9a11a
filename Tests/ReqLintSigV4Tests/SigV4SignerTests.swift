import Foundation
@testable import ReqLintSigV4
import Testing

// Unit tests of the pieces the suites above exercise only indirectly: timestamps, key
// derivation and its cache, encoding of paths and queries for both option sets, header
// handling, re-signing and validation.

private let credentials = SigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
private let time = SigV4Timestamp(iso8601: "2015-08-30T12:36:00Z")!
private let host = SigV4Header("Host", "example.amazonaws.com")

private func signer(service: String = "service", options: SigV4Options? = nil, credentials: SigV4Credentials = credentials) -> SigV4Signer {
    SigV4Signer(credentials: credentials, region: "us-east-1", service: service, options: options, fixedTime: time)
}

/// Line `index` of the canonical request of `request`.
private func canonicalLine(_ index: Int, _ request: SigV4Request, _ signer: SigV4Signer = signer()) throws -> String {
    String(try signer.canonicalRequest(for: request, at: time).split(separator: "\n", omittingEmptySubsequences: false)[index])
}

@Suite struct SigV4TimestampTests {
    @Test func formats() throws {
        #expect(time.amzDate == "20150830T123600Z")
        #expect(time.dateStamp == "20150830")
        #expect(time.description == "2015-08-30T12:36:00Z")
        #expect(time.secondsSince1970 == 1_440_938_160)
        #expect(SigV4Timestamp(iso8601: "20150830T123600Z") == time)
        #expect(SigV4Timestamp(iso8601: "2015-08-30T12:36:00.999Z") == time)
        #expect(SigV4Timestamp(iso8601: "2015-08-30T14:36:00+02:00") == time)
        #expect(SigV4Timestamp(iso8601: "2015-08-30T07:06:00-05:30") == time)
        #expect(SigV4Timestamp(year: 2015, month: 8, day: 30, hour: 12, minute: 36) == time)
    }

    @Test(arguments: ["", "2015-08-30", "2015-08-30T12:36:00", "2015-13-01T00:00:00Z", "2015-02-29T00:00:00Z",
                      "2015-08-30T24:00:00Z", "2015-08-30T12:36:00.Z", "2015-08-30 12:36:00Z", "20150830T123600", "2015-08-30T12:36:00Zx"])
    func rejects(text: String) {
        #expect(SigV4Timestamp(iso8601: text) == nil)
    }

    @Test func calendarEdges() {
        #expect(SigV4Timestamp(secondsSince1970: 0).amzDate == "19700101T000000Z")
        #expect(SigV4Timestamp(secondsSince1970: -1).amzDate == "19691231T235959Z")
        #expect(SigV4Timestamp(secondsSince1970: 951_782_400).dateStamp == "20000229")
        #expect(SigV4Timestamp(secondsSince1970: SigV4Timestamp.maximumSeconds).amzDate == "99991231T235959Z")
        #expect(SigV4Timestamp(secondsSince1970: SigV4Timestamp.minimumSeconds).amzDate == "00000101T000000Z")
        #expect(SigV4Timestamp(year: 2024, month: 2, day: 29) != nil)
        #expect(SigV4Timestamp(year: 2100, month: 2, day: 29) == nil)
        // Every day from 1999 to 2101 round-trips through its calendar fields.
        var seconds: Int64 = 915_148_800
        while seconds < 4_133_980_800 {
            let stamp = SigV4Timestamp(secondsSince1970: seconds + 45_296)
            let c = stamp.components
            #expect(SigV4Timestamp(year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute, second: c.second) == stamp)
            seconds += 86_400
        }
    }

    @Test func nowIsPlausible() {
        let now = SigV4Timestamp.now()
        #expect(now.components.year >= 2024)
    }

    @Test func clockIsAskedOnEverySign() throws {
        let box = Counter()
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service", clock: {
            SigV4Timestamp(secondsSince1970: 1_440_938_160 + box.next())
        })
        let request = SigV4Request(method: "GET", path: "/", headers: [host])
        #expect(try signer.sign(request).values(forHeader: "X-Amz-Date") == ["20150830T123601Z"])
        #expect(try signer.sign(request).values(forHeader: "X-Amz-Date") == ["20150830T123602Z"])
    }
}

/// A thread-safe counter for the clock test.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64 = 0
    func next() -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

@Suite struct SigningKeyTests {
    /// The example of the AWS documentation ("Derive a signing key for SigV4").
    @Test func derivationMatchesAWSDocumentation() {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "iam", fixedTime: time)
        let key = signer.signingKey(dateStamp: "20120215")
        #expect(key.withUnsafeBytes { lowerHex($0) } == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    @Test func cacheDerivesOncePerScopeAcrossThreads() async throws {
        let signer = signer()
        let request = SigV4Request(method: "GET", path: "/", headers: [host])
        let expected = try signer.sign(request, at: time)
        try await withThrowingTaskGroup(of: SigV4Request.self) { group in
            for index in 0 ..< 64 {
                group.addTask {
                    // Two dates, interleaved.
                    try signer.sign(request, at: index.isMultiple(of: 2) ? time : SigV4Timestamp(secondsSince1970: time.secondsSince1970 + 86_400))
                }
            }
            for try await signed in group where signed.values(forHeader: "X-Amz-Date") == [time.amzDate] {
                #expect(signed == expected)
            }
        }
        #expect(signer.keyCache.derivationCount == 2)
        // Copies share the cache.
        let copy = signer
        _ = try copy.sign(request, at: time)
        #expect(signer.keyCache.derivationCount == 2)
    }

    @Test func cacheIsBounded() throws {
        let signer = signer()
        let request = SigV4Request(method: "GET", path: "/", headers: [host])
        for day in 0 ..< Int64(SigningKeyCache.capacity + 4) {
            _ = try signer.sign(request, at: SigV4Timestamp(secondsSince1970: time.secondsSince1970 + day * 86_400))
        }
        #expect(signer.keyCache.derivationCount == SigningKeyCache.capacity + 4)
        // The oldest day was evicted, the newest is still cached.
        _ = try signer.sign(request, at: SigV4Timestamp(secondsSince1970: time.secondsSince1970 + Int64(SigningKeyCache.capacity + 3) * 86_400))
        #expect(signer.keyCache.derivationCount == SigningKeyCache.capacity + 4)
        _ = try signer.sign(request, at: time)
        #expect(signer.keyCache.derivationCount == SigningKeyCache.capacity + 5)
    }
}

@Suite struct CanonicalisationTests {
    @Test func pathStandard() throws {
        let cases: [(String, String)] = [
            ("", "/"),
            ("/", "/"),
            ("/a%20b/c", "/a%2520b/c"),
            ("/a b/ሴ", "/a%20b/%E1%88%B4"),
            ("//a//./b/../c/", "/a/c/"),
            ("/a/..", "/"),
            ("/../..", "/"),
            ("/a/.", "/a"),
            ("/~user/x!y*z'(1)", "/~user/x%21y%2Az%27%281%29"),
        ]
        for (path, expected) in cases {
            #expect(try canonicalLine(1, SigV4Request(method: "GET", path: path, headers: [host])) == expected, "path \(path)")
        }
    }

    @Test func pathS3() throws {
        let s3 = signer(service: "s3")
        #expect(s3.options == .s3)
        let cases: [(String, String)] = [
            ("/bucket/a%20b", "/bucket/a%20b"),
            ("/bucket/a%2fb%zz", "/bucket/a%2Fb%25zz"),
            ("/bucket/a b+c", "/bucket/a%20b%2Bc"),
            ("/bucket//x/./y/../z", "/bucket//x/./y/../z"),
        ]
        for (path, expected) in cases {
            #expect(try canonicalLine(1, SigV4Request(method: "GET", path: path, headers: [host]), s3) == expected, "path \(path)")
        }
    }

    @Test func query() throws {
        let request = SigV4Request(method: "GET", path: "/", queryItems: [
            SigV4QueryItem("Param-3", "Value3"), SigV4QueryItem("Param", "b"), SigV4QueryItem("Param", "a"),
            SigV4QueryItem("ሴ", "x y/z+=&"), SigV4QueryItem("flag"), SigV4QueryItem("_~.-", "~"),
        ], headers: [host])
        #expect(try canonicalLine(2, request) == "%E1%88%B4=x%20y%2Fz%2B%3D%26&Param=a&Param=b&Param-3=Value3&_~.-=~&flag=")
        #expect(request.target == "/?Param-3=Value3&Param=b&Param=a&%E1%88%B4=x%20y%2Fz%2B%3D%26&flag=&_~.-=~")
    }

    @Test func targetParsing() {
        let request = SigV4Request(method: "GET", target: "/p%20q?a=1&&b&c=%E1%88%B4%zz+=&d=x=y")
        #expect(request.path == "/p%20q")
        #expect(request.queryItems == [
            SigV4QueryItem("a", "1"), SigV4QueryItem("b", ""), SigV4QueryItem("c", "ሴ%zz+="), SigV4QueryItem("d", "x=y"),
        ])
        #expect(SigV4Request(method: "GET", target: "/x").queryItems.isEmpty)
        #expect(SigV4Request(method: "GET", path: "").target == "/")
        #expect(SigV4Request.encodePathSegment("a b/ሴ~") == "a%20b%2F%E1%88%B4~")
    }

    @Test func headers() throws {
        let request = SigV4Request(method: "POST", path: "/", headers: [
            SigV4Header("Host", "example.amazonaws.com"),
            SigV4Header("X-B", "  one   two\t three  "),
            SigV4Header("x-a", "2"),
            SigV4Header("X-A", "1"),
            SigV4Header("X-Folded", "v1\n  v2\r\n\tv3"),
            SigV4Header("User-Agent", "not signed"),
            SigV4Header("X-Empty", ""),
        ])
        let canonical = try signer().canonicalRequest(for: request, at: time)
        #expect(canonical == """
            POST
            /

            host:example.amazonaws.com
            x-a:2,1
            x-amz-date:20150830T123600Z
            x-b:one two three
            x-empty:
            x-folded:v1 v2 v3

            host;x-a;x-amz-date;x-b;x-empty;x-folded
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        let signed = try signer().sign(request)
        #expect(signed.headers.prefix(7) == request.headers[...], "headers are kept as given")
        #expect(signed.values(forHeader: "user-agent") == ["not signed"])
        #expect(signed.headers.map(\.name).suffix(2) == ["X-Amz-Date", "Authorization"])
    }

    @Test func contentSHA256() throws {
        let body = Array("Param1=value1".utf8)
        let bodyHash = "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"
        let request = SigV4Request(method: "PUT", path: "/b/k", headers: [host, SigV4Header("X-Amz-Content-SHA256", "stale")], body: body)
        // S3 replaces the header with the real hash and signs it.
        let s3 = try signer(service: "s3").sign(request)
        #expect(s3.values(forHeader: "x-amz-content-sha256") == [bodyHash])
        #expect(s3.values(forHeader: "Authorization")[0].contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date,"))
        // Otherwise a given header is the payload hash (UNSIGNED-PAYLOAD style).
        let unsigned = SigV4Request(method: "PUT", path: "/b/k", headers: [host, SigV4Header("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD")], body: body)
        #expect(try signer().canonicalRequest(for: unsigned, at: time).hasSuffix("\nUNSIGNED-PAYLOAD"))
        #expect(try signer().canonicalRequest(for: SigV4Request(method: "PUT", path: "/", headers: [host], body: body), at: time).hasSuffix("\n" + bodyHash))
    }

    @Test func resigningReplacesOldHeaders() throws {
        let temporary = SigV4Credentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "token")
        let request = SigV4Request(method: "GET", path: "/", headers: [host])
        let first = try signer(credentials: temporary).sign(request)
        let again = try signer(credentials: temporary).sign(first)
        #expect(again == first)
        #expect(first.headers.map(\.name) == ["Host", "X-Amz-Security-Token", "X-Amz-Date", "Authorization"])
        let later = try signer(credentials: temporary).sign(first, at: SigV4Timestamp(secondsSince1970: time.secondsSince1970 + 60))
        #expect(later.values(forHeader: "X-Amz-Date") == ["20150830T123700Z"])
        #expect(later.values(forHeader: "Authorization").count == 1)
        #expect(later.headers.count == first.headers.count)
    }

    @Test func sessionTokenHandling() throws {
        let request = SigV4Request(method: "GET", path: "/", headers: [host])
        let temporary = SigV4Credentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "token")
        #expect(try signer(credentials: temporary).canonicalRequest(for: request, at: time).contains("x-amz-security-token:token\n"))
        let unsignedToken = signer(options: SigV4Options(signSessionToken: false), credentials: temporary)
        #expect(try !unsignedToken.canonicalRequest(for: request, at: time).contains("x-amz-security-token"))
        #expect(try unsignedToken.sign(request).values(forHeader: "X-Amz-Security-Token") == ["token"])
        // An empty token is no token.
        let empty = SigV4Credentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "")
        #expect(try signer(credentials: empty).sign(request).values(forHeader: "X-Amz-Security-Token").isEmpty)
    }

    @Test func options() {
        #expect(SigV4Options.defaults(forService: "sagemaker") == .standard)
        #expect(SigV4Options.defaults(forService: "S3") == .s3)
        #expect(SigV4Options(unsignedHeaderNames: ["User-Agent"]).unsignedHeaderNames == ["user-agent"])
        #expect(signer().options == .standard)
    }
}

@Suite struct ValidationTests {
    @Test func invalidRequests() {
        let cases: [(SigV4Request, SigV4Error)] = [
            (SigV4Request(method: "GET", path: "/"), .missingHost),
            (SigV4Request(method: "", path: "/", headers: [host]), .invalidMethod("")),
            (SigV4Request(method: "G(T", path: "/", headers: [host]), .invalidMethod("G(T")),
            (SigV4Request(method: "GET", path: "a", headers: [host]), .invalidPath(reason: "it does not start with '/'")),
            (SigV4Request(method: "GET", path: "/a\nb", headers: [host]), .invalidPath(reason: "it contains a control character")),
            (SigV4Request(method: "GET", path: "/", headers: [host, SigV4Header("", "x")]), .invalidHeaderName("")),
            (SigV4Request(method: "GET", path: "/", headers: [host, SigV4Header("A:B", "x")]), .invalidHeaderName("A:B")),
            (SigV4Request(method: "GET", path: "/", headers: [host, SigV4Header("A", "x\ny")]), .invalidHeaderValue(name: "A")),
            (SigV4Request(method: "GET", path: "/", headers: [host, SigV4Header("A", "x\ry")]), .invalidHeaderValue(name: "A")),
            (SigV4Request(method: "GET", path: "/", headers: [host, SigV4Header("A", "x\n")]), .invalidHeaderValue(name: "A")),
            (SigV4Request(method: "GET", path: "/", headers: [host, SigV4Header("A", "x\0")]), .invalidHeaderValue(name: "A")),
        ]
        for (request, expected) in cases {
            #expect(throws: expected) { try signer().sign(request) }
        }
        #expect(throws: SigV4Error.self) { try signer().sign(SigV4Request(method: "GET", path: "/a?b", headers: [host])) }
    }

    @Test func invalidConfiguration() {
        let request = SigV4Request(method: "GET", path: "/", headers: [host])
        func make(_ id: String, _ secret: String, region: String = "us-east-1", service: String = "service") -> SigV4Signer {
            SigV4Signer(credentials: SigV4Credentials(accessKeyID: id, secretAccessKey: secret), region: region, service: service, fixedTime: time)
        }
        #expect(throws: SigV4Error.missingCredentials) { try make("", "s").sign(request) }
        #expect(throws: SigV4Error.missingCredentials) { try make("AKID", "").sign(request) }
        #expect(throws: SigV4Error.invalidAccessKeyID) { try make("AK,ID", "s").sign(request) }
        #expect(throws: SigV4Error.invalidScope(field: "region")) { try make("AKID", "s", region: "").sign(request) }
        #expect(throws: SigV4Error.invalidScope(field: "service")) { try make("AKID", "s", service: "a/b").sign(request) }
        #expect(throws: SigV4Error.missingCredentials) { try make("", "s").signature(forStringToSign: "x", at: time) }
    }
}
