@testable import ReqLintCore
import Testing

/// A pattern is matched by PCRE2's interpreter for its first uses and by the JIT after: the
/// verdict on a value must not depend on which, including when an engine stops at a limit.
struct CompiledPatternTests {
    @Test func verdictsAreTheSameBeforeAndAfterTheJIT() throws {
        let pattern = try CompiledPattern(java: "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+")
        let values = ["arn:aws:iam::123456789012:role/R", "arn:aws:iam::12345678901:role/R", "", "arn:aws-cn:iam::123456789012:role/a/b",
                      String(repeating: "x", count: 5000), "arn:aws:iam::123456789012:role/" + String(repeating: "r", count: 100_000)]
        let first = values.map { pattern.matches($0) }
        #expect(first == [.match, .noMatch, .noMatch, .match, .noMatch, .match])
        for _ in 0 ..< CompiledPattern.jitAfter { _ = pattern.matches("warm-up") }
        #expect(values.map { pattern.matches($0) } == first)
    }

    @Test func aValueThatStopsBothEnginesIsNotCheckedEitherWay() throws {
        let evil = try CompiledPattern(pcre2: "(?:(a+)+c|.*)")
        let value = String(repeating: "a", count: 40) + "!"
        guard case .limitExceeded = evil.matches(value) else {
            Issue.record("the interpreter's first verdict must be 'not checked'")
            return
        }
        for _ in 0 ..< CompiledPattern.jitAfter { _ = evil.matches("ac") }
        guard case .limitExceeded = evil.matches(value) else {
            Issue.record("the JIT's verdict must be 'not checked' too")
            return
        }
        #expect(evil.matches("aac") == .match)
    }
}
