import Foundation
@testable import ReqLintSend
import ReqLintSigV4
import Testing

@Suite struct CredentialChainTests {
    static let stsAnswer = """
    <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
      <AssumeRoleResult>
        <Credentials>
          <AccessKeyId>ASIAROLEKEY</AccessKeyId>
          <SecretAccessKey>roleSecretValue1234567890</SecretAccessKey>
          <SessionToken>roleSessionToken&amp;+/=</SessionToken>
          <Expiration>2026-11-23T13:34:56Z</Expiration>
        </Credentials>
        <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/dev/s</Arn></AssumedRoleUser>
      </AssumeRoleResult>
      <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
    </AssumeRoleResponse>
    """

    struct Setup {
        var folder: TemporaryFolder
        var chain: CredentialChain
        var transport: FakeTransport
    }

    func setup(_ files: [String: String], env: [String: String] = [:], profile: String? = nil, region: String? = "us-east-1",
               transport: FakeTransport = FakeTransport(status: 200, body: stsAnswer),
               runner: any ProcessRunner = FakeProcessRunner(stdout: "")) throws -> Setup {
        let folder = try TemporaryFolder(files)
        var environment = ["HOME": folder.path + "/home", "AWS_CONFIG_FILE": folder.path + "/config",
                           "AWS_SHARED_CREDENTIALS_FILE": folder.path + "/credentials"]
        environment.merge(env.mapValues { $0.replacingOccurrences(of: "$DIR", with: folder.path) }) { _, new in new }
        let shared = try AWSSharedConfig(environment: environment, explicitProfile: profile)
        let chain = CredentialChain(config: shared, region: region, transport: transport, processRunner: runner,
                                    retry: RetryStrategy(sleep: { _ in }), clock: { Fixtures.time })
        return Setup(folder: folder, chain: chain, transport: transport)
    }

    let keysEnv = ["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envSecret123", "AWS_SESSION_TOKEN": "envToken123"]
    let credentialsFile = "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = fileSecret123\n[dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = devSecret123\n"

    @Test func environmentComesFirst() throws {
        let s = try setup(["credentials": credentialsFile], env: keysEnv)
        let found = try s.chain.resolve()
        #expect(found.credentials == SigV4Credentials(accessKeyID: "ENVKEY", secretAccessKey: "envSecret123", sessionToken: "envToken123"))
        #expect(found.source == "environment variables")
    }

    @Test func explicitProfileSkipsEnvironmentButAWSProfileDoesNot() throws {
        let explicit = try setup(["credentials": credentialsFile], env: keysEnv, profile: "dev")
        #expect(try explicit.chain.resolve().credentials.accessKeyID == "DEVKEY")
        let fromEnv = try setup(["credentials": credentialsFile], env: keysEnv.merging(["AWS_PROFILE": "dev"]) { $1 })
        #expect(try fromEnv.chain.resolve().credentials.accessKeyID == "ENVKEY")
        let profileOnly = try setup(["credentials": credentialsFile], env: ["AWS_PROFILE": "dev"])
        #expect(try profileOnly.chain.resolve().credentials.accessKeyID == "DEVKEY")
    }

    @Test func partialEnvironmentIsAnError() throws {
        let s = try setup([:], env: ["AWS_ACCESS_KEY_ID": "ENVKEY"])
        #expect(throws: SendError.self) { try s.chain.resolve() }
    }

