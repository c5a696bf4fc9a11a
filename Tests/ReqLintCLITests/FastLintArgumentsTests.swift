import Testing
@testable import reqlint

/// `reqlint lint [flags] FILE…` is read without ArgumentParser (``LintSettings/init(flags:paths:)``):
/// it must give what ArgumentParser gives for the same command line, option by option.
struct FastLintArgumentsTests {
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
        #expect(LintSettings(flags: Set(flags), paths: paths) == parsed.settings)
        #expect(ReqLint.lintCommand(["reqlint", "lint"] + flags + paths) == parsed.settings)
    }

    /// Every flag the split knows is one the fast path sets.
    @Test func everyFlagIsRead() {
        for flag in LintArguments.flags {
            #expect(LintSettings(flags: [flag], paths: ["a"]) != LintSettings(flags: [], paths: ["a"]), "\(flag)")
        }
    }

    /// `reqlint lint FLAGS FILE…` takes the fast path; anything else, ArgumentParser's.
    @Test func optionsWithValuesGoThroughArgumentParser() throws {
        let fast = try #require(ReqLint.lintCommand(["reqlint", "lint", "--force-exclude", "--skip-non-requests", "a.json", "b.json"]))
        #expect(fast.paths == ["a.json", "b.json"] && fast.forceExclude && fast.skipNonRequests && !fast.quiet)
        let valued = try #require(ReqLint.lintCommand(["reqlint", "lint", "--format", "json", "-j", "2", "a.json"]))
        #expect(valued.format == .json && valued.jobs == 2 && valued.paths == ["a.json"])
        // `--dry-run` without `--fix` fails validation: ArgumentParser then says so.
        #expect(ReqLint.lintCommand(["reqlint", "lint", "--dry-run", "a.json"]) == nil)
        #expect(ReqLint.lintCommand(["reqlint", "lint", "--quiet"]) == nil)
    }
}
