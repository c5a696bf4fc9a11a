import Foundation
@testable import ReqLintSend
import Testing

@Suite struct EndpointTests {
    func url(_ prefix: String, _ region: String, fips: Bool = false, dualStack: Bool = false) throws -> String {
        try EndpointResolver.resolve(endpointPrefix: prefix, region: region, useFIPS: fips, useDualStack: dualStack).url.description
    }

    @Test func sageMakerInEveryPartition() throws {
        let expected: [(String, String, String)] = [
            ("us-east-1", "https://api.sagemaker.us-east-1.amazonaws.com", "https://api-fips.sagemaker.us-east-1.amazonaws.com"),
            ("eu-west-1", "https://api.sagemaker.eu-west-1.amazonaws.com", "https://api-fips.sagemaker.eu-west-1.amazonaws.com"),
            ("cn-north-1", "https://api.sagemaker.cn-north-1.amazonaws.com.cn", "https://api.sagemaker-fips.cn-north-1.amazonaws.com.cn"),
            ("us-gov-west-1", "https://api.sagemaker.us-gov-west-1.amazonaws.com", "https://api-fips.sagemaker.us-gov-west-1.amazonaws.com"),
            ("us-iso-east-1", "https://api.sagemaker.us-iso-east-1.c2s.ic.gov", "https://api.sagemaker-fips.us-iso-east-1.c2s.ic.gov"),
            ("us-isob-east-1", "https://api.sagemaker.us-isob-east-1.sc2s.sgov.gov", "https://api.sagemaker-fips.us-isob-east-1.sc2s.sgov.gov"),
            ("eu-isoe-west-1", "https://api.sagemaker.eu-isoe-west-1.cloud.adc-e.uk", "https://api.sagemaker-fips.eu-isoe-west-1.cloud.adc-e.uk"),
            ("us-isof-south-1", "https://api.sagemaker.us-isof-south-1.csp.hci.ic.gov", "https://api.sagemaker-fips.us-isof-south-1.csp.hci.ic.gov"),
            ("eusc-de-east-1", "https://api.sagemaker.eusc-de-east-1.amazonaws.eu", "https://api.sagemaker-fips.eusc-de-east-1.amazonaws.eu"),
        ]
        for (region, standard, fips) in expected {
            #expect(try url("api.sagemaker", region) == standard)
            #expect(try url("api.sagemaker", region, fips: true) == fips)
        }
        #expect(try url("api.sagemaker", "us-east-1", dualStack: true) == "https://api.sagemaker.us-east-1.api.aws")
        #expect(try url("api.sagemaker", "us-east-1", fips: true, dualStack: true) == "https://api.sagemaker-fips.us-east-1.api.aws")
    }

    @Test func cleanRoomsMLInEveryPartition() throws {
        let expected: [(String, String)] = [
            ("us-east-1", "amazonaws.com"), ("cn-northwest-1", "amazonaws.com.cn"), ("us-gov-east-1", "amazonaws.com"),
            ("us-iso-west-1", "c2s.ic.gov"), ("us-isob-east-1", "sc2s.sgov.gov"), ("eu-isoe-west-1", "cloud.adc-e.uk"),
            ("us-isof-east-1", "csp.hci.ic.gov"),
        ]
        for (region, suffix) in expected {
            #expect(try url("cleanrooms-ml", region) == "https://cleanrooms-ml.\(region).\(suffix)")
            #expect(try url("cleanrooms-ml", region, fips: true) == "https://cleanrooms-ml-fips.\(region).\(suffix)")
        }
    }

    @Test func stsRegionalGlobalAndGovFIPS() throws {
        #expect(try url("sts", "eu-west-1") == "https://sts.eu-west-1.amazonaws.com")
        let global = try EndpointResolver.resolve(endpointPrefix: "sts", region: "aws-global", useFIPS: false, useDualStack: false)
        #expect(global.url.description == "https://sts.amazonaws.com")
        #expect(global.signingRegion == "us-east-1")
        #expect(try url("sts", "us-gov-west-1", fips: true) == "https://sts.us-gov-west-1.amazonaws.com")
        #expect(try url("sts", "us-east-1", fips: true) == "https://sts-fips.us-east-1.amazonaws.com")
    }