    @Test func credentialsFileBeforeProcessBeforeConfigFile() throws {
        let runner = FakeProcessRunner(stdout: #"{"Version": 1, "AccessKeyId": "PROCKEY", "SecretAccessKey": "procSecret123"}"#)
        let config = "[default]\ncredential_process = /usr/bin/fetch-creds --profile \"my dev\"\naws_access_key_id = CONFKEY\naws_secret_access_key = confSecret123\n"
        #expect(try setup(["credentials": credentialsFile, "config": config], runner: runner).chain.resolve().credentials.accessKeyID == "FILEKEY")
        let process = try setup(["config": config], runner: runner)
        #expect(try process.chain.resolve().credentials.accessKeyID == "PROCKEY")
        #expect(runner.commands.last == ["/usr/bin/fetch-creds", "--profile", "my dev"])
        let configOnly = try setup(["config": "[default]\naws_access_key_id = CONFKEY\naws_secret_access_key = confSecret123\naws_session_token = t0k3n123\n"])
        #expect(try configOnly.chain.resolve().credentials == SigV4Credentials(accessKeyID: "CONFKEY", secretAccessKey: "confSecret123", sessionToken: "t0k3n123"))
    }

    @Test func credentialProcessOutputIsChecked() throws {
        let good = FakeProcessRunner(stdout: #"{"Version": 1, "AccessKeyId": "PROCKEY", "SecretAccessKey": "procSecret123", "SessionToken": "procToken123", "Expiration": "2026-11-23T13:00:00Z"}"#)
        let found = try setup(["config": "[default]\ncredential_process = tool\n"], runner: good).chain.resolve()
        #expect(found.credentials.sessionToken == "procToken123")
        #expect(found.expiration == "2026-11-23T13:00:00Z")

        let cases: [(FakeProcessRunner, String)] = [
            (FakeProcessRunner(stdout: #"{"Version": 2, "AccessKeyId": "K", "SecretAccessKey": "procSecret123"}"#), "Version"),
            (FakeProcessRunner(stdout: #"{"Version": 1, "SecretAccessKey": "procSecret123"}"#), "AccessKeyId"),
            (FakeProcessRunner(stdout: #"{"Version": 1, "AccessKeyId": "K"}"#), "SecretAccessKey"),
            (FakeProcessRunner(stdout: "not json procSecret123"), "JSON"),
            (FakeProcessRunner(stdout: #"{"Version": 1, "AccessKeyId": "K", "SecretAccessKey": "procSecret123", "Expiration": "2020-01-01T00:00:00Z"}"#), "expired"),
            (FakeProcessRunner(status: 3, stdout: #"{"SecretAccessKey": "procSecret123"}"#, stderr: "token expired, log in again"), "status 3 (its 27 bytes of standard error are not shown"),
        ]
        for (runner, expected) in cases {
            do {
                _ = try setup(["config": "[default]\ncredential_process = tool\n"], runner: runner).chain.resolve()
                Issue.record("accepted: \(runner.stdout)")
            } catch {
                #expect(msg(error).contains(expected), "\(msg(error))")
                #expect(!msg(error).contains("procSecret123"), "the secret leaked: \(msg(error))")
                // A helper's standard error may hold secrets: it is never echoed.
                #expect(!msg(error).contains("token expired"), "standard error was echoed: \(msg(error))")
            }
        }
    }

    @Test func realCredentialProcessRuns() throws {
        let folder = try TemporaryFolder()
        let script = try folder.write("creds.sh", """
        #!/bin/sh
        printf '{"Version": 1, "AccessKeyId": "SCRIPTKEY", "SecretAccessKey": "scriptSecret123", "SessionToken": "%s"}' "$(printf '%s' "$1" | tr ' ' _)"
        """, executable: true)
        let s = try setup(["config": "[default]\ncredential_process = '\(script)' \"tok en\"\n"], runner: FoundationProcessRunner())
        let found = try s.chain.resolve()
        #expect(found.credentials == SigV4Credentials(accessKeyID: "SCRIPTKEY", secretAccessKey: "scriptSecret123", sessionToken: "tok_en"))  // "tok en" arrived as one argument
        let failing = try folder.write("fail.sh", "#!/bin/sh\necho 'no session' >&2\nexit 7\n", executable: true)
        let f = try setup(["config": "[default]\ncredential_process = \(failing)\n"], runner: FoundationProcessRunner())
        #expect(throws: SendError.self) { try f.chain.resolve() }
        do { _ = try f.chain.resolve() } catch { #expect(msg(error).contains("status 7 (its 11 bytes of standard error are not shown")) }
        let missing = try setup(["config": "[default]\ncredential_process = reqlint-no-such-tool-xyz\n"], runner: FoundationProcessRunner())
        #expect(throws: SendError.self) { try missing.chain.resolve() }
    }

    @Test func commandLinesSplitLikeShlex() throws {
        #expect(try splitCommandLine(#"a "b c" 'd e' f\ g "h\"i" 'j\k'"#) == ["a", "b c", "d e", "f g", "h\"i", "j\\k"])
        #expect(try splitCommandLine("  tool   --x=1  ") == ["tool", "--x=1"])
        #expect(try splitCommandLine(#"a"b"'c'"#) == ["abc"])
        #expect(throws: SendError.self) { try splitCommandLine(#"a "b"#) }
    }

    @Test func roleAssumptionWithSourceProfile() throws {
        let config = "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\nrole_session_name = ci-run\nexternal_id = ext-1\nduration_seconds = 900\n"
        let credentials = "[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = baseSecret123\n"
        let s = try setup(["config": config, "credentials": credentials], profile: "dev", region: "eu-west-1")
        let found = try s.chain.resolve()
        #expect(found.credentials == SigV4Credentials(accessKeyID: "ASIAROLEKEY", secretAccessKey: "roleSecretValue1234567890", sessionToken: "roleSessionToken&+/="))
        #expect(found.source.contains("role arn:aws:iam::123456789012:role/dev"))
        let request = try #require(s.transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url == "https://sts.eu-west-1.amazonaws.com/")
        #expect(request.header("Authorization")?.contains("Credential=BASEKEY/20261123/eu-west-1/sts/aws4_request") == true)
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
        #expect(String(decoding: request.body, as: UTF8.self) == "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdev&RoleSessionName=ci-run&ExternalId=ext-1&DurationSeconds=900")
    }

    @Test func roleChainsAndLoops() throws {
        let config = """
        [profile a]
        role_arn = arn:aws:iam::123456789012:role/a
        source_profile = b
        [profile b]
        role_arn = arn:aws:iam::123456789012:role/b
        source_profile = c
        [profile c]
        aws_access_key_id = CKEY
        aws_secret_access_key = cSecret1234
        [profile loop1]
        role_arn = arn:aws:iam::123456789012:role/l1
        source_profile = loop2
        [profile loop2]
        role_arn = arn:aws:iam::123456789012:role/l2
        source_profile = loop1
        [profile self]
        role_arn = arn:aws:iam::123456789012:role/self
        source_profile = self
        aws_access_key_id = SELFKEY
        aws_secret_access_key = selfSecret123
        [profile mfa]
        role_arn = arn:aws:iam::123456789012:role/m
        source_profile = c
        mfa_serial = arn:aws:iam::123456789012:mfa/me
        [profile env]
        role_arn = arn:aws:iam::123456789012:role/e
        credential_source = Environment
        [profile both]
        role_arn = arn:aws:iam::123456789012:role/x
        credential_source = Environment
        source_profile = c
        """
        let chained = try setup(["config": config], profile: "a")
        _ = try chained.chain.resolve()
        #expect(chained.transport.requests.count == 2)
        #expect(chained.transport.requests[0].header("Authorization")?.contains("Credential=CKEY/") == true)
        #expect(String(decoding: chained.transport.requests[0].body, as: UTF8.self).contains("role%2Fb"))
        #expect(chained.transport.requests[1].header("Authorization")?.contains("Credential=ASIAROLEKEY/") == true)
        #expect(String(decoding: chained.transport.requests[1].body, as: UTF8.self).contains("role%2Fa"))

        #expect(throws: SendError.self) { try setup(["config": config], profile: "loop1").chain.resolve() }
        let selfRef = try setup(["config": config], profile: "self")
        _ = try selfRef.chain.resolve()
        #expect(selfRef.transport.requests[0].header("Authorization")?.contains("Credential=SELFKEY/") == true)
        #expect(throws: SendError.self) { try setup(["config": config], profile: "mfa").chain.resolve() }
        #expect(throws: SendError.self) { try setup(["config": config], profile: "both").chain.resolve() }
        let env = try setup(["config": config], env: keysEnv, profile: "env")
        _ = try env.chain.resolve()
        #expect(env.transport.requests[0].header("Authorization")?.contains("Credential=ENVKEY/") == true)
        #expect(env.transport.requests[0].header("X-Amz-Security-Token") == "envToken123")
    }

    @Test func stsErrorsAreClear() throws {
        let denied = FakeTransport(status: 403, body: "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed to assume</Message></Error><RequestId>x</RequestId></ErrorResponse>")
        let s = try setup(["config": "[default]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = default\naws_access_key_id = K\naws_secret_access_key = baseSecret123\n"], transport: denied)
        do {
            _ = try s.chain.resolve()
            Issue.record("no error")
        } catch {
            #expect(msg(error).contains("AccessDenied: not allowed to assume"))
            #expect(!msg(error).contains("baseSecret123"))
        }
    }

    @Test func webIdentityFromEnvironment() throws {
        let folder = try TemporaryFolder(["token": "eyJhbGciOiJSUzI1NiJ9.payload.signature\n"])
        let answer = Self.stsAnswer.replacingOccurrences(of: "AssumeRoleResponse", with: "AssumeRoleWithWebIdentityResponse")
        let s = try setup([:], env: ["AWS_WEB_IDENTITY_TOKEN_FILE": folder.path + "/token", "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci",
                                     "AWS_ROLE_SESSION_NAME": "gha-42"], transport: FakeTransport(status: 200, body: answer))
        let found = try s.chain.resolve()
        #expect(found.credentials.accessKeyID == "ASIAROLEKEY")
        let request = try #require(s.transport.requests.first)
        #expect(request.header("Authorization") == nil)
        #expect(String(decoding: request.body, as: UTF8.self) == "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fci&RoleSessionName=gha-42&WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.payload.signature")
        // No role: an error. With --profile the environment's web identity is not used.
        #expect(throws: SendError.self) { try setup([:], env: ["AWS_WEB_IDENTITY_TOKEN_FILE": folder.path + "/token"]).chain.resolve() }
        let explicit = try setup(["credentials": credentialsFile], env: ["AWS_WEB_IDENTITY_TOKEN_FILE": folder.path + "/token", "AWS_ROLE_ARN": "arn:aws:iam::1:role/x"], profile: "dev")
        #expect(try explicit.chain.resolve().credentials.accessKeyID == "DEVKEY")
        #expect(explicit.transport.requests.isEmpty)
    }

    @Test func webIdentityFromProfileAndDefaultSessionName() throws {
        let folder = try TemporaryFolder(["token": "tok"])
        let s = try setup(["config": "[default]\nweb_identity_token_file = \(folder.path)/token\nrole_arn = arn:aws:iam::123456789012:role/w\n"])
        _ = try s.chain.resolve()
        #expect(String(decoding: s.transport.requests[0].body, as: UTF8.self).contains("RoleSessionName=botocore-session-\(Fixtures.time.secondsSince1970)&"))
    }

    @Test func stsEndpointHonoursConfiguredURLsAndGlobalWithoutRegion() throws {
        let config = "[default]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = default\naws_access_key_id = K\naws_secret_access_key = baseSecret123\n"
        let configured = try setup(["config": config], env: ["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9999"])
        _ = try configured.chain.resolve()
        #expect(configured.transport.requests[0].url == "http://127.0.0.1:9999/")
        #expect(configured.transport.requests[0].header("Host") == "127.0.0.1:9999")
        let global = try setup(["config": config], region: nil)
        _ = try global.chain.resolve()
        #expect(global.transport.requests[0].url == "https://sts.amazonaws.com/")
        #expect(global.transport.requests[0].header("Authorization")?.contains("/us-east-1/sts/aws4_request") == true)
    }

    @Test func containerCredentials() throws {
        let answer = #"{"AccessKeyId": "CONTKEY", "SecretAccessKey": "contSecret123", "Token": "contToken123", "Expiration": "2026-11-23T18:00:00Z"}"#
        let relative = try setup([:], env: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"], transport: FakeTransport(status: 200, body: answer))
        let found = try relative.chain.resolve()
        #expect(found.credentials == SigV4Credentials(accessKeyID: "CONTKEY", secretAccessKey: "contSecret123", sessionToken: "contToken123"))
        #expect(relative.transport.requests[0].url == "http://169.254.170.2/v2/credentials/abc")
        #expect(relative.transport.requests[0].method == "GET")
        #expect(relative.transport.requests[0].header("Authorization") == nil)

        let folder = try TemporaryFolder(["auth": "Bearer file-token\n"])
        let full = try setup([:], env: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:8080/creds?x=1",
                                        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": folder.path + "/auth",
                                        "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored"], transport: FakeTransport(status: 200, body: answer))
        _ = try full.chain.resolve()
        #expect(full.transport.requests[0].url == "http://127.0.0.1:8080/creds?x=1")
        #expect(full.transport.requests[0].header("Authorization") == "Bearer file-token")
        let eks = try setup([:], env: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.170.23/v1/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "t"],
                            transport: FakeTransport(status: 200, body: answer))
        _ = try eks.chain.resolve()
        #expect(eks.transport.requests[0].url == "http://169.254.170.23/v1/credentials")
        #expect(eks.transport.requests[0].header("Authorization") == "t")

        #expect(throws: SendError.self) { try setup([:], env: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://10.1.2.3/creds"]).chain.resolve() }
        #expect(throws: SendError.self) {
            try setup([:], env: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/x"], transport: FakeTransport(status: 200, body: "{}")).chain.resolve()
        }
    }

    @Test func orderEnvironmentThenFilesThenContainer() throws {
        // Files win over container credentials.
        let answer = #"{"AccessKeyId": "CONTKEY", "SecretAccessKey": "contSecret123"}"#
        let s = try setup(["credentials": credentialsFile], env: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/x"], transport: FakeTransport(status: 200, body: answer))
        #expect(try s.chain.resolve().credentials.accessKeyID == "FILEKEY")
        #expect(s.transport.requests.isEmpty)
    }

    @Test func ssoProfilesAreRefusedWithAHint() throws {
        let s = try setup(["config": "[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n"])
        do { _ = try s.chain.resolve(); Issue.record("no error") } catch {
            #expect(msg(error).contains("IAM Identity Center"))
            #expect(msg(error).contains("export-credentials"))
        }
    }

    @Test func nothingFoundListsEverySourceTried() throws {
        let s = try setup(["config": "[default]\nregion = us-east-1\n"])
        do {
            _ = try s.chain.resolve()
            Issue.record("no error")
        } catch {
            #expect(error.kind == .credentials)
            for source in ["environment variables", "role_arn", "AWS_WEB_IDENTITY_TOKEN_FILE", "credentials", "credential_process", "config",
                           "container credentials", "EC2 instance metadata"] {
                #expect(msg(error).contains(source), "\(source) not named in: \(msg(error))")
            }
        }
    }

    @Test func missingNamedProfileFailsBeforeAnything() throws {
        let s = try setup(["config": "[default]\n"], env: keysEnv.merging(["AWS_PROFILE": "ghost"]) { $1 })
        do { _ = try s.chain.resolve(); Issue.record("no error") } catch {
            #expect(msg(error).contains("\"ghost\""))
        }
    }
}
