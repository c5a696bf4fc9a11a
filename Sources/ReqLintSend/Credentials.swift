import Dispatch
import Foundation
import ReqLintCore
import ReqLintSigV4

/// Runs a `credential_process` command.
public protocol ProcessRunner: Sendable {
    /// Runs `arguments` (the program first, looked up on PATH when it has no `/`) without a
    /// shell, and returns its exit status, standard output and standard error.
    func run(_ arguments: [String], environment: [String: String], timeout: Double) -> Result<(status: Int32, stdout: [UInt8], stderr: [UInt8]), SendError>
}

/// ``ProcessRunner`` with Foundation's `Process`; the process is killed after the timeout.
public struct FoundationProcessRunner: ProcessRunner {
    public init() {}

    public func run(_ arguments: [String], environment: [String: String], timeout: Double) -> Result<(status: Int32, stdout: [UInt8], stderr: [UInt8]), SendError> {
        guard let program = arguments.first else { return .failure(SendError(.credentials, "credential_process is empty")) }
        var executable = program
        if !program.contains("/") {
            let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            guard let found = path.split(separator: ":").map({ "\($0)/\(program)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                return .failure(SendError(.credentials, "credential_process: \(program) was not found on PATH"))
            }
            executable = found
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(arguments.dropFirst())
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            return .failure(SendError(.credentials, "credential_process: cannot run \(program): \(error.localizedDescription)"))
        }
        let group = DispatchGroup()
        let output = OutputBox()
        DispatchQueue.global().async(group: group) { output.setOut(stdout.fileHandleForReading.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: group) { output.setErr(stderr.fileHandleForReading.readDataToEndOfFile()) }
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { process.waitUntilExit(); finished.signal() }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 2)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            return .failure(SendError(.credentials, "credential_process: \(program) did not finish within \(Int(timeout)) s"))
        }
        group.wait()
        let (out, err) = output.values
        return .success((process.terminationStatus, Array(out), Array(err)))
    }
}

final class OutputBox: @unchecked Sendable {
    private let lock = Lock()
    private var out = Data(), err = Data()
    func setOut(_ data: Data) { lock.withLock { out = data } }
    func setErr(_ data: Data) { lock.withLock { err = data } }
    var values: (Data, Data) { lock.withLock { (out, err) } }
}

/// Splits a command line as Python's `shlex.split` (POSIX mode) does, which is how botocore
/// splits `credential_process`: whitespace separates words; single quotes keep everything;
/// double quotes keep everything but `\"`, `\\`, `\$`, `` \` `` escapes; a backslash outside
/// quotes escapes the next character.
public func splitCommandLine(_ line: String) throws(SendError) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var iterator = Array(line).makeIterator()
    var quote: Character?
    while let c = iterator.next() {
        if let q = quote {
            if c == q {
                quote = nil
            } else if q == "\"", c == "\\" {
                guard let next = iterator.next() else { throw SendError(.configuration, "credential_process: unterminated escape") }
                if "\"\\$`".contains(next) { current.append(next) } else { current.append("\\"); current.append(next) }
            } else {
                current.append(c)
            }
            continue
        }
        switch c {
        case " ", "\t", "\n", "\r":
            if inWord { words.append(current); current = ""; inWord = false }
        case "'", "\"":
            quote = c
            inWord = true
        case "\\":
            guard let next = iterator.next() else { throw SendError(.configuration, "credential_process: unterminated escape") }
            if next != "\n" { current.append(next) }
            inWord = true
        default:
            current.append(c)
            inWord = true
        }
    }
    if quote != nil { throw SendError(.configuration, "credential_process: unterminated quote") }
    if inWord { words.append(current) }
    return words
}

