import Foundation
@testable import ReqLintSend
import Testing

@Suite struct SharedConfigTests {
    @Test func iniSectionsKeysCommentsAndContinuations() throws {
        let text = """
        # a comment
        ; another
        [default]
        region = us-east-1
        Output: json
        credential_process = /bin/tool --arg=x # not a comment
        s3 =
          max_concurrent_requests = 10
          addressing_style = path

        [profile dev]
        role_arn=arn:aws:iam::123456789012:role/dev
        [default]
        extra = yes\r
        """
        let file = try INIFile.parse(text, path: "config")
        #expect(file.sections.map(\.name) == ["default", "profile dev"])
        let defaults = file.section("default")!.values
        #expect(defaults["region"] == "us-east-1")
        #expect(defaults["output"] == "json")
        #expect(defaults["credential_process"] == "/bin/tool --arg=x # not a comment")
        #expect(defaults["extra"] == "yes")
        #expect(INIFile.nested(defaults["s3"]!) == ["max_concurrent_requests": "10", "addressing_style": "path"])
        #expect(file.section("profile dev")!.values["role_arn"] == "arn:aws:iam::123456789012:role/dev")
    }

    @Test func iniErrorsNameTheLineButNotItsContent() {
        for (text, line) in [("key = value\n", 1), ("[a]\nx = 1\nthis is not a setting AKIAsecretvalue\n", 3), ("[unterminated\n", 1)] {
            do {
                _ = try INIFile.parse(text, path: "/tmp/creds")
                Issue.record("accepted \(text)")
            } catch {
                #expect(msg(error).hasPrefix("/tmp/creds:\(line):"))
                #expect(!msg(error).contains("AKIAsecretvalue"))
            }
        }
    }

    func config(_ files: [String: String], env: [String: String] = [:], profile: String? = nil) throws -> (AWSSharedConfig, TemporaryFolder) {
        let folder = try TemporaryFolder(files)
        var environment = ["HOME": folder.path + "/home"]
        if files["config"] != nil { environment["AWS_CONFIG_FILE"] = folder.path + "/config" }
        if files["credentials"] != nil { environment["AWS_SHARED_CREDENTIALS_FILE"] = folder.path + "/credentials" }
        environment.merge(env) { _, new in new }
        return (try AWSSharedConfig(environment: environment, explicitProfile: profile), folder)
    }

    @Test func profilesFromBothFilesMerge() throws {
        let (shared, _) = try config([
            "config": "[default]\nregion = eu-west-1\n[profile dev]\nregion = us-west-2\naws_access_key_id = CONFIGKEY\n[sso-session x]\nsso_region = us-east-1\n[services local]\nsagemaker =\n  endpoint_url = http://127.0.0.1:4566\n",
            "credentials": "[dev]\naws_access_key_id = CREDKEY\naws_secret_access_key = s\n[default]\naws_access_key_id = D\n",
        ])
        #expect(shared.profileName == "default")
        #expect(shared.configProfiles.keys.sorted() == ["default", "dev"])
        #expect(shared.profile("dev")["aws_access_key_id"] == "CREDKEY")
        #expect(shared.profile("dev")["region"] == "us-west-2")
        #expect(shared.servicesSections["local"] != nil)
        #expect(shared.region()?.region == "eu-west-1")
    }

    @Test func homeDefaultsAndTilde() throws {
        let folder = try TemporaryFolder(["home/.aws/config": "[profile p]\nregion = ap-south-1\n", "home/.aws/credentials": "[p]\naws_access_key_id = K\n"])
        let shared = try AWSSharedConfig(environment: ["HOME": folder.path + "/home", "AWS_PROFILE": "p"])
        #expect(shared.configPath == folder.path + "/home/.aws/config")
        #expect(shared.region()?.region == "ap-south-1")
        let tilde = try AWSSharedConfig(environment: ["HOME": folder.path + "/home", "AWS_CONFIG_FILE": "~/.aws/config", "AWS_PROFILE": "p"])
        #expect(tilde.configFound)
    }

