#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An INI file as botocore reads `~/.aws/config` and `~/.aws/credentials` (Python's
/// `RawConfigParser`): `[section]` headers; `key = value` or `key: value` lines (the key is
/// lower-cased and trimmed, the value trimmed); full-line comments starting with `#` or `;`;
/// no inline comments (a `#` inside a value is part of it); an indented line continues the
/// previous value, which is how nested settings (`s3 =` then `  max_concurrent_requests = 10`)
/// are written; a repeated section is merged, a repeated key keeps the last value.
public struct INIFile: Sendable, Equatable {
    public struct Section: Sendable, Equatable {
        public var name: String
        /// Values by lower-cased key; a continued value has its lines joined with `\n`.
        public var values: [String: String]
        /// The 1-based line of the section header.
        public var line: Int
    }

    public var sections: [Section]

    public func section(_ name: String) -> Section? { sections.first { $0.name == name } }

    /// Parses `text`; throws on a line that is neither a section, a setting, a comment nor a
    /// continuation, naming the file and line (never the line's content, which may be a secret).
    public static func parse(_ text: String, path: String) throws(SendError) -> INIFile {
        var sections: [Section] = []
        var current: Int?
        var lastKey: String?
        var number = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            let line = String(raw)
            let trimmed = line.trimmingASCIIWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") {
                continue
            }
            let indented = line.first == " " || line.first == "\t"
            if indented, let current, let lastKey {
                let previous = sections[current].values[lastKey] ?? ""
                sections[current].values[lastKey] = previous.isEmpty ? trimmed : previous + "\n" + trimmed
                continue
            }
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]"), trimmed.count >= 2 else {
                    throw SendError(.configuration, "\(path):\(number): a section header must end with ']'")
                }
                let name = String(trimmed.dropFirst().dropLast()).trimmingASCIIWhitespace()
                if let existing = sections.firstIndex(where: { $0.name == name }) {
                    current = existing
                } else {
                    sections.append(Section(name: name, values: [:], line: number))
                    current = sections.count - 1
                }
                lastKey = nil
                continue
            }
            guard let current else {
                throw SendError(.configuration, "\(path):\(number): a setting before the first [section] header")
            }
            guard let delimiter = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw SendError(.configuration, "\(path):\(number): expected key = value")
            }
            let key = String(trimmed[..<delimiter]).trimmingASCIIWhitespace().lowercased()
            let value = String(trimmed[trimmed.index(after: delimiter)...]).trimmingASCIIWhitespace()
            guard !key.isEmpty else { throw SendError(.configuration, "\(path):\(number): a setting without a name") }
            sections[current].values[key] = value
            lastKey = key
        }
        return INIFile(sections: sections)
    }

    /// botocore's nested values: the lines of a continued value parsed as `key = value`.
    public static func nested(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in value.split(separator: "\n") {
            guard let delimiter = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = String(line[..<delimiter]).trimmingASCIIWhitespace().lowercased()
            let value = String(line[line.index(after: delimiter)...]).trimmingASCIIWhitespace()
            if !key.isEmpty { result[key] = value }
        }
        return result
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\r" || first == "\n" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" || last == "\n" { scalars.removeLast() }
        return String(scalars)
    }
}