/// Finds credentials as the AWS CLI (botocore's default chain) does, in this order:
///
/// 1. environment variables `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`
///    (skipped when `--profile` names a profile);
/// 2. role assumption: the profile's `role_arn` with `source_profile` (itself resolved the
///    same way, chains allowed, loops refused) or `credential_source` (`Environment`,
///    `EcsContainer`), via STS AssumeRole (`role_session_name`, `external_id`,
///    `duration_seconds`; `mfa_serial` is refused: reqlint cannot prompt);
/// 3. web identity: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` [+ `AWS_ROLE_SESSION_NAME`]
///    (environment, skipped with `--profile`) or the profile's `web_identity_token_file` +
///    `role_arn`, via STS AssumeRoleWithWebIdentity;
/// 4. IAM Identity Center (`sso_*` settings): refused with a hint, not supported;
/// 5. the shared credentials file's `aws_access_key_id` / `aws_secret_access_key` /
///    `aws_session_token`;
/// 6. the profile's `credential_process` (JSON with `Version` 1);
/// 7. keys in the config file's profile;
/// 8. container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on
///    `http://169.254.170.2`) or `AWS_CONTAINER_CREDENTIALS_FULL_URI` (https, or http to a
///    loopback or the ECS/EKS link-local hosts), with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`
///    or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
///
/// (EC2 instance metadata, the last source of the AWS CLI, is not tried.) When nothing is
/// found the error lists every source tried.
public struct CredentialChain: Sendable, CustomStringConvertible, CustomReflectable {
    public var config: AWSSharedConfig
    /// The region for STS (nil: the global STS endpoint).
    public var region: String?
    public var useFIPS: Bool
    public var transport: any HTTPTransport
    /// The transport to the container credentials endpoint: never through a proxy, as
    /// botocore has it (the endpoint is on this machine's network, and its token must not
    /// cross a proxy). Defaults to `transport`.
    public var containerTransport: any HTTPTransport
    public var processRunner: any ProcessRunner
    public var retry: RetryStrategy
    public var clock: @Sendable () -> SigV4Timestamp
    /// Seconds a credential process may run.
    public var processTimeout: Double = 60

    public init(config: AWSSharedConfig, region: String?, useFIPS: Bool = false, transport: any HTTPTransport,
                containerTransport: (any HTTPTransport)? = nil, processRunner: any ProcessRunner = FoundationProcessRunner(), retry: RetryStrategy = RetryStrategy(),
                clock: @escaping @Sendable () -> SigV4Timestamp = SigV4Timestamp.now) {
        self.config = config
        self.region = region
        self.useFIPS = useFIPS
        self.transport = transport
        self.containerTransport = containerTransport ?? transport
        self.processRunner = processRunner
        self.retry = retry
        self.clock = clock
    }

    public var description: String { "CredentialChain(\(config), region: \(region ?? "none"))" }

    public var customMirror: Mirror { Mirror(self, children: ["config": config, "region": region as Any], displayStyle: .struct) }

