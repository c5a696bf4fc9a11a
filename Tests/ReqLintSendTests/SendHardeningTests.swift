import Foundation
import Testing

/// `reqlint send` against hostile configuration and servers: no secret from any source in any
/// output, no control character from a server or a file name reaching the terminal, and no
/// request that would go out without the header its credentials need.
@Suite(.serialized, .enabled(if: ReqLintBinary.path != nil, "the reqlint executable is not built beside the tests"))
struct SendHardeningTests {
    let folder: TemporaryFolder
    let environment: [String: String]
    static let password = "Pa55w0rd-NEVER-SHOWN"
    static let sourceToken = "SOURCEPROFILETOKEN-0123456789abcdef"
    static let helperSecret = "AKIAHELPERLEAK-wJalrXUtnFEMI-K7MDENG"

    init() throws {
        folder = try TemporaryFolder(["ir.json": Fixtures.recommendationsJob])
        environment = Fixtures.environment(in: folder)
    }

    func run(_ arguments: [String], env: [String: String] = [:]) throws -> ReqLintBinary.Run {
        let result = try ReqLintBinary.run(["send"] + arguments, environment: environment.merging(env) { $1 }, in: folder.path)
        for secret in [Fixtures.secret, Fixtures.token, Self.password, Self.sourceToken, Self.helperSecret] {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "a secret was printed: \(result.stdout) \(result.stderr)")
        }
        return result
    }

    @Test func userInformationInAnEndpointIsNeverShown() throws {
        let flag = try run(["--dry-run", "--endpoint-url", "https://admin:\(Self.password)@host.example/x?y", "ir.json"])
        #expect(flag.status == 2)
        #expect(flag.stderr.contains("invalid endpoint URL \"https://****@host.example/x?y\""), "\(flag.stderr)")
        let variable = try run(["--dry-run", "ir.json"], env: ["AWS_ENDPOINT_URL": "https://admin:\(Self.password)@host.example/"])
        #expect(variable.status == 2)
        #expect(variable.stderr.contains("user information"), "\(variable.stderr)")
    }

    @Test func aCredentialHelpersStandardErrorIsNotEchoed() throws {
        let helper = try folder.write("helper.sh", "#!/bin/sh\necho \"debug: key \(Self.helperSecret)\" >&2\nexit 3\n", executable: true)
        try folder.write("home/config", "[profile helper]\ncredential_process = \(helper)\n")
        let result = try run(["--dry-run", "--profile", "helper", "ir.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("exited with status 3"), "\(result.stderr)")
        #expect(result.stderr.contains("standard error are not shown"), "\(result.stderr)")
    }

    /// STS refuses the source profile's credentials and repeats its session token in the error.
    @Test func aSourceProfilesTokenEchoedByStsIsMasked() throws {
        let server = try StubServer { _, request in
            let token = request.header("X-Amz-Security-Token") ?? "none"
            return StubServer.Reply(status: 403, headers: [("Content-Type", "text/xml")], body: """
            <ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>\
            <Message>The security token \(token) included in the request is invalid.</Message></Error></ErrorResponse>
            """)
        }
        defer { server.stop() }
        try folder.write("home/credentials", """
        [base]
        aws_access_key_id = AKIDBASE
        aws_secret_access_key = \(Fixtures.secret)
        aws_session_token = \(Self.sourceToken)
        """)
        try folder.write("home/config", "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Dev\nsource_profile = base\n")
        let result = try run(["--dry-run", "--profile", "dev", "ir.json"], env: ["AWS_ENDPOINT_URL_STS": server.url])
        #expect(server.requests.count >= 1)
        #expect(server.requests.first?.header("X-Amz-Security-Token") == Self.sourceToken)
        #expect(result.status == 2)
        #expect(result.stderr.contains("The security token **** included in the request is invalid"), "\(result.stderr)")
    }

    @Test func aSessionTokenWithALineBreakIsRefused() throws {
        let server = try StubServer { _, _ in StubServer.Reply(status: 200, body: "{}") }
        defer { server.stop() }
        for token in ["IQoJabc\r\nX-Injected: 1", "IQoJabc\ndef", "IQoJ abc"] {
            let result = try run(["--endpoint-url", server.url, "ir.json"], env: ["AWS_SESSION_TOKEN": token])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("the session token from environment variables contains a line break"), "\(result.stderr)")
        }
        #expect(server.requests.isEmpty)
    }

    /// A service answer with terminal escapes and a line that looks like reqlint's summary.
    @Test func controlCharactersFromTheServiceAreEscaped() throws {
        let server = try StubServer { _, _ in
            StubServer.Reply(status: 400, headers: [("x-amzn-RequestId", "r-1")],
                             body: #"{"__type":"ValidationException","message":"bad\u001b[2J\u0007\rvalue\nreqlint: 1 request sent, 1 accepted, 0 failed\u202e"}"#)
        }
        defer { server.stop() }
        let result = try run(["--endpoint-url", server.url, "ir.json"])
        #expect(result.status == 1)
        for forbidden in ["\u{1B}", "\u{07}", "\r", "\u{202E}"] {
            #expect(!result.stdout.contains(forbidden) && !result.stderr.contains(forbidden), "raw \(forbidden.unicodeScalars.first!.value) in \(result.stdout)")
        }
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("reqlint: 1 request sent") }, "\(result.stdout)")
        #expect(result.stdout.contains("\\u001B[2J"), "\(result.stdout)")
        #expect(result.stderr.contains("1 request sent, 0 accepted, 1 failed"))
    }
}
