@testable import ReqLintConfig
import ReqLintCore
import ReqLintReport
import Testing

struct GlobTests {
    @Test(arguments: [
        ("*.json", "a.json", true), ("*.json", "dir/sub/a.json", true), ("*.json", "a.yaml", false),
        ("requests/*.json", "requests/a.json", true), ("requests/*.json", "requests/sub/a.json", false),
        ("requests/**/*.json", "requests/a.json", true), ("requests/**/*.json", "requests/x/y/a.json", true),
        ("requests/**", "requests/x/y/a.json", true), ("/top.json", "top.json", true), ("/top.json", "dir/top.json", false),
        ("a?.json", "ab.json", true), ("a?.json", "abc.json", false), ("[ab].json", "b.json", true), ("[!ab].json", "b.json", false),
    ])
    func matching(_ glob: String, _ path: String, _ expected: Bool) {
        #expect(Glob(glob).matches(path) == expected, "\(glob) vs \(path)")
    }

    @Test func folderGlobsCoverWhatIsInside() {
        #expect(Glob("fixtures/").covers("req/fixtures/a.json"))
        #expect(Glob("fixtures/").covers("fixtures/a.json"))
        #expect(!Glob("fixtures/").covers("req/fixtures.json"))
        #expect(Glob("build/").matches("build", isDirectory: true))
        #expect(!Glob("build/").matches("build"))
    }