    /// The first credentials of the chain, refused when a value could not go into a header as
    /// it is: a session token with a line break would otherwise be dropped from the signed
    /// request, which then goes out unauthenticated.
    public func resolve() throws(SendError) -> ResolvedCredentials {
        let found = try firstCredentials()
        let values = [("access key ID", found.credentials.accessKeyID), ("secret access key", found.credentials.secretAccessKey),
                      ("session token", found.credentials.sessionToken ?? "")]
        for (name, value) in values where value.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0.value > 0x7E }) {
            throw SendError(.credentials, "the \(name) from \(found.source) contains a line break, a space or a character that is not printable ASCII; it cannot be sent in a header: fix it where it is set")
        }
        return found
    }

    func firstCredentials() throws(SendError) -> ResolvedCredentials {
        try config.checkProfileExists()
        var tried: [String] = []
        let profileName = config.profileName
        let profile = config.currentProfile

        // 1. Environment.
        if config.profileIsExplicit {
            tried.append("environment variables (skipped: --profile was given)")
        } else if let found = try fromEnvironment() {
            return found
        } else {
            tried.append("environment variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY")
        }

        // 2. Role assumption.
        if profile["role_arn"] != nil, profile["web_identity_token_file"] == nil {
            return try assumeRole(profileName: profileName, visited: [profileName])
        }
        tried.append("role_arn with source_profile or credential_source in profile \(profileName)")

        // 3. Web identity.
        if let found = try fromWebIdentity(profile: profile, profileName: profileName, useEnvironment: !config.profileIsExplicit) {
            return found
        }
        tried.append(config.profileIsExplicit
            ? "web_identity_token_file with role_arn in profile \(profileName)"
            : "AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN, and web_identity_token_file with role_arn in profile \(profileName)")

        // 4-7. The profile's own sources.
        if let found = try fromProfileSources(profileName: profileName, tried: &tried) { return found }

        // 8. Container.
        if let found = try fromContainer() { return found }
        tried.append("container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / AWS_CONTAINER_CREDENTIALS_FULL_URI)")
        tried.append("EC2 instance metadata (not supported by reqlint send)")

        throw SendError(.credentials, "no AWS credentials found. Tried, in order:\n" + tried.map { "  - \($0)" }.joined(separator: "\n")
            + "\nSet AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a profile (aws configure) and pass --profile.")
    }

    // MARK: Sources

    func fromEnvironment() throws(SendError) -> ResolvedCredentials? {
        let key = config.env("AWS_ACCESS_KEY_ID")
        let secret = config.env("AWS_SECRET_ACCESS_KEY")
        switch (key, secret) {
        case (nil, nil): return nil
        case (.some, nil): throw SendError(.credentials, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        case (nil, .some): throw SendError(.credentials, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case let (key?, secret?):
            let token = config.env("AWS_SESSION_TOKEN") ?? config.env("AWS_SECURITY_TOKEN")
            return ResolvedCredentials(credentials: SigV4Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token),
                                       source: "environment variables", expiration: config.env("AWS_CREDENTIAL_EXPIRATION"))
        }
    }

    /// Static keys in a settings dictionary, or nil; a half-present pair is an error.
    static func staticKeys(_ settings: [String: String], where place: String) throws(SendError) -> SigV4Credentials? {
        let key = settings["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = settings["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        switch (key, secret) {
        case (nil, nil): return nil
        case (.some, nil): throw SendError(.credentials, "\(place) has aws_access_key_id but no aws_secret_access_key")
        case (nil, .some): throw SendError(.credentials, "\(place) has aws_secret_access_key but no aws_access_key_id")
        case let (key?, secret?):
            let token = settings["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 } ?? settings["aws_security_token"].flatMap { $0.isEmpty ? nil : $0 }
            return SigV4Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
        }
    }

    /// Sources 3 (profile only) to 7 for a profile (used directly and for source profiles).
    func fromProfileSources(profileName: String, tried: inout [String]) throws(SendError) -> ResolvedCredentials? {
        let profile = config.profile(profileName)
        if profile.keys.contains(where: { $0.hasPrefix("sso_") }) || profile["sso_session"] != nil {
            throw SendError(.credentials, "profile \(profileName) uses IAM Identity Center (sso_* settings), which reqlint send does not support; "
                + "sign in with `aws sso login --profile \(profileName)` and use a profile with credential_process = aws configure export-credentials --profile \(profileName) --format process")
        }
        if let keys = try Self.staticKeys(config.credentialProfiles[profileName] ?? [:], where: "profile \(profileName) in \(config.credentialsPath)") {
            return ResolvedCredentials(credentials: keys, source: "profile \(profileName) in \(config.credentialsPath)")
        }
        tried.append("aws_access_key_id / aws_secret_access_key of profile \(profileName) in \(config.credentialsPath)\(config.credentialsFound ? "" : " (no such file)")")
        if let command = profile["credential_process"], !command.isEmpty {
            return try fromProcess(command, profileName: profileName)
        }
        tried.append("credential_process in profile \(profileName)")
        if let keys = try Self.staticKeys(config.configProfiles[profileName] ?? [:], where: "profile \(profileName) in \(config.configPath)") {
            return ResolvedCredentials(credentials: keys, source: "profile \(profileName) in \(config.configPath)")
        }
        tried.append("aws_access_key_id / aws_secret_access_key of profile \(profileName) in \(config.configPath)\(config.configFound ? "" : " (no such file)")")
        return nil
    }

    func fromWebIdentity(profile: [String: String], profileName: String, useEnvironment: Bool) throws(SendError) -> ResolvedCredentials? {
        func setting(_ key: String, _ envName: String) -> String? {
            if useEnvironment, let value = config.env(envName) { return value }
            return profile[key].flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let tokenFile = setting("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE") else { return nil }
        guard let roleArn = setting("role_arn", "AWS_ROLE_ARN") else {
            throw SendError(.credentials, "a web identity token file is configured but no role: set AWS_ROLE_ARN or role_arn in profile \(profileName)")
        }
        let sessionName = setting("role_session_name", "AWS_ROLE_SESSION_NAME") ?? "botocore-session-\(clock().secondsSince1970)"
        guard let bytes = readFileBytes(tokenFile) else {
            throw SendError(.credentials, "cannot read the web identity token file \(tokenFile)")
        }
        let token = String(decoding: bytes, as: UTF8.self).trimmingASCIIWhitespace()
        guard !token.isEmpty else { throw SendError(.credentials, "the web identity token file \(tokenFile) is empty") }
        let duration = profile["duration_seconds"].flatMap { Int($0) }
        let sts = STSClient(endpoint: try STSClient.endpoint(config: config, region: region, useFIPS: useFIPS), transport: transport, retry: retry, clock: clock)
        var result = try sts.assumeRoleWithWebIdentity(roleArn: roleArn, sessionName: sessionName, token: token, durationSeconds: duration)
        result.source = "web identity (\(tokenFile)) for role \(roleArn) via STS AssumeRoleWithWebIdentity"
        return result
    }

    func assumeRole(profileName: String, visited: [String]) throws(SendError) -> ResolvedCredentials {
        let profile = config.profile(profileName)
        guard let roleArn = profile["role_arn"], !roleArn.isEmpty else {
            throw SendError(.credentials, "profile \(profileName) has an empty role_arn")
        }
        if profile["mfa_serial"] != nil {
            throw SendError(.credentials, "profile \(profileName) needs an MFA code (mfa_serial), which reqlint send cannot prompt for; "
                + "assume the role first (aws sts assume-role …) and pass the temporary credentials in the environment")
        }
        let sourceProfile = profile["source_profile"].flatMap { $0.isEmpty ? nil : $0 }
        let credentialSource = profile["credential_source"].flatMap { $0.isEmpty ? nil : $0 }
        let source: ResolvedCredentials
        switch (sourceProfile, credentialSource) {
        case (.some, .some):
            throw SendError(.credentials, "profile \(profileName) has both source_profile and credential_source; keep one")
        case (nil, nil):
            throw SendError(.credentials, "profile \(profileName) has role_arn but neither source_profile nor credential_source")
        case let (nil, credentialSource?):
            switch credentialSource {
            case "Environment":
                guard let found = try fromEnvironment() else {
                    throw SendError(.credentials, "profile \(profileName) has credential_source = Environment, but AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set")
                }
                source = found
            case "EcsContainer":
                guard let found = try fromContainer() else {
                    throw SendError(.credentials, "profile \(profileName) has credential_source = EcsContainer, but no container credentials URI is set")
                }
                source = found
            case "Ec2InstanceMetadata":
                throw SendError(.credentials, "profile \(profileName) has credential_source = Ec2InstanceMetadata, which reqlint send does not support")
            default:
                throw SendError(.credentials, "profile \(profileName) has credential_source = \(credentialSource); expected Environment, EcsContainer or Ec2InstanceMetadata")
            }
        case let (sourceProfile?, nil):
            guard config.profileExists(sourceProfile) else {
                throw SendError(.credentials, "the source_profile \"\(sourceProfile)\" of profile \(profileName) does not exist")
            }
            let next = config.profile(sourceProfile)
            let hasStatic = next["aws_access_key_id"] != nil || next["aws_secret_access_key"] != nil
            if visited.contains(sourceProfile), !(sourceProfile == profileName && hasStatic) {
                throw SendError(.credentials, "profiles form a loop: \((visited + [sourceProfile]).joined(separator: " → "))")
            }
            if !hasStatic, next["role_arn"] != nil, next["web_identity_token_file"] == nil {
                source = try assumeRole(profileName: sourceProfile, visited: visited + [sourceProfile])
            } else {
                var ignored: [String] = []
                if let web = try fromWebIdentity(profile: next, profileName: sourceProfile, useEnvironment: false) {
                    source = web
                } else if let found = try fromProfileSources(profileName: sourceProfile, tried: &ignored) {
                    source = found
                } else {
                    throw SendError(.credentials, "the source profile \"\(sourceProfile)\" (of profile \(profileName)) has no credentials")
                }
            }
        }
        let sessionName = profile["role_session_name"].flatMap { $0.isEmpty ? nil : $0 } ?? "botocore-session-\(clock().secondsSince1970)"
        let duration = profile["duration_seconds"].flatMap { Int($0) }
        let sts = STSClient(endpoint: try STSClient.endpoint(config: config, region: region, useFIPS: useFIPS), transport: transport, retry: retry, clock: clock)
        var result = try sts.assumeRole(source: source.credentials, roleArn: roleArn, sessionName: sessionName,
                                        externalID: profile["external_id"].flatMap { $0.isEmpty ? nil : $0 }, durationSeconds: duration)
        result.source = "role \(roleArn) assumed (profile \(profileName)) with \(source.source)"
        return result
    }

    func fromProcess(_ command: String, profileName: String) throws(SendError) -> ResolvedCredentials {
        let arguments = try splitCommandLine(command)
        guard !arguments.isEmpty else { throw SendError(.credentials, "credential_process of profile \(profileName) is empty") }
        let program = arguments[0]
        let output: (status: Int32, stdout: [UInt8], stderr: [UInt8])
        switch processRunner.run(arguments, environment: config.environment, timeout: processTimeout) {
        case let .success(result): output = result
        case let .failure(error): throw error
        }
        guard output.status == 0 else {
            // Its standard error is not shown: a credential helper may print a key or token there.
            let said = output.stderr.isEmpty ? "" : " (its \(output.stderr.count) bytes of standard error are not shown, since a credential helper may print secrets there: run it yourself to see them)"
            throw SendError(.credentials, "credential_process \(program) of profile \(profileName) exited with status \(output.status)\(said)")
        }
        let fields = JSONFields(output.stdout)
        let place = "credential_process \(program) of profile \(profileName)"
        guard !fields.isEmpty else { throw SendError(.credentials, "\(place) did not print a JSON object") }
        guard fields.number("Version") == "1" else {
            throw SendError(.credentials, "\(place) printed an unsupported Version (expected 1)")
        }
        guard let key = fields["AccessKeyId"], !key.isEmpty else { throw SendError(.credentials, "\(place) printed no AccessKeyId") }
        guard let secret = fields["SecretAccessKey"], !secret.isEmpty else { throw SendError(.credentials, "\(place) printed no SecretAccessKey") }
        let expiration = fields["Expiration"]
        if let expiration {
            guard let expires = SigV4Timestamp(iso8601: expiration) else {
                throw SendError(.credentials, "\(place) printed an Expiration that is not an ISO 8601 time")
            }
            if expires <= clock() { throw SendError(.credentials, "\(place) printed credentials that expired at \(expiration)") }
        }
        return ResolvedCredentials(credentials: SigV4Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: fields["SessionToken"]),
                                   source: place, expiration: expiration)
    }

    /// The hosts a full container credentials URI may use over plain http (botocore's list).
    static let containerHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"]

    /// The container credentials URL from the environment, or nil when none is set.
    public func containerURL() throws(SendError) -> EndpointURL? {
        if let relative = config.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            let path = relative.hasPrefix("/") ? relative : "/" + relative
            return EndpointURL(scheme: "http", host: "169.254.170.2", port: nil, basePath: path)
        }
        guard let full = config.env("AWS_CONTAINER_CREDENTIALS_FULL_URI") else { return nil }
        // The path may carry a query (allowed here, unlike a service endpoint).
        var text = full
        var query = ""
        if let question = full.firstIndex(of: "?") {
            text = String(full[..<question])
            query = String(full[full.index(after: question)...])
        }
        var url: EndpointURL
        do {
            url = try EndpointURL.parse(text, allowInsecureLoopback: true)
        } catch {
            if let http = try? EndpointURL.parse(text.replacingOccurrences(of: "http://", with: "https://")),
               text.lowercased().hasPrefix("http://"), Self.containerHosts.contains(http.host) {
                url = http
                url.scheme = "http"
            } else {
                throw SendError(.credentials, "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http to a loopback address or \(Self.containerHosts.sorted().joined(separator: ", ")): \(error.message)")
            }
        }
        if !query.isEmpty { url.basePath += "?" + query }
        return url
    }

    func fromContainer() throws(SendError) -> ResolvedCredentials? {
        guard let url = try containerURL() else { return nil }
        var headers = [SigV4Header("Host", url.hostHeader), SigV4Header("Accept", "application/json"), SigV4Header("User-Agent", OperationSender.userAgent)]
        var token: String?
        if let file = config.env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            guard let bytes = readFileBytes(file) else { throw SendError(.credentials, "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file)") }
            token = String(decoding: bytes, as: UTF8.self).trimmingASCIIWhitespace()
        } else if let value = config.env("AWS_CONTAINER_AUTHORIZATION_TOKEN") {
            token = value
        }
        if let token {
            guard !token.contains("\r"), !token.contains("\n") else {
                throw SendError(.credentials, "the container authorization token contains a line break")
            }
            headers.append(SigV4Header("Authorization", token))
        }
        let address = "\(url.scheme)://\(url.hostHeader)\(url.basePath)"
        let shown = "\(url.scheme)://\(url.hostHeader)\(url.basePath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "")"
        let request = HTTPRequest(method: "GET", url: address, headers: headers, body: [])
        let exchange = try Exchange.perform(transport: containerTransport, retry: RetryStrategy(maxAttempts: 3, random: { 0.1 }, sleep: RetryStrategy.systemSleep)) { () throws(SendError) -> HTTPRequest in request }
        switch exchange.outcome {
        case let .success(response):
            let fields = JSONFields(response.body)
            guard let key = fields["AccessKeyId"], let secret = fields["SecretAccessKey"], !key.isEmpty, !secret.isEmpty else {
                throw SendError(.credentials, "the container credentials endpoint \(shown) answered without AccessKeyId and SecretAccessKey")
            }
            return ResolvedCredentials(credentials: SigV4Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: fields["Token"]),
                                       source: "container credentials at \(shown)", expiration: fields["Expiration"])
        case let .serviceError(error):
            throw SendError(.credentials, "the container credentials endpoint \(shown) answered HTTP \(error.status)")
        case let .transportFailure(error):
            throw SendError(.credentials, "the container credentials endpoint \(shown) could not be reached: \(error)")
        }
    }
}