/// The process environment and the shared AWS configuration and credentials files, read as
/// the AWS CLI reads them.
///
/// Both hold secrets (keys in the environment and in profiles): the description and mirror
/// show only the profile and the file paths.
public struct AWSSharedConfig: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Environment variables.
    public var environment: [String: String]
    /// The profile in use: `--profile`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else `default`.
    public var profileName: String
    /// Whether the profile was named with `--profile` (which turns off credentials from
    /// environment variables, as in the AWS CLI).
    public var profileIsExplicit: Bool
    /// Where the profile name came from, for messages.
    public var profileSource: String
    /// The config file path and whether it existed.
    public var configPath: String
    public var configFound: Bool
    /// The credentials file path and whether it existed.
    public var credentialsPath: String
    public var credentialsFound: Bool
    /// `[profile x]` / `[default]` sections of the config file, by profile name.
    public var configProfiles: [String: [String: String]]
    /// Sections of the credentials file, by profile name.
    public var credentialProfiles: [String: [String: String]]
    /// `[services x]` sections of the config file.
    public var servicesSections: [String: [String: String]]

    public init(environment: [String: String], explicitProfile: String? = nil) throws(SendError) {
        self.environment = environment
        if let explicitProfile, !explicitProfile.isEmpty {
            profileName = explicitProfile
            profileIsExplicit = true
            profileSource = "--profile"
        } else if let name = environment["AWS_PROFILE"], !name.isEmpty {
            profileName = name
            profileIsExplicit = false
            profileSource = "AWS_PROFILE"
        } else if let name = environment["AWS_DEFAULT_PROFILE"], !name.isEmpty {
            profileName = name
            profileIsExplicit = false
            profileSource = "AWS_DEFAULT_PROFILE"
        } else {
            profileName = "default"
            profileIsExplicit = false
            profileSource = "the default profile"
        }
        let home = environment["HOME"] ?? ""
        func expand(_ path: String) -> String { Self.expandingHome(path, home: home) }
        configPath = expand(environment["AWS_CONFIG_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "~/.aws/config")
        credentialsPath = expand(environment["AWS_SHARED_CREDENTIALS_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "~/.aws/credentials")
        configProfiles = [:]
        credentialProfiles = [:]
        servicesSections = [:]
        configFound = false
        credentialsFound = false
        if let text = Self.readText(configPath) {
            configFound = true
            let file = try INIFile.parse(text, path: configPath)
            for section in file.sections {
                let parts = section.name.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
                if section.name == "default" {
                    // `[default]` and `[profile default]` merge; the latter wins, as in botocore.
                    configProfiles["default"] = (section.values).merging(configProfiles["default"] ?? [:]) { _, existing in existing }
                } else if parts.count == 2, parts[0] == "profile" {
                    let name = String(parts[1]).trimmingASCIIWhitespace()
                    configProfiles[name] = (configProfiles[name] ?? [:]).merging(section.values) { _, new in new }
                } else if parts.count == 2, parts[0] == "services" {
                    servicesSections[String(parts[1]).trimmingASCIIWhitespace()] = section.values
                }
            }
        }
        if let text = Self.readText(credentialsPath) {
            credentialsFound = true
            let file = try INIFile.parse(text, path: credentialsPath)
            for section in file.sections {
                credentialProfiles[section.name] = section.values
            }
        }
    }

    public var description: String {
        "AWSSharedConfig(profile: \(profileName) from \(profileSource), config: \(configPath), credentials: \(credentialsPath))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["profileName": profileName, "profileSource": profileSource, "configPath": configPath,
                                "credentialsPath": credentialsPath], displayStyle: .struct)
    }

    /// Reads a file as UTF-8 text, or nil when it does not exist or cannot be read.
    static func readText(_ path: String) -> String? {
        guard !path.isEmpty, let bytes = readFileBytes(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a profile exists in either file.
    /// `path` with a leading `~` made the home folder, as the AWS CLI reads paths in settings.
    public static func expandingHome(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }

    public func profileExists(_ name: String) -> Bool {
        configProfiles[name] != nil || credentialProfiles[name] != nil
    }

    /// A profile's settings: the config file's, with the credentials file's on top (as
    /// botocore merges them).
    public func profile(_ name: String) -> [String: String] {
        (configProfiles[name] ?? [:]).merging(credentialProfiles[name] ?? [:]) { _, credentials in credentials }
    }

    /// The current profile's settings.
    public var currentProfile: [String: String] { profile(profileName) }

    /// An environment variable, when set and not empty.
    public func env(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// Throws when the profile was named (by `--profile` or `AWS_PROFILE`) but exists in
    /// neither file, as the AWS CLI does.
    public func checkProfileExists() throws(SendError) {
        guard profileName != "default" || profileIsExplicit else { return }
        guard !profileExists(profileName) else { return }
        throw SendError(.configuration, "the profile \"\(profileName)\" (from \(profileSource)) was not found in \(configPath) or \(credentialsPath)")
    }

    // MARK: Settings

    /// A boolean setting from an environment variable or the profile (`true`/`false`, any case).
    public func flag(env name: String, profileKey: String) throws(SendError) -> Bool? {
        if let value = env(name) { return try Self.parseBool(value, from: name) }
        if let value = currentProfile[profileKey] { return try Self.parseBool(value, from: "\(profileKey) in profile \(profileName)") }
        return nil
    }

    static func parseBool(_ value: String, from source: String) throws(SendError) -> Bool {
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw SendError(.configuration, "\(source) must be true or false")
        }
    }

    /// The region: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region` (an
    /// explicit `--region` is handled by the caller before this).
    public func region() -> (region: String, source: String)? {
        if let value = env("AWS_REGION") { return (value, "AWS_REGION") }
        if let value = env("AWS_DEFAULT_REGION") { return (value, "AWS_DEFAULT_REGION") }
        if let value = currentProfile["region"], !value.isEmpty { return (value, "region in profile \(profileName)") }
        return nil
    }

    /// The maximum number of attempts: `AWS_MAX_ATTEMPTS`, else the profile's `max_attempts`.
    public func maxAttempts() throws(SendError) -> Int? {
        let value: String
        let source: String
        if let v = env("AWS_MAX_ATTEMPTS") {
            value = v
            source = "AWS_MAX_ATTEMPTS"
        } else if let v = currentProfile["max_attempts"] {
            value = v
            source = "max_attempts in profile \(profileName)"
        } else {
            return nil
        }
        guard let number = Int(value), number >= 1, number <= 100 else {
            throw SendError(.configuration, "\(source) must be a whole number from 1 to 100")
        }
        return number
    }

    /// A configured endpoint URL for a service, as the SDKs look for one (unless
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` / `ignore_configured_endpoint_urls` is true):
    /// `AWS_ENDPOINT_URL_<SERVICE ID>`, `AWS_ENDPOINT_URL`, the profile's `services` section
    /// entry for the service, the profile's `endpoint_url`.
    public func configuredEndpoint(serviceID: String) throws(SendError) -> (url: String, source: String)? {
        if try flag(env: "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", profileKey: "ignore_configured_endpoint_urls") == true { return nil }
        let envName = "AWS_ENDPOINT_URL_" + serviceID.uppercased().map { $0 == " " || $0 == "-" ? "_" : $0 }.map(String.init).joined()
        if let value = env(envName) { return (value, envName) }
        if let value = env("AWS_ENDPOINT_URL") { return (value, "AWS_ENDPOINT_URL") }
        let profile = currentProfile
        if let servicesName = profile["services"], let section = servicesSections[servicesName] {
            let key = serviceID.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 }.map(String.init).joined()
            if let nested = section[key], let url = INIFile.nested(nested)["endpoint_url"], !url.isEmpty {
                return (url, "endpoint_url for \(key) in [services \(servicesName)]")
            }
        }
        if let value = profile["endpoint_url"], !value.isEmpty { return (value, "endpoint_url in profile \(profileName)") }
        return nil
    }
}

/// Reads a whole file with POSIX calls, or nil.
func readFileBytes(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            return nil
        }
        if n == 0 { break }
        result += buffer[0 ..< n]
    }
    return result
}
