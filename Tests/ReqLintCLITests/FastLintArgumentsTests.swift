import Testing
@testable import reqlint

/// `reqlint lint [flags] FILE…` is built without ArgumentParser (``Lint/withDefaults(flags:paths:)``):
/// it must give what ArgumentParser gives for the same command line, option by option.
struct FastLintArgumentsTests {
    /// Each stored option of `lint`, as its property wrapper describes it (`.value(x)` once
    /// parsed or set; a definition left unset would show as one and differ).
    static func options(_ lint: Lint) -> [String: String] {
        var options: [String: String] = [:]
        for child in Mirror(reflecting: lint).children {
            guard let label = child.label else { continue }
            let wrapper = Mirror(reflecting: child.value).children.map { "\($0.label ?? ""): \(String(reflecting: $0.value))" }
            options[label] = wrapper.joined(separator: ", ")
        }
        return options
    }

    static let commandLines: [[String]] = [
        [],
        ["--force-exclude", "--skip-non-requests"],
        ["--quiet"], ["-q"], ["-q", "--quiet"],
        ["--no-suppressions", "--fix"],
        ["--fix", "--dry-run"],
        ["--force-exclude", "--skip-non-requests", "--quiet", "--no-suppressions", "--fix", "--dry-run"],
    ]

    @Test(arguments: commandLines)
    func theFastPathGivesWhatArgumentParserGives(_ flags: [String]) throws {
        let paths = ["requests/a.json", "b.yaml", "-"]
        let parsed = try #require(try Lint.parseAsRoot(flags + paths) as? Lint)
        let fast = Lint.withDefaults(flags: Set(flags), paths: paths)
        let expected = Self.options(parsed)
        #expect(expected.count >= 18, "every option of lint is compared: \(expected.keys.sorted())")
        #expect(Self.options(fast) == expected)
        for (name, value) in Self.options(fast) { #expect(value.contains("value("), "\(name) is set: \(value)") }
    }

    /// `reqlint lint FLAGS FILE…` takes the fast path; anything else, ArgumentParser's.
    @Test func onlyFlagsTakeTheFastPath() throws {
        let fast = try #require(ReqLint.lintCommand(["reqlint", "lint", "--force-exclude", "--skip-non-requests", "a.json", "b.json"]))
        #expect(fast.paths == ["a.json", "b.json"] && fast.forceExclude && fast.skipNonRequests && !fast.quiet)
        let valued = try #require(ReqLint.lintCommand(["reqlint", "lint", "--format", "json", "a.json"]))
        #expect(valued.format == .json && valued.paths == ["a.json"])
        // `--dry-run` without `--fix` fails validation: ArgumentParser then says so.
        #expect(ReqLint.lintCommand(["reqlint", "lint", "--dry-run", "a.json"]) == nil)
        #expect(ReqLint.lintCommand(["reqlint", "lint", "--quiet"]) == nil)
    }
}