    /// A pattern with many stars against a deep path must not backtrack exponentially (one
    /// .gitignore line in a pull request could otherwise stall a CI gate for minutes).
    @Test func manyStarsAgainstADeepPathFinishAtOnce() {
        let glob = Glob("**/**/**/**/**/**/**/*a*a*a*a*a*a*b")
        let deep = (0 ..< 24).map { _ in "aaaaaaaaaaaaaaaaaaaaaaaa" }.joined(separator: "/")
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(!glob.matches(deep + "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json"))
            #expect(glob.matches(deep + "/aaaaaaab"))
            #expect(!glob.covers(deep + "/x.json"))
        }
        #expect(elapsed < .seconds(1), "took \(elapsed)")
    }

    /// The linear matcher agrees with a plain recursive one on every small case.
    @Test func agreesWithARecursiveMatcher() {
        func reference(_ p: [Character], _ t: [Character]) -> Bool {
            guard let first = p.first else { return t.isEmpty }
            if first == "*" { return reference(Array(p.dropFirst()), t) || (!t.isEmpty && reference(p, Array(t.dropFirst()))) }
            guard let c = t.first else { return false }
            if first == "?" || first == c { return reference(Array(p.dropFirst()), Array(t.dropFirst())) }
            return false
        }
        func segments(_ p: [String], _ t: [String]) -> Bool {
            guard let first = p.first else { return t.isEmpty }
            if first == "**" { return segments(Array(p.dropFirst()), t) || (!t.isEmpty && segments(p, Array(t.dropFirst()))) }
            guard let part = t.first, reference(Array(first), Array(part)) else { return false }
            return segments(Array(p.dropFirst()), Array(t.dropFirst()))
        }
        var generator = SystemRandomNumberGenerator()
        let letters: [Character] = ["a", "b", "*", "?"]
        for _ in 0 ..< 3000 {
            let p = (0 ..< Int.random(in: 1 ... 3, using: &generator)).map { _ -> String in
                Int.random(in: 0 ..< 4, using: &generator) == 0 ? "**"
                    : String((0 ..< Int.random(in: 1 ... 4, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            }
            let t = (0 ..< Int.random(in: 1 ... 4, using: &generator)).map { _ in
                String((0 ..< Int.random(in: 1 ... 4, using: &generator)).map { _ in ["a", "b"].randomElement(using: &generator)! })
            }
            let glob = "/" + p.joined(separator: "/"), path = t.joined(separator: "/")
            #expect(Glob(glob).matches(path) == segments(p, t), "\(glob) vs \(path)")
        }
    }
}

struct ConfigurationLoaderTests {
    static let rules: Set<RuleID> = ["enum", "range", "config", "sagemaker/job-name-truncation"]
    static let operations: Set<OperationID> = [OperationID("sagemaker:CreateInferenceExperiment")!]

    static func load(_ text: String) -> ConfigurationLoader.Loaded {
        ConfigurationLoader.load(bytes: Array(text.utf8), path: ".reqlint.yaml", directory: "/repo", knownRules: rules, knownOperations: operations)
    }

    @Test func readsEveryKey() {
        let loaded = Self.load("""
        version: 1
        include: ["requests/**"]
        exclude: fixtures/
        operations:
          "shadow/*.json": sagemaker:CreateInferenceExperiment
        rules:
          enum: warning
          sagemaker/job-name-truncation: off
        fail-level: warning
        rule-paths: policies
        model: [models/sagemaker.json]
        suppressions:
          - files: "legacy/*.json"
            rule: range
            pointer: /InputConfig/JobDurationInSeconds
            reason: "old jobs, see PROJ-1"
        """)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let c = loaded.configuration
        #expect(c.include.map(\.pattern) == ["requests/**"])
        #expect(c.exclude.map(\.pattern) == ["fixtures/"])
        #expect(c.operation(for: "shadow/a.json") == OperationID("sagemaker:CreateInferenceExperiment"))
        #expect(c.rules[RuleID("enum")] == .warning)
        #expect(c.failLevel == .warning)
        #expect(c.rulePaths == ["/repo/policies"])
        #expect(c.models == ["/repo/models/sagemaker.json"])
        #expect(c.suppressions.first?.pointer == JSONPointer("/InputConfig/JobDurationInSeconds"))
        #expect(c.origins["rules"] == ".reqlint.yaml:6:1")
        #expect(c.includes("requests/a.json") && !c.includes("other/a.json") && !c.includes("requests/fixtures/a.json"))
    }

    @Test func emptyOrCommentOnlyFilesAreAnEmptyConfiguration() {
        for text in ["", "\n", "# nothing yet\n", "---\n"] {
            let loaded = Self.load(text)
            #expect(loaded.diagnostics.isEmpty, "\(text.debugDescription): \(loaded.diagnostics.map(\.message))")
            #expect(loaded.configuration.rules.isEmpty)
        }
    }

    @Test func duplicateKeysAreErrorsAtTheRepeat() {
        let text = "rules:\n  enum: off\nrules:\n  enum: warning\n"
        let loaded = Self.load(text)
        let lines = LineTable(Array(text.utf8))
        #expect(loaded.diagnostics.map { "\(lines.position(of: $0.range.start).line): \($0.message)" }
                == ["3: duplicate key \"rules\" (first at line 1): keep one of them"])
    }

    @Test func valuesAreReadAsWritten() {
        // `off` is a YAML 1.1 boolean: the configuration reads it as the word it is.
        let loaded = Self.load("version: 1\nrules:\n  enum: off\n  range: 'error'\n")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.configuration.rules[RuleID("enum")] == .off)
        #expect(loaded.configuration.rules[RuleID("range")] == .error)
    }

    @Test func everyProblemHasAPosition() {
        let text = "rules:\n  nope: off\n  enum: maybe\nfail_level: error\noperations:\n  \"*.json\": sagemaker:Nope\n"
        let loaded = Self.load(text)
        let lines = LineTable(Array(text.utf8))
        let found = loaded.diagnostics.map { d -> String in
            let p = lines.position(of: d.range.start)
            return "\(p.line):\(p.column) \(d.message)"
        }
        #expect(found.contains { $0.hasPrefix("2:3 unknown rule \"nope\"") })
        #expect(found.contains { $0.hasPrefix("3:9 \"maybe\" is not a rule setting: a rule is set to off, info, warning or error") })
        #expect(found.contains { $0.hasPrefix("4:1 unknown key \"fail_level\"; did you mean \"fail-level\"?") })
        #expect(found.contains { $0.hasPrefix("6:13 unknown operation \"sagemaker:Nope\"") })
        #expect(loaded.diagnostics.allSatisfy { $0.rule == "config" && $0.severity == .error })
    }

    @Test func invalidYAMLIsADiagnostic() {
        let loaded = Self.load("rules: [unclosed\n")
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics[0].message.contains("is not valid YAML"))
    }

    @Test func ruleSettingsChangeSeverityOrDrop() {
        var c = Configuration(directory: "/")
        c.rules = [RuleID("enum"): .warning, RuleID("range"): .off]
        let d = [Diagnostic(rule: "enum", message: "a", pointer: .root, range: .at(0)), Diagnostic(rule: "range", message: "b", pointer: .root, range: .at(0))]
        let applied = c.applyingRuleSettings(d)
        #expect(applied.map(\.rule) == ["enum"])
        #expect(applied[0].severity == .warning)
    }
}

struct BaselineTests {
    static func report(_ path: String, _ pointers: [String]) -> FileReport {
        FileReport(path: path, operation: nil, diagnostics: pointers.map {
            LocatedDiagnostic(fileLevel: Diagnostic(rule: "enum", message: "m", pointer: JSONPointer($0)!, range: .at(0)))
        }, failed: false)
    }

    @Test func acceptsEachRecordedFindingOnce() throws {
        let recorded = [(Self.report("./a.json", ["/X", "/X", "/Y"]), "/repo/a.json")]
        var baseline = try Baseline(bytes: Array(Baseline(path: "/repo/b.json").serialized(recorded).utf8), path: "/repo/b.json")
        let (filtered, accepted) = baseline.filter(Self.report("a.json", ["/X", "/X", "/X", "/Y", "/Z"]), absolutePath: "/repo/a.json")
        #expect(accepted == 3)
        #expect(filtered.diagnostics.map(\.diagnostic.pointer.description) == ["/X", "/Z"])
    }

    @Test func rejectsOtherFiles() {
        #expect(throws: (any Error).self) { try Baseline(bytes: Array("{\"nope\":1}".utf8), path: "/b.json") }
    }
}