    @Test func profileSelectionOrder() throws {
        let files = ["config": "[profile a]\n[profile b]\n[profile c]\n"]
        #expect(try config(files, env: ["AWS_PROFILE": "b", "AWS_DEFAULT_PROFILE": "c"], profile: "a").0.profileName == "a")
        #expect(try config(files, env: ["AWS_PROFILE": "b", "AWS_DEFAULT_PROFILE": "c"]).0.profileName == "b")
        #expect(try config(files, env: ["AWS_DEFAULT_PROFILE": "c"]).0.profileName == "c")
        let explicit = try config(files, profile: "a").0
        #expect(explicit.profileIsExplicit)
        #expect(!(try config(files, env: ["AWS_PROFILE": "b"]).0.profileIsExplicit))
    }

    @Test func missingNamedProfileIsAnError() throws {
        let (shared, _) = try config(["config": "[profile a]\n"], env: ["AWS_PROFILE": "nope"])
        #expect(throws: SendError.self) { try shared.checkProfileExists() }
        let (defaults, _) = try config([:])
        try defaults.checkProfileExists()
    }

    @Test func regionOrder() throws {
        let files = ["config": "[default]\nregion = eu-central-1\n"]
        #expect(try config(files, env: ["AWS_REGION": "us-west-1", "AWS_DEFAULT_REGION": "us-west-2"]).0.region()?.region == "us-west-1")
        #expect(try config(files, env: ["AWS_DEFAULT_REGION": "us-west-2"]).0.region()?.region == "us-west-2")
        #expect(try config(files).0.region()?.region == "eu-central-1")
        #expect(try config([:]).0.region() == nil)
    }

    @Test func configuredEndpointOrder() throws {
        let files = ["config": "[default]\nendpoint_url = https://profile.example\nservices = mine\n[services mine]\nsagemaker =\n  endpoint_url = https://services.example\ncleanroomsml =\n  endpoint_url = https://crml.example\n"]
        let all = ["AWS_ENDPOINT_URL_SAGEMAKER": "https://specific.example", "AWS_ENDPOINT_URL": "https://global.example"]
        #expect(try config(files, env: all).0.configuredEndpoint(serviceID: "SageMaker")?.url == "https://specific.example")
        #expect(try config(files, env: ["AWS_ENDPOINT_URL": "https://global.example"]).0.configuredEndpoint(serviceID: "SageMaker")?.url == "https://global.example")
        #expect(try config(files).0.configuredEndpoint(serviceID: "SageMaker")?.url == "https://services.example")
        #expect(try config(files).0.configuredEndpoint(serviceID: "CleanRoomsML")?.url == "https://crml.example")
        #expect(try config(files).0.configuredEndpoint(serviceID: "STS")?.url == "https://profile.example")
        #expect(try config(files, env: ["AWS_ENDPOINT_URL_CLEANROOMSML": "http://127.0.0.1:1"]).0.configuredEndpoint(serviceID: "CleanRoomsML")?.source == "AWS_ENDPOINT_URL_CLEANROOMSML")
        #expect(try config(files, env: all.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) { $1 }).0.configuredEndpoint(serviceID: "SageMaker") == nil)
        #expect(try config([:]).0.configuredEndpoint(serviceID: "SageMaker") == nil)
    }

    @Test func flagsAndMaxAttempts() throws {
        let files = ["config": "[default]\nuse_fips_endpoint = TRUE\nmax_attempts = 5\n"]
        #expect(try config(files).0.flag(env: "AWS_USE_FIPS_ENDPOINT", profileKey: "use_fips_endpoint") == true)
        #expect(try config(files, env: ["AWS_USE_FIPS_ENDPOINT": "false"]).0.flag(env: "AWS_USE_FIPS_ENDPOINT", profileKey: "use_fips_endpoint") == false)
        #expect(throws: SendError.self) { try config([:], env: ["AWS_USE_FIPS_ENDPOINT": "yes"]).0.flag(env: "AWS_USE_FIPS_ENDPOINT", profileKey: "use_fips_endpoint") }
        #expect(try config(files).0.maxAttempts() == 5)
        #expect(try config(files, env: ["AWS_MAX_ATTEMPTS": "1"]).0.maxAttempts() == 1)
        #expect(throws: SendError.self) { try config([:], env: ["AWS_MAX_ATTEMPTS": "0"]).0.maxAttempts() }
        #expect(throws: SendError.self) { try config([:], env: ["AWS_MAX_ATTEMPTS": "three"]).0.maxAttempts() }
    }
}
