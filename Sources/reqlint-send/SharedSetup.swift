import ArgumentParser
import Foundation
import ReqLintCommandLine
import ReqLintConfig
import ReqLintCore
import ReqLintPreflight
import ReqLintReport
import ReqLintSend
import ReqLintSigV4

/// The options `send` and `preflight` share: where and as whom requests go.
struct AWSOptions: ParsableArguments {
    @Option(name: .long, help: "The AWS profile (from ~/.aws/config and ~/.aws/credentials).")
    var profile: String?

    @Option(name: .long, help: "The AWS region, e.g. eu-west-1.")
    var region: String?

    @Option(name: .long, help: "Send to this endpoint instead of the service's (https, or http to a loopback address).")
    var endpointUrl: String?

    @Flag(name: .long, help: "Use the service's FIPS endpoint.")
    var useFips = false
}

/// The lint options `send` and `preflight` share: they lint exactly as `lint` does.
struct LintOptions: ParsableArguments {
    @Option(name: .long, help: "The operation of every file, e.g. sagemaker:CreateInferenceExperiment.")
    var operation: String?

    @Option(name: .long, help: "The least severity that stops the run: error, warning or info (default: the configuration's, else error).")
    var failLevel: String?

    @Option(name: .long, help: "The configuration file (otherwise the nearest .reqlint.yaml above each file).")
    var config: String?

    @Option(name: .long, help: "Colour for diagnostics: auto, always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Do not print the summary line to standard error.")
    var quiet = false

    func validate() throws {
        if let operation, OperationID(operation) == nil {
            throw ValidationError("--operation takes service:Operation, e.g. sagemaker:CreateInferenceExperiment")
        }
        if let failLevel, Severity(rawValue: failLevel) == nil { throw ValidationError("--fail-level is error, warning or info") }
    }
}

/// The AWS configuration of a run, set up once for `send` and `preflight` alike: the shared
/// configuration and profile, the region, FIPS and dual-stack settings, retries, endpoints
/// and the credential chain.
struct AWSSetup {
    let options: AWSOptions
    let shared: AWSSharedConfig
    let region: String
    let useFIPS: Bool
    let useDualStack: Bool
    let maxAttempts: Int
    /// Proxies and trusted certificates, from the environment and the profile; a bad setting
    /// is an error only when the transports are asked for (see ``transports(lenient:)``).
    let transportSettings: Result<TransportSettings, SendError>

    init(options: AWSOptions, redactor: SecretRedactor) throws(SendError) {
        self.options = options
        let environment = ProcessInfo.processInfo.environment
        shared = try AWSSharedConfig(environment: environment, explicitProfile: options.profile)
        redactor.add(shared)
        try shared.checkProfileExists()
        if let region = options.region, !region.isEmpty {
            self.region = region
        } else if let found = shared.region() {
            region = found.region
        } else {
            throw SendError(.region, "no region: pass --region, set AWS_REGION or AWS_DEFAULT_REGION, or set region in profile \(shared.profileName) (\(shared.configPath))")
        }
        guard EndpointResolver.isValidRegion(region) else {
            throw SendError(.region, "\"\(region)\" is not a valid region name (such as us-east-1)")
        }
        let fipsSetting = try shared.flag(env: "AWS_USE_FIPS_ENDPOINT", profileKey: "use_fips_endpoint")
        useFIPS = options.useFips || (fipsSetting ?? false)
        let dualStackSetting = try shared.flag(env: "AWS_USE_DUALSTACK_ENDPOINT", profileKey: "use_dualstack_endpoint")
        useDualStack = dualStackSetting ?? false
        let attemptsSetting = try shared.maxAttempts()
        maxAttempts = attemptsSetting ?? RetryStrategy.defaultMaxAttempts
        let config = shared
        transportSettings = Result { () throws(SendError) in try TransportSettings(config: config) }
        if case let .success(settings) = transportSettings {
            for proxy in [settings.proxies.httpsProxy, settings.proxies.httpProxy] { redactor.add(proxy?.password) }
        }
    }

    /// How the run reaches AWS: `service` for the endpoints and STS, through the configured
    /// proxy, and `container` for the container credentials endpoint, never through a proxy
    /// (see ``CredentialChain/containerTransport``). A bad proxy or certificate setting stops
    /// the run here, unless `lenient` (a dry run without preflight, which may send nothing at
    /// all): then it fails only a request that is really made.
    func transports(lenient: Bool) throws(SendError) -> RunTransports {
        switch transportSettings {
        case let .success(settings):
            var direct = settings
            direct.proxies = ProxySettings()
            return RunTransports(service: HTTPClientTransport(settings: settings), container: HTTPClientTransport(settings: direct))
        case let .failure(error):
            guard lenient else { throw error }
            return RunTransports(service: UnusableTransport(error: error), container: UnusableTransport(error: error))
        }
    }