    @Test func unknownRegionsFallBackByPatternThenToAws() throws {
        #expect(Partitions.partition(forRegion: "us-gov-north-9").id == "aws-us-gov")
        #expect(Partitions.partition(forRegion: "cn-south-3").id == "aws-cn")
        #expect(Partitions.partition(forRegion: "us-isob-west-7").id == "aws-iso-b")
        #expect(Partitions.partition(forRegion: "mars-central-1").id == "aws")
        #expect(try url("cleanrooms-ml", "ap-southeast-9") == "https://cleanrooms-ml.ap-southeast-9.amazonaws.com")
    }

    @Test func invalidRegionsAreRefused() {
        for region in ["", "us-east-1.evil.com", "us east", "a/b", "-us-east-1", "us-east-1-", String(repeating: "a", count: 64)] {
            #expect(throws: SendError.self, "\(region)") { try EndpointResolver.resolve(endpointPrefix: "api.sagemaker", region: region, useFIPS: false, useDualStack: false) }
        }
    }

    @Test func endpointURLsAreParsedAndChecked() throws {
        let local = try EndpointURL.parse("http://127.0.0.1:5000")
        #expect(local.hostHeader == "127.0.0.1:5000")
        #expect(local.url(path: "/") == "http://127.0.0.1:5000/")
        #expect(try EndpointURL.parse("http://localhost:8080/").hostHeader == "localhost:8080")
        #expect(try EndpointURL.parse("http://LOCALHOST").hostHeader == "localhost")
        #expect(try EndpointURL.parse("http://127.45.6.7").isLoopback)
        #expect(try EndpointURL.parse("http://[::1]:9000").hostHeader == "[::1]:9000")
        let prefixed = try EndpointURL.parse("https://proxy.example.com:8443/aws/sagemaker/")
        #expect(prefixed.basePath == "/aws/sagemaker")
        #expect(prefixed.wirePath("/") == "/aws/sagemaker/")
        #expect(prefixed.url(path: "/memberships/x") == "https://proxy.example.com:8443/aws/sagemaker/memberships/x")
        #expect(try EndpointURL.parse("https://api.sagemaker.us-east-1.amazonaws.com:443").hostHeader == "api.sagemaker.us-east-1.amazonaws.com")

        for insecure in ["http://10.0.0.1", "http://example.com", "http://169.254.169.254", "http://128.0.0.1", "http://127.0.0.1.example.com", "http://[::2]"] {
            #expect(throws: SendError.self, "\(insecure)") { try EndpointURL.parse(insecure) }
        }
        for malformed in ["ftp://x", "127.0.0.1:5000", "https://user:pass@host", "https://host/?q=1", "https://host:0", "https://host:99999",
                          "https://ho st", "https://", "https://host:abc", "https://[::1"] {
            #expect(throws: SendError.self, "\(malformed)") { try EndpointURL.parse(malformed) }
        }
        do {
            _ = try EndpointURL.parse("http://example.com")
            Issue.record("plain http to a public host was accepted")
        } catch {
            #expect(msg(error).contains("loopback"))
        }
    }

    // MARK: botocore parity

