@testable import ReqLintSend
import Testing

/// Proxy settings from the environment, as the AWS CLI and curl read them.
struct ProxyTests {
    @Test func schemeAndCaseDecideTheProxy() throws {
        let settings = try ProxySettings(environment: [
            "HTTPS_PROXY": "http://upper:3128", "https_proxy": "http://lower.example:8080",
            "HTTP_PROXY": "plain.example",
        ])
        #expect(settings.httpsProxy == ProxyServer(kind: .http, host: "lower.example", port: 8080))
        #expect(settings.httpProxy == ProxyServer(kind: .http, host: "plain.example", port: 80))
        #expect(settings.proxy(scheme: "https", host: "api.sagemaker.eu-west-1.amazonaws.com", port: 443)?.host == "lower.example")
        #expect(settings.proxy(scheme: "http", host: "169.254.169.254", port: 80)?.host == "plain.example")
    }

    @Test func emptyValuesAndCGIMeanNoProxy() throws {
        #expect(try ProxySettings(environment: ["https_proxy": "", "HTTPS_PROXY": "http://p:1"]).httpsProxy == nil)
        // httpoxy: in a CGI environment HTTP_PROXY comes from the client's `Proxy:` header.
        #expect(try ProxySettings(environment: ["HTTP_PROXY": "http://evil:1", "REQUEST_METHOD": "GET"]).httpProxy == nil)
        #expect(try ProxySettings(environment: ["http_proxy": "http://mine:1", "REQUEST_METHOD": "GET"]).httpProxy?.host == "mine")
        let all = try ProxySettings(environment: ["ALL_PROXY": "socks5h://gateway"])
        #expect(all.httpsProxy == ProxyServer(kind: .socks5, host: "gateway", port: 1080))
        #expect(all.httpProxy == all.httpsProxy)
    }

    @Test func credentialsAreDecodedAndNeverShown() throws {
        let proxy = try ProxyServer.parse("http://ci%40corp:p%3Ass%2Fw0rd@[fd00::1]:3128/", variable: "HTTPS_PROXY")
        #expect(proxy.host == "fd00::1")
        #expect(proxy.port == 3128)
        #expect(proxy.username == "ci@corp")
        #expect(proxy.password == "p:ss/w0rd")
        #expect(!proxy.description.contains("p:ss") && !proxy.description.contains("ci@corp"))
    }

    @Test func badProxiesAreConfigurationErrors() {
        for (value, words) in [("https://secure-proxy:443", "over https"), ("ftp://p", "scheme"), ("http://p:99999", "port"),
                               ("http://p:x", "port"), ("http://:8080", "no host"), ("socks5://u:pw@p", "SOCKS"),
                               ("http://\u{1B}[31mevil:80", "may contain only"), ("http://ev\u{202E}il:80", "may contain only"), ("http://p:+80", "port")] {
            #expect {
                _ = try ProxyServer.parse(value, variable: "HTTPS_PROXY")
            } throws: { error in
                let error = error as? SendError
                return error?.kind == .configuration && error?.message.contains(words) == true && error?.message.hasPrefix("HTTPS_PROXY") == true
                    && error?.message.contains("pw") == false
            }
        }
    }

    @Test func noProxyMatchesHostsDomainsAddressesAndBlocks() throws {
        let settings = try ProxySettings(environment: [
            "https_proxy": "http://p:1", "http_proxy": "http://p:1",
            "no_proxy": "169.254.169.254, .internal.example,amazonaws.com.cn , 10.0.0.0/8 [::1]:8080 localhost:9000",
        ])
        for host in ["169.254.169.254", "a.internal.example", "internal.example", "sagemaker.cn-north-1.amazonaws.com.cn",
                     "10.1.2.3", "A.Internal.Example."] {
            #expect(settings.proxy(scheme: "https", host: host, port: 443) == nil, "\(host)")
        }
        for host in ["169.254.170.2", "api.sagemaker.us-east-1.amazonaws.com", "notinternal.example", "11.0.0.1", "[::2]", "10.0.0"] {
            #expect(settings.proxy(scheme: "https", host: host, port: 443) != nil, "\(host)")
        }
        // An entry with a port names that port only, as Python's urllib reads it.
        #expect(settings.proxy(scheme: "https", host: "localhost", port: 9000) == nil)
        #expect(settings.proxy(scheme: "https", host: "localhost", port: 443) != nil)
        #expect(settings.proxy(scheme: "https", host: "[::1]", port: 8080) == nil)
        #expect(settings.proxy(scheme: "https", host: "[::1]", port: 8443) != nil)
        #expect(try ProxySettings(environment: ["https_proxy": "http://p:1", "NO_PROXY": "*"]).proxy(scheme: "https", host: "x", port: 443) == nil)
    }

    @Test func theProxysCredentialsStayOutOfDumps() throws {
        let settings = try ProxySettings(environment: ["https_proxy": "http://alice:pr0xy-S3cret@p:3128"])
        var dumped = ""
        dump(settings, to: &dumped)
        #expect(!dumped.contains("pr0xy-S3cret") && !dumped.contains("alice"), "\(dumped)")
        #expect(!String(reflecting: settings.httpsProxy!).contains("pr0xy-S3cret"))
    }

    @Test func requestTargets() {
        let target = Target(url: "https://[::1]:8443/path?q=1")
        #expect(target?.host == "[::1]" && target?.port == 8443 && target?.scheme == "https")
        #expect(Target(url: "http://169.254.170.2/v2/credentials")?.port == 80)
        #expect(Target(url: "https://api.sagemaker.eu-west-1.amazonaws.com")?.port == 443)
        #expect(Target(url: "ftp://x") == nil)
        #expect(Target(url: "https://x:0/") == nil)
    }

    @Test func aMissingCABundleIsAConfigurationError() throws {
        let config = try AWSSharedConfig(environment: ["AWS_CA_BUNDLE": "/nonexistent/ca.pem", "HOME": "/nonexistent"], explicitProfile: nil)
        #expect {
            _ = try TransportSettings(config: config)
        } throws: { error in
            let error = error as? SendError
            return error?.kind == .configuration && error?.message.contains("AWS_CA_BUNDLE") == true
        }
    }
}