    /// The endpoint of a service: `--endpoint-url`, a configured URL, or the rule set's.
    func endpoint(serviceID: String, endpointPrefix: String) throws(SendError) -> ResolvedEndpoint {
        if let endpointUrl = options.endpointUrl {
            return ResolvedEndpoint(url: try EndpointURL.parse(endpointUrl), signingRegion: region, source: "--endpoint-url")
        }
        if let configured = try shared.configuredEndpoint(serviceID: serviceID) {
            return ResolvedEndpoint(url: try EndpointURL.parse(configured.url), signingRegion: region, source: configured.source)
        }
        // IAM has one global endpoint per partition, signed for its first region.
        if endpointPrefix == "iam" {
            switch Partitions.partition(forRegion: region).id {
            case "aws": return ResolvedEndpoint(url: try EndpointURL.parse("https://iam.amazonaws.com"), signingRegion: "us-east-1", source: "IAM's global endpoint")
            case "aws-us-gov": return ResolvedEndpoint(url: try EndpointURL.parse("https://iam.us-gov.amazonaws.com"), signingRegion: "us-gov-west-1", source: "IAM's global endpoint")
            case "aws-cn": return ResolvedEndpoint(url: try EndpointURL.parse("https://iam.cn-north-1.amazonaws.com.cn"), signingRegion: "cn-north-1", source: "IAM's global endpoint")
            default: break
            }
        }
        return try EndpointResolver.resolve(endpointPrefix: endpointPrefix, region: region, useFIPS: useFIPS, useDualStack: useDualStack)
    }

    func retryStrategy() -> RetryStrategy { RetryStrategy(maxAttempts: maxAttempts) }

    func credentials(transports: RunTransports, retry: RetryStrategy) throws(SendError) -> ResolvedCredentials {
        try CredentialChain(config: shared, region: region, useFIPS: useFIPS, transport: transports.service,
                            containerTransport: transports.container, retry: retry).resolve()
    }

    /// A preflight client with these endpoints and the given credentials.
    func preflightClient(credentials: SigV4Credentials, transport: any HTTPTransport, retry: RetryStrategy) -> PreflightClient {
        PreflightClient(credentials: credentials, transport: transport, retry: retry, region: region) { action throws(SendError) in
            try endpoint(serviceID: action.serviceID, endpointPrefix: action.endpointPrefix)
        }
    }
}

/// The transports of a run (``AWSSetup/transports(lenient:)``).
struct RunTransports {
    let service: any HTTPTransport
    let container: any HTTPTransport
}

/// Stands in for the transport when its settings are bad and the run (a dry run) may not need
/// it: a request made through it fails with the setting's problem.
struct UnusableTransport: HTTPTransport {
    let error: SendError

    func send(_ request: HTTPRequest) -> Result<HTTPResponse, TransportError> { .failure(TransportError(.other, error.message)) }
}

/// Preflight over linted documents, with each file's configuration applied (rule severities
/// and suppressions) as `lint` applies it to its own findings.
enum PreflightRun {
    /// The bundled checks plus those under `<rule-path>/preflight/` of the configurations.
    static func engine(workspace: Workspace) throws -> PreflightEngine {
        var files = try PreflightCheckFile.bundled()
        var seen = Set<String>()
        for resolved in workspace.configurations {
            for path in resolved.configuration.rulePaths where FileSystem.kind(path + "/preflight") == .directory {
                guard case let .success(names) = FileSystem.entries(path + "/preflight") else { continue }
                for name in names.sorted() where name.hasSuffix(".json") {
                    let file = path + "/preflight/" + name
                    guard seen.insert(file).inserted else { continue }
                    guard case let .success(bytes) = FileSystem.read(file) else { throw ReqLintError("cannot read \(file)") }
                    files.append(try PreflightCheckFile(text: String(decoding: bytes, as: UTF8.self), origin: file))
                }
            }
        }
        return PreflightEngine(files: files)
    }

    /// The preflight findings of one document, configuration applied, located.
    static func diagnostics(engine: PreflightEngine, client: PreflightClient, session: LintSession, input: Workspace.Input,
                            document: JSONDocument, operation: OperationID) -> [LocatedDiagnostic] {
        let found = session.configured(engine.run(document: document, operation: operation, client: client), at: input.absolutePath,
                                       shown: input.path, in: input.configuration).diagnostics
        let lines = LineTable(document.bytes)
        return found.map { LocatedDiagnostic($0, lines: lines) }
    }
}