    static let botocoreScript = #"""
    import json, sys
    import botocore.session
    from botocore.endpoint_provider import EndpointProvider
    from botocore.exceptions import EndpointResolutionError
    session = botocore.session.get_session()
    loader = session.get_component('data_loader')
    partitions = loader.load_data('partitions')
    out = {"partitions": partitions["partitions"], "cases": []}
    extra = ["us-west-9", "cn-south-7", "us-gov-north-9", "us-iso-south-5", "us-isob-north-9", "eu-isoe-south-7",
             "us-isof-north-8", "eusc-de-west-2", "mars-central-1"]
    regions = sorted({r for p in partitions["partitions"] for r in p["regions"]} | set(extra))
    for service, prefix in [("sagemaker", "api.sagemaker"), ("cleanroomsml", "cleanrooms-ml"), ("sts", "sts")]:
        provider = EndpointProvider(loader.load_service_model(service, 'endpoint-rule-set-1'), partitions)
        for region in regions:
            for fips in (False, True):
                for dual in (False, True):
                    params = {"Region": region, "UseFIPS": fips, "UseDualStack": dual}
                    if service == "sts":
                        params["UseGlobalEndpoint"] = False
                    case = {"prefix": prefix, "region": region, "fips": fips, "dual": dual}
                    try:
                        endpoint = provider.resolve_endpoint(**params)
                        case["url"] = endpoint.url
                        schemes = endpoint.properties.get("authSchemes") or [{}]
                        case["signingRegion"] = schemes[0].get("signingRegion", region)
                    except EndpointResolutionError as error:
                        case["error"] = str(error)
                    out["cases"].append(case)
    json.dump(out, sys.stdout)
    """#

    static let python: String? = {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let explicit = environment["REQLINT_PYTHON"], !explicit.isEmpty { candidates.append(explicit) }
        for directory in (environment["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
            candidates.append(String(directory) + "/python3")
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            if let result = try? runPython(candidate, ["-c", "import botocore.endpoint_provider"]), result.status == 0 { return candidate }
        }
        return nil
    }()

    static func runPython(_ python: String, _ arguments: [String]) throws -> (status: Int32, stdout: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    @Test(.enabled(if: python != nil, "no python3 that can import botocore (looked at $REQLINT_PYTHON and PATH); install botocore to compare the endpoints with its rule sets"))
    func endpointsMatchBotocoreRuleSets() throws {
        let result = try Self.runPython(Self.python!, ["-c", Self.botocoreScript])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: result.stdout) as! [String: Any]

        // The partition table equals botocore's partitions.json.
        let partitions = json["partitions"] as! [[String: Any]]
        #expect(partitions.count == Partitions.all.count)
        for data in partitions {
            let id = data["id"] as! String
            guard let mine = Partitions.all.first(where: { $0.id == id }) else {
                Issue.record("partition \(id) of botocore is missing")
                continue
            }
            let outputs = data["outputs"] as! [String: Any]
            #expect(mine.regionRegex == data["regionRegex"] as! String, "\(id) regionRegex")
            #expect(Set(mine.regions) == Set((data["regions"] as! [String: Any]).keys), "\(id) regions")
            #expect(mine.dnsSuffix == outputs["dnsSuffix"] as! String, "\(id) dnsSuffix")
            #expect(mine.dualStackDnsSuffix == outputs["dualStackDnsSuffix"] as! String, "\(id) dualStackDnsSuffix")
            #expect(mine.supportsFIPS == outputs["supportsFIPS"] as! Bool, "\(id) supportsFIPS")
            #expect(mine.supportsDualStack == outputs["supportsDualStack"] as! Bool, "\(id) supportsDualStack")
        }

        // Every region (listed or only matching a pattern) × FIPS × dual-stack, for the three services.
        let cases = json["cases"] as! [[String: Any]]
        #expect(cases.count > 300)
        for c in cases {
            let prefix = c["prefix"] as! String, region = c["region"] as! String
            let fips = c["fips"] as! Bool, dual = c["dual"] as! Bool
            let label = "\(prefix) \(region) fips=\(fips) dualstack=\(dual)"
            let mine = Result { () throws(SendError) -> ResolvedEndpoint in
                try EndpointResolver.resolve(endpointPrefix: prefix, region: region, useFIPS: fips, useDualStack: dual)
            }
            if let expected = c["url"] as? String {
                switch mine {
                case let .success(endpoint):
                    #expect(endpoint.url.description == expected, "\(label)")
                    #expect(endpoint.signingRegion == c["signingRegion"] as! String, "\(label) signing region")
                case let .failure(error):
                    Issue.record("\(label): botocore gives \(expected), reqlint fails: \(error)")
                }
            } else if case let .success(endpoint) = mine {
                Issue.record("\(label): botocore fails (\(c["error"] ?? "")), reqlint gives \(endpoint.url)")
            }
        }
    }
}
