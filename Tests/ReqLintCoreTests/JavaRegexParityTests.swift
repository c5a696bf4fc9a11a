import Foundation
import Testing
@testable import ReqLintCore

// Parity of reqlint's pattern matching with java.util.regex, the engine AWS validates with
// (`Pattern.compile(p).matcher(s).matches()`).
//
// Every distinct `pattern` of the bundled packs, plus hand-written patterns aimed at the
// translator's special cases, is matched against a few hundred inputs each: values built
// from the pattern itself, realistic AWS values, and the inputs where Java and PCRE2 are
// most likely to part ways (line terminators, non-ASCII digits, letters and spaces,
// supplementary characters, the edges of each class range, quantifier bounds, very long
// values, values that match only as a substring). Java answers for all of them in one run
// of `scripts/java/PatternProbe.java`; any input where reqlint's answer differs fails the
// test with the pattern, the input and both answers.

/// `java` on PATH (or under JAVA_HOME), found once.
private let javaExecutable: String? = findJava()

/// Whether the parity test can run. Without Java there is no reference to compare with, so
/// the test is skipped (reported as such, not as a pass); CI installs Java, so it runs there.
private let javaAvailable = javaExecutable != nil

private func findJava() -> String? {
    let environment = ProcessInfo.processInfo.environment
    var directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
    if let home = environment["JAVA_HOME"], !home.isEmpty { directories.append(home + "/bin") }
    for directory in directories where !directory.isEmpty {
        let candidate = directory + "/java"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

@Suite("Java regex parity")
struct JavaRegexParityTests {
    /// Patterns aimed at the translator's special cases, each with inputs of its own on top of
    /// the generated ones.
    static let handWritten: [(pattern: String, inputs: [String])] = [
        // `$` and `\Z`: at the end or before one final line terminator, never inside `\r\n`.
        (#"a$"#, ["a\n", "a\r\n"]),
        (#"a\Z"#, ["a\n", "a\r\n"]),
        (#"a$\n"#, ["a\n", "a\r\n", "a\n\n"]),
        (#"a$\r\n"#, ["a\r\n", "a\n"]),
        (#"a$\r"#, ["a\r", "a\r\n"]),
        (#"a\Z\n"#, ["a\n", "a\r\n"]),
        (#"a$[\r\n]*"#, ["a\r\n", "a\n\n", "a\r\r", "a\n\r", "a\r", "a\u{85}"]),
        (#"a$[\u0085\u2028\u2029]"#, ["a\u{85}", "a\u{2028}", "a\u{2029}", "a\u{2028}\u{2029}"]),
        (#".+$"#, ["abc\n", "abc\r\n"]),
        (#"(?!\s*$).*"#, [" \n", "\n ", "\r\n", "a\n", " a"]),
        (#"(?!\s*$)[^\n]*\n?"#, [" \n", "a\n", "\n", "\r\n", " \r"]),
        // `.` and negated classes.
        (#".*"#, []),
        (#"[^a]"#, ["\n", "\r", "😀"]),
        (#"[^\n]*"#, ["\r", "a\r"]),
        // ASCII-only `\w \d \s` and POSIX classes; Unicode categories.
        (#"\w+"#, ["abc_123"]),
        (#"\d+"#, ["0123456789"]),
        (#"\s*"#, [" \t\n\u{B}\u{C}\r"]),
        (#"\S+"#, []),
        (#"\W+"#, ["-+"]),
        (#"\D+"#, []),
        (#"\h+"#, ["\u{A0}\u{1680}\u{180E}\u{2000}\u{200A}\u{202F}\u{205F}\u{3000}"]),
        (#"\v"#, ["\u{B}", "\u{C}"]),
        (#"\p{L}+"#, ["Ünïcödé", "e\u{301}"]),
        (#"\p{IsL}+"#, []),
        (#"\p{Lu}\p{Ll}*"#, ["Ab", "ǅa", "ǄA"]),
        (#"\P{L}+"#, []),
        (#"\p{N}+"#, ["Ⅻ", "½"]),
        (#"[\p{Z}]"#, []),
        (#"\p{Alpha}+"#, []),
        (#"\p{Punct}+"#, [##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##]),
        (#"\p{Space}*"#, []),
        (#"[\p{Alnum}_]+"#, []),
        // Surrogates: an escaped pair is one code point; lone surrogates match nothing.
        (#"[\uD800-\uDFFF]"#, []),
        (#"[^\uD800-\uDFFF]+"#, []),
        (#"\uD83D\uDE00"#, []),
        (#"[\uD83D\uDE00]"#, []),
        (#"[\uD83D\uDE00-\uD83D\uDE4F]+"#, ["😀🙏"]),
        (#"a\uD800?"#, ["a"]),
        // Other escapes.
        (#"\x{1F600}\x41"#, ["😀A"]),
        (#"\0101\0477"#, ["A'7", "A\u{13F}"]),
        (#"\t\n\r\f\a\e\cA"#, ["\t\n\r\u{C}\u{7}\u{1B}\u{1}"]),
        (#"\Q.*\E+"#, [".*", ".**", ".*.*"]),
        (#"\R"#, ["\r\n", "\u{B}", "\u{C}"]),
        (#"\R\n"#, ["\r\n", "\n\n"]),
        (#"[\t-\r ]+"#, []),
        (#"[ -~]+"#, []),
        // Groups, alternation, quantifiers, backreferences.
        (#"a|ab"#, ["ab"]),
        (#"(?>a|ab)c"#, ["abc", "ac"]),
        (#"a*+a"#, ["aa"]),
        (#"x{2,3}"#, ["x", "xx", "xxx", "xxxx"]),
        (#"(a)\1"#, ["aa"]),
        (#"(a)\11"#, ["aa1", "a\t"]),
        (#"(?<first>a)\k<first>"#, ["aa"]),
        (#"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10\11"#, ["abcdefghijjj", "abcdefghijja1", "abcdefghij\u{8}\u{9}"]),
        (#"(a)\2(b)"#, ["aab", "abb", "ab"]),
        // Malformed in Java; reqlint must refuse them too.
        (#"\08"#, []),
        (#"\x{}"#, []),
        (#"\x{110000}"#, []),
    ]

    /// Constructs with no exact PCRE2 equivalent, which the translator must refuse rather than
    /// translate loosely (Java 17's `\b` and `\B` are Unicode-aware and look through
    /// non-spacing marks; PCRE2's are ASCII-only without UCP).
    static let unsupported = [#"a\bb"#, #"\Ba"#, #"(?i)a"#, #"[a-z&&[^b]]"#]

    @Test(.enabled(if: javaAvailable, "no `java` on PATH: java.util.regex is the reference, so parity is not checked (CI installs Java)"))
    func matchingEqualsJavaUtilRegex() throws {
        let java = try #require(javaExecutable)
        let bundled = try Self.bundledPatterns()
        #expect(!bundled.isEmpty)
        let realistic = try Self.realisticValues()
        var cases: [ParityCase] = []
        for pattern in bundled {
            cases.append(ParityCase(pattern: pattern, bundled: true,
                                    inputs: ParityInputs.inputs(for: pattern, realistic: realistic)))
        }
        for (pattern, extra) in Self.handWritten {
            cases.append(ParityCase(pattern: pattern, bundled: false,
                                    inputs: ParityInputs.inputs(for: pattern, realistic: realistic, extra: extra)))
        }

        let answers = try JavaProbe.run(cases, java: java)
        try #require(answers.count == cases.count, "the probe answered for \(answers.count) of \(cases.count) patterns")

        var disagreements: [String] = []
        var inputCount = 0
        var javaGaveUp = 0
        for (parityCase, answer) in zip(cases, answers) {
            let pattern = parityCase.pattern
            let compiled: CompiledPattern
            do {
                compiled = try CompiledPattern(java: pattern)
            } catch {
                if case .compileError = answer { continue }
                disagreements.append("pattern \(ParityInputs.raw(pattern)): Java compiles it, reqlint does not: \(error)")
                continue
            }
            guard case .answers(let results) = answer else {
                disagreements.append("pattern \(ParityInputs.raw(pattern)): Java rejects it, reqlint compiles it as \(compiled.pcre2Pattern)")
                continue
            }
            if parityCase.bundled {
                // The generated inputs must reach the matching side of every model pattern (the
                // other side is reached by construction: `[\S\s]*` matches everything).
                #expect(results.contains("1"), "no input matches \(ParityInputs.raw(pattern)) in Java")
            }
            for (input, result) in zip(parityCase.inputs, results) {
                inputCount += 1
                let ours = compiled.matches(input)
                let javaAnswer: String
                switch result {
                case "1":
                    if ours == .match { continue }
                    javaAnswer = "match"
                case "0":
                    if ours == .noMatch { continue }
                    javaAnswer = "no match"
                default:
                    // java.util.regex overflowed its stack: Java itself has no answer.
                    javaGaveUp += 1
                    continue
                }
                disagreements.append("""
                    pattern \(ParityInputs.raw(pattern)) (PCRE2 \(ParityInputs.raw(compiled.pcre2Pattern))) \
                    input \(ParityInputs.escaped(input)): Java \(javaAnswer), reqlint \(ours)
                    """)
            }
        }
        print("Java regex parity: \(cases.count) patterns (\(bundled.count) from the bundled packs), \(inputCount) inputs, \(disagreements.count) disagreements, \(javaGaveUp) inputs Java could not answer")
        #expect(disagreements.isEmpty, """
            reqlint and java.util.regex disagree on \(disagreements.count) inputs:
            \(disagreements.prefix(60).joined(separator: "\n"))\(disagreements.count > 60 ? "\n…" : "")
            """)
    }

    @Test func constructsWithoutAnExactTranslationAreRejected() {
        for pattern in Self.unsupported {
            #expect(throws: (any Error).self, "\(ParityInputs.raw(pattern)) should be rejected") { try CompiledPattern(java: pattern) }
        }
    }

    /// Every distinct pattern of the bundled packs, in a stable order.
    static func bundledPatterns() throws -> [String] {
        var seen = Set<[UInt8]>()
        var patterns: [String] = []
        for pack in try BundledRules.packs() {
            for name in pack.shapes.keys.sorted() {
                if let pattern = pack.shapes[name]?.pattern, seen.insert(Array(pattern.utf8)).inserted {
                    patterns.append(pattern)
                }
            }
        }
        return patterns
    }

    /// Realistic AWS values, and every enum value of the bundled packs.
    static func realisticValues() throws -> [String] {
        var values = ParityInputs.realistic
        for pack in try BundledRules.packs() {
            for name in pack.shapes.keys.sorted() {
                values += pack.shapes[name]?.enumValues ?? []
            }
        }
        return values
    }
}

/// One pattern and the inputs to match it against.
private struct ParityCase {
    var pattern: String
    var bundled: Bool
    var inputs: [String]
}

/// Runs `scripts/java/PatternProbe.java` once over every case.
private enum JavaProbe {
    enum Answer {
        case compileError
        /// One of `1`, `0` or `X` (Java could not answer) per input.
        case answers([Character])
    }

    static var source: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/java/PatternProbe.java")
    }

    static func run(_ cases: [ParityCase], java: String) throws -> [Answer] {
        let fileManager = FileManager.default
        let directory = fileManager.temporaryDirectory
            .appendingPathComponent("reqlint-java-parity-\(UUID().uuidString)", isDirectory: true)
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: directory) }

        var text = ""
        for parityCase in cases {
            text += "P " + Data(parityCase.pattern.utf8).base64EncodedString() + "\n"
            for input in parityCase.inputs {
                text += "I " + Data(input.utf8).base64EncodedString() + "\n"
            }
        }
        let inputFile = directory.appendingPathComponent("probe-input.txt")
        let outputFile = directory.appendingPathComponent("probe-output.txt")
        let errorFile = directory.appendingPathComponent("probe-errors.txt")
        try Data(text.utf8).write(to: inputFile)
        _ = fileManager.createFile(atPath: outputFile.path, contents: nil)
        _ = fileManager.createFile(atPath: errorFile.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: java)
        process.arguments = [source.path, inputFile.path]
        let output = try FileHandle(forWritingTo: outputFile)
        let errors = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        try output.close()
        try errors.close()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw ReqLintError("\(java) \(source.path) exited with status \(process.terminationStatus): \(message)")
        }

        var lines = try String(contentsOf: outputFile, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true)[...]
        var answers: [Answer] = []
        for parityCase in cases {
            guard let first = lines.first else { break }
            if first == "E" {
                lines.removeFirst()
                answers.append(.compileError)
                continue
            }
            guard lines.count >= parityCase.inputs.count else { break }
            answers.append(.answers(lines.prefix(parityCase.inputs.count).map { $0.first ?? "?" }))
            lines.removeFirst(parityCase.inputs.count)
        }
        return answers
    }
}

/// The inputs each pattern is matched against.
enum ParityInputs {
    /// Java's line terminators (outside UNIX_LINES mode).
    static let lineTerminators = ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"]

    /// Characters Java and PCRE2 could classify differently. All of them are assigned in
    /// Unicode 13 (Java 17) already, so the two engines' Unicode versions agree on them.
    static let oddCharacters = [
        // Non-ASCII digits: Arabic-Indic three, fullwidth three, Devanagari seven, superscript two.
        "\u{663}", "\u{FF13}", "\u{96D}", "\u{B2}",
        // Letters: precomposed and decomposed é, sharp s, a CJK ideograph, titlecase ǅ,
        // feminine ordinal, micro sign (Latin-1 letters PCRE2 might take as \w).
        "\u{E9}", "e\u{301}", "\u{DF}", "\u{4E2D}", "\u{1C5}", "\u{AA}", "\u{B5}",
        // Spaces: no-break, em, ideographic.
        "\u{A0}", "\u{2003}", "\u{3000}",
        // Emoji: one code point, and a ZWJ family of seven.
        "\u{1F600}", "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",
        // Ends and holes of the code space.
        "\u{10FFFF}", "\u{FFFD}", "\u{FFFE}", "\u{E000}", "\u{D7FF}", "\u{10000}",
        // Controls: tab, NUL, DEL, vertical tab, form feed, unit separator.
        "\t", "\u{0}", "\u{7F}", "\u{B}", "\u{C}", "\u{1F}",
    ]

    /// Realistic request values: ARNs, names, ids, URIs, MIME types, KMS keys.
    static let realistic = [
        "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/1f2e3d4c-5b6a-4789-8abc-0123456789ab/trained-model/2c9f1e6a-0b7d-4a3e-9c8f-5d4e3b2a1f00",
        "arn:aws:cleanrooms-ml:eu-west-2:123456789012:membership/1f2e3d4c-5b6a-4789-8abc-0123456789ab/configured-model-algorithm-association/a1b2c3d4-0000-4000-8000-000000000000",
        "arn:aws-us-gov:cleanrooms-ml:us-gov-west-1:123456789012:membership/1f2e3d4c-5b6a-4789-8abc-0123456789ab/ml-input-channel/channel_1.v2",
        "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/1F2E3D4C-5B6A-4789-8ABC-0123456789AB/trained-model/x",
        "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:kms:us-west-2:111122223333:alias/ExampleAlias",
        "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20240101T000000",
        "arn:aws:iam::123456789012:role/MyRole",
        "arn:aws-cn:iam::123456789012:role/Path/To+Role=,.@-_",
        "arn:aws:iam::12345678901:role/TooShortAccount",
        "arn:aws:sagemaker:us-east-1:123456789012:model-package/xgboost-churn/3",
        "arn:aws-us-gov:sagemaker:us-gov-west-1:123456789012:model-package/my-model-package/1",
        "arn:aws:sagemaker:us-east-1:123456789012:model-package/has space/1",
        "123456789012", "12345678901", "1234567890123",
        "1f2e3d4c-5b6a-4789-8abc-0123456789ab", "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
        "1234abcd-12ab-34cd-56ef-1234567890ab", "alias/ExampleAlias", "mrk-1234abcd12ab34cd56ef1234567890ab",
        "s3://amzn-s3-demo-bucket/prefix/data.csv", "s3://amzn-s3-demo-bucket", "s3://b/", "s3:///key",
        "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/key?versionId=1", "http://example.com/a",
        "text/csv", "application/json", "application/jsonlines", "image/jpeg", "application/x-recordio-protobuf",
        "text/csv; charset=utf-8", "/json", "text/",
        "my-inference-job", "MyJob01", "job_name", "-leading-hyphen", "trailing-hyphen-", "double--hyphen",
        "a", "A1", "ml.m5.xlarge", "ml.g4dn.xlarge", "1.0", "2.1.0", "1.x-y", "SAGEMAKER_PROGRAM", "_X", "1BAD",
        "my-endpoint/variant-1", "my-endpoint/variant.1", "endpoint//variant",
        "Project:Alpha/Team=ML+ops@corp_v1.2-x", "key with spaces", "us-east-1", "us-gov-west-1",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-image:latest", "0.0.0.0", "ünïcödé-name",
    ]

    /// The inputs for `pattern`: generated from it, realistic, tricky, and `extra`.
    static func inputs(for pattern: String, realistic: [String], extra: [String] = []) -> [String] {
        var parser = SampleParser(pattern)
        let tree = parser.parse()
        var inputs = OrderedInputs()

        // Values built to match, by hand-written heuristics (Java decides whether they do).
        var generated: [String] = []
        for counts in [SamplePlan.Counts.typical, .minimal, .maximal] {
            for branch in 0 ..< min(max(1, tree.maxBranches), 4) {
                generated.append(SampleWriter.write(tree, SamplePlan(counts: counts, branch: branch)))
            }
        }
        inputs.add(generated)
        inputs.add(extra)
        inputs.add(realistic)

        // Values to modify: generated ones, and realistic ones reqlint takes as matching (so
        // that both engines see matching values spoilt; Java checks every one regardless).
        var bases = Array(OrderedInputs(generated).values.prefix(3))
        if let compiled = try? CompiledPattern(java: pattern) {
            bases += realistic.filter { compiled.matches($0) == .match }.prefix(2)
            bases += extra.filter { compiled.matches($0) == .match }.prefix(1)
        }

        inputs.add("")
        for terminator in lineTerminators {
            inputs.add([terminator, terminator + terminator, " " + terminator, terminator + " "])
        }
        inputs.add(["\n\r", "\r\n\n", "\r\r\n", " ", "  ", "x"])
        for odd in oddCharacters {
            inputs.add([odd, odd + odd + odd])
        }
        for base in bases {
            for terminator in lineTerminators {
                inputs.add([base + terminator, terminator + base, base + terminator + base,
                            base + terminator + terminator])
            }
            inputs.add([" " + base, base + " ", "\t" + base, base + "\t"])
            for odd in oddCharacters {
                inputs.add([base + odd, odd + base])
            }
            // Matches only as a substring.
            inputs.add(["#" + base, base + "#", "<" + base + ">", base + base, "x" + base, base + "x"])
        }

        // The edges of every class range, and one past each, alone and in a valid value.
        for (id, set) in tree.sets {
            for (low, high) in set.ranges {
                var edges = [low, high]
                if low > 0 { edges.append(low - 1) }
                edges.append(high + 1)
                for edge in edges {
                    // Surrogates and values past U+10FFFF cannot occur in a string.
                    guard let scalar = Unicode.Scalar(edge) else { continue }
                    inputs.add(String(scalar))
                    inputs.add(SampleWriter.write(tree, SamplePlan(setOverride: (id, scalar))))
                }
            }
        }

        // Repetition bounds: at the bounds and one past.
        for repetition in tree.repetitions {
            var counts: [Int] = [repetition.min]
            if repetition.min > 0 { counts.append(repetition.min - 1) }
            if let max = repetition.max { counts += [max, max + 1] }
            for count in counts where count <= 5000 {
                inputs.add(SampleWriter.write(tree, SamplePlan(repetitionOverride: (repetition.id, count))))
            }
        }

        // Very long values.
        for length in [1000, 100_000] {
            let long = SampleWriter.write(tree, SamplePlan(counts: .minimal, longRun: length))
            inputs.add([long, long + "\n", String(repeating: "a", count: length)])
        }
        inputs.add([SampleWriter.write(tree, SamplePlan(counts: .minimal, longRun: 1000)) + "\r\n",
                    String(repeating: " ", count: 1000), String(repeating: "\u{1F600}", count: 1000)])
        return inputs.values
    }

    /// `value` as a Swift string literal: `\\`, `\"`, and everything else outside printable
    /// ASCII as `\u{...}`; long values shortened.
    static func escaped(_ value: String) -> String {
        let scalars = Array(value.unicodeScalars)
        func escape<S: Sequence<Unicode.Scalar>>(_ part: S) -> String {
            part.map { scalar in
                switch scalar {
                case "\\": return "\\\\"
                case "\"": return "\\\""
                case " " ... "~": return String(scalar)
                default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                }
            }.joined()
        }
        if scalars.count <= 100 { return "\"" + escape(scalars) + "\"" }
        return "\"" + escape(scalars.prefix(60)) + "…" + escape(scalars.suffix(20)) + "\" (\(scalars.count) scalars)"
    }

    /// A pattern as a raw Swift literal `#"..."#`, only characters outside printable ASCII
    /// escaped (as `\u{...}`, which no model pattern spells so).
    static func raw(_ pattern: String) -> String {
        let body = pattern.unicodeScalars.map { scalar in
            (" " ... "~").contains(scalar) ? String(scalar) : "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }.joined()
        return "#\"" + body + "\"#"
    }
}

/// Inputs without duplicates (by scalars, not by canonical equivalence), in order.
private struct OrderedInputs {
    private(set) var values: [String] = []
    private var seen = Set<[UInt8]>()

    init(_ values: [String] = []) { add(values) }

    mutating func add(_ value: String) {
        if seen.insert(Array(value.utf8)).inserted { values.append(value) }
    }

    mutating func add(_ values: [String]) {
        for value in values { add(value) }
    }
}

// MARK: - Sample generation

/// A Java pattern, parsed just far enough to write strings it (probably) matches. Lookarounds,
/// anchors and backreferences write nothing; the tree is a heuristic, Java is the judge.
private indirect enum SampleNode {
    case nothing
    case literal(Unicode.Scalar)
    case set(id: Int, SampleSet)
    case sequence([SampleNode])
    case alternation([SampleNode])
    case repetition(id: Int, SampleNode, min: Int, max: Int?)
}

/// A character class (or `.`, `\d`, `\p{L}`, ...).
private struct SampleSet {
    enum Item {
        case range(UInt32, UInt32)
        /// `d`, `S`, `p{L}`, `P{Alpha}`, `dot`, ...
        case named(String)
    }

    var negated = false
    var items: [Item]

    var ranges: [(UInt32, UInt32)] {
        items.compactMap { item in
            if case .range(let low, let high) = item { return (low, high) }
            return nil
        }
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let inItems = items.contains { item in
            switch item {
            case .range(let low, let high): return (low ... high).contains(scalar.value)
            case .named(let name): return Self.named(name, contains: scalar)
            }
        }
        return inItems != negated
    }

    static let candidates: [Unicode.Scalar] = [
        "a", "b", "z", "A", "Z", "5", "0", "9", "-", "_", " ", ".", "/", ":", "x", "!", "\u{E9}", "\u{663}",
        "\t", "\n", "\u{4E2D}", "\u{A0}", "\u{2028}",
    ]

    /// A character the class contains.
    var sample: Unicode.Scalar {
        if let candidate = Self.candidates.first(where: contains) { return candidate }
        if !negated {
            for (low, high) in ranges {
                if let scalar = Unicode.Scalar(low) { return scalar }
                if high > 0xDFFF, let scalar = Unicode.Scalar(max(low, 0xE000)) { return scalar }
            }
        }
        return "x"
    }

    /// An approximation of the named classes, good enough to pick samples.
    static func named(_ name: String, contains scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        let isASCIIDigit = (0x30 ... 0x39).contains(value)
        let isASCIILetter = (0x41 ... 0x5A).contains(value) || (0x61 ... 0x7A).contains(value)
        switch name {
        case "d": return isASCIIDigit
        case "D": return !isASCIIDigit
        case "s": return [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20].contains(value)
        case "S": return ![0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20].contains(value)
        case "w": return isASCIIDigit || isASCIILetter || value == 0x5F
        case "W": return !(isASCIIDigit || isASCIILetter || value == 0x5F)
        case "h": return [0x20, 0x09, 0xA0, 0x1680, 0x180E, 0x202F, 0x205F, 0x3000].contains(value)
            || (0x2000 ... 0x200A).contains(value)
        case "H": return !named("h", contains: scalar)
        case "v": return (0x0A ... 0x0D).contains(value) || [0x85, 0x2028, 0x2029].contains(value)
        case "V": return !named("v", contains: scalar)
        case "dot": return !named("v", contains: scalar) || value == 0x0B || value == 0x0C
        default: break
        }
        guard name.count > 3, name.hasPrefix("p{") || name.hasPrefix("P{") else { return false }
        var property = String(name.dropFirst(2).dropLast())
        if property.hasPrefix("Is") { property.removeFirst(2) }
        let positive = name.hasPrefix("p")
        let category = scalar.properties.generalCategory
        let result: Bool
        switch property {
        case "L": result = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter].contains(category)
        case "Lu": result = category == .uppercaseLetter
        case "Ll": result = category == .lowercaseLetter
        case "N": result = [.decimalNumber, .letterNumber, .otherNumber].contains(category)
        case "Nd": result = category == .decimalNumber
        case "Z": result = [.spaceSeparator, .lineSeparator, .paragraphSeparator].contains(category)
        case "Zs": result = category == .spaceSeparator
        case "Alpha": result = isASCIILetter
        case "Digit": result = isASCIIDigit
        case "Alnum": result = isASCIILetter || isASCIIDigit
        case "Lower": result = (0x61 ... 0x7A).contains(value)
        case "Upper": result = (0x41 ... 0x5A).contains(value)
        case "Punct": result = (0x21 ... 0x7E).contains(value) && !isASCIILetter && !isASCIIDigit
        case "Space": result = named("s", contains: scalar)
        default: result = false
        }
        return result == positive
    }
}

private struct SampleParser {
    let source: [Unicode.Scalar]
    var i = 0
    var sets: [(Int, SampleSet)] = []
    var repetitions: [(id: Int, min: Int, max: Int?)] = []

    init(_ pattern: String) { source = Array(pattern.unicodeScalars) }

    struct Tree {
        var root: SampleNode
        var sets: [(Int, SampleSet)]
        var repetitions: [(id: Int, min: Int, max: Int?)]
        var maxBranches: Int
    }

    mutating func parse() -> Tree {
        var root = SampleNode.sequence([])
        while i < source.count {
            root = .sequence([root, alternation()])
            if i < source.count { i += 1 } // an unbalanced `)`
        }
        return Tree(root: root, sets: sets, repetitions: repetitions, maxBranches: Self.maxBranches(root))
    }

    static func maxBranches(_ node: SampleNode) -> Int {
        switch node {
        case .nothing, .literal, .set: return 1
        case .sequence(let items): return items.map(maxBranches).max() ?? 1
        case .alternation(let branches): return max(branches.count, branches.map(maxBranches).max() ?? 1)
        case .repetition(_, let body, _, _): return maxBranches(body)
        }
    }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < source.count ? source[i + offset] : nil }

    mutating func alternation() -> SampleNode {
        var branches = [sequence()]
        while peek() == "|" {
            i += 1
            branches.append(sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func sequence() -> SampleNode {
        var items: [SampleNode] = []
        while let c = peek(), c != "|", c != ")" {
            items.append(quantified(atom()))
        }
        return .sequence(items)
    }

    mutating func addSet(_ set: SampleSet) -> SampleNode {
        let id = sets.count
        sets.append((id, set))
        return .set(id: id, set)
    }

    mutating func atom() -> SampleNode {
        let c = source[i]
        switch c {
        case "(":
            i += 1
            var lookaround = false
            if peek() == "?" {
                i += 1
                switch peek() {
                case "=", "!":
                    lookaround = true
                    i += 1
                case "<" where peek(1) == "=" || peek(1) == "!":
                    lookaround = true
                    i += 2
                case "<":
                    while let n = peek(), n != ">" { i += 1 }
                    i += 1
                default:
                    i += 1 // `:` or `>`
                }
            }
            let inner = alternation()
            if peek() == ")" { i += 1 }
            return lookaround ? .nothing : inner
        case "[":
            return characterClass()
        case ".":
            i += 1
            return addSet(SampleSet(items: [.named("dot")]))
        case "^", "$":
            i += 1
            return .nothing
        case "\\":
            return escape()
        default:
            i += 1
            return .literal(c)
        }
    }

    mutating func escape() -> SampleNode {
        guard let kind = peek(1) else {
            i += 1
            return .nothing
        }
        switch kind {
        case "d", "D", "s", "S", "w", "W", "h", "H", "v", "V":
            i += 2
            return addSet(SampleSet(items: [.named(String(kind))]))
        case "p", "P":
            return addSet(SampleSet(items: [.named(property())]))
        case "Q":
            i += 2
            var literals: [SampleNode] = []
            while let c = peek(), !(c == "\\" && peek(1) == "E") {
                literals.append(.literal(c))
                i += 1
            }
            i += 2
            return .sequence(literals)
        case "A", "z", "Z", "b", "B", "G":
            i += 2
            return .nothing
        case "R":
            i += 2
            return .literal("\n")
        case "1" ... "9":
            i += 2
            return .nothing
        case "k":
            while let n = peek(), n != ">" { i += 1 }
            i += 1
            return .nothing
        default:
            return Unicode.Scalar(codePoint()).map(SampleNode.literal) ?? .nothing
        }
    }

    /// `\p{Name}` or `\pL`, as `p{Name}`.
    mutating func property() -> String {
        let kind = String(source[i + 1])
        i += 2
        var name = ""
        if peek() == "{" {
            i += 1
            while let c = peek(), c != "}" {
                name.unicodeScalars.append(c)
                i += 1
            }
            i += 1
        } else if let c = peek() {
            name = String(c)
            i += 1
        }
        return kind + "{" + name + "}"
    }

    /// One character, literal or escaped.
    mutating func codePoint() -> UInt32 {
        let c = source[i]
        i += 1
        guard c == "\\", let kind = peek() else { return c.value }
        i += 1
        switch kind {
        case "u":
            let unit = hex(4)
            if (0xD800 ... 0xDBFF).contains(unit), peek() == "\\", peek(1) == "u" {
                let saved = i
                i += 2
                let low = hex(4)
                if (0xDC00 ... 0xDFFF).contains(low) { return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00) }
                i = saved
            }
            return unit
        case "x":
            if peek() == "{" {
                i += 1
                var digits = 0
                while let c = peek(), c != "}" {
                    digits += 1
                    i += 1
                }
                i -= digits
                let value = hex(digits)
                i += 1
                return value
            }
            return hex(2)
        case "0":
            var value: UInt32 = 0
            var digits = 0
            while digits < 3, let c = peek(), ("0" ... "7").contains(c), digits < 2 || source[i - 2] <= "3" {
                value = value * 8 + (c.value - 48)
                i += 1
                digits += 1
            }
            return value
        case "t": return 0x09
        case "n": return 0x0A
        case "r": return 0x0D
        case "f": return 0x0C
        case "a": return 0x07
        case "e": return 0x1B
        case "c":
            guard let c = peek() else { return 0 }
            i += 1
            return c.value ^ 0x40
        default:
            return kind.value
        }
    }

    mutating func hex(_ count: Int) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0 ..< count {
            guard let c = peek(), let digit = UInt32(String(c), radix: 16) else { break }
            value = value << 4 | digit
            i += 1
        }
        return value
    }

    mutating func characterClass() -> SampleNode {
        i += 1
        var set = SampleSet(items: [])
        if peek() == "^" {
            set.negated = true
            i += 1
        }
        var first = true
        while let c = peek() {
            if c == "]" && !first {
                i += 1
                break
            }
            first = false
            if c == "\\", let kind = peek(1), "dDsSwWhHvV".unicodeScalars.contains(kind) {
                set.items.append(.named(String(kind)))
                i += 2
                continue
            }
            if c == "\\", peek(1) == "p" || peek(1) == "P" {
                set.items.append(.named(property()))
                continue
            }
            let low = codePoint()
            if peek() == "-", let after = peek(1), after != "]" {
                i += 1
                let high = codePoint()
                set.items.append(.range(low, max(low, high)))
            } else {
                set.items.append(.range(low, low))
            }
        }
        return addSet(set)
    }

    mutating func quantified(_ atom: SampleNode) -> SampleNode {
        var node = atom
        while let c = peek() {
            let bounds: (Int, Int?)
            switch c {
            case "*": bounds = (0, nil)
            case "+": bounds = (1, nil)
            case "?": bounds = (0, 1)
            case "{":
                var k = i + 1
                func number() -> Int? {
                    var digits = ""
                    while k < source.count, ("0" ... "9").contains(source[k]) {
                        digits.unicodeScalars.append(source[k])
                        k += 1
                    }
                    return Int(digits)
                }
                guard let low = number() else { return node }
                var high: Int? = low
                if k < source.count, source[k] == "," {
                    k += 1
                    high = number()
                }
                guard k < source.count, source[k] == "}" else { return node }
                bounds = (low, high)
                i = k
            default:
                return node
            }
            i += 1
            if peek() == "?" || peek() == "+" { i += 1 }
            let id = repetitions.count
            repetitions.append((id, bounds.0, bounds.1))
            node = .repetition(id: id, node, min: bounds.0, max: bounds.1)
        }
        return node
    }
}

/// How to write a sample.
private struct SamplePlan {
    enum Counts { case minimal, typical, maximal }

    /// Repetition counts: the minimum, about two, or the maximum.
    var counts = Counts.typical
    /// The branch every alternation takes (the last one if it has fewer).
    var branch = 0
    /// The first unbounded repetition written repeats this often.
    var longRun: Int?
    /// One class writes this character instead of its sample.
    var setOverride: (id: Int, scalar: Unicode.Scalar)?
    /// One repetition repeats this often.
    var repetitionOverride: (id: Int, count: Int)?
}

private struct SampleWriter {
    let plan: SamplePlan
    var longRunUsed = false
    var output = String.UnicodeScalarView()

    static func write(_ tree: SampleParser.Tree, _ plan: SamplePlan) -> String {
        var writer = SampleWriter(plan: plan)
        writer.write(tree.root)
        return String(writer.output)
    }

    mutating func write(_ node: SampleNode) {
        switch node {
        case .nothing:
            break
        case .literal(let scalar):
            output.append(scalar)
        case .set(let id, let set):
            if let override = plan.setOverride, override.id == id {
                output.append(override.scalar)
            } else {
                output.append(set.sample)
            }
        case .sequence(let items):
            for item in items { write(item) }
        case .alternation(let branches):
            write(branches[min(plan.branch, branches.count - 1)])
        case .repetition(let id, let body, let low, let high):
            for _ in 0 ..< count(id: id, min: low, max: high) { write(body) }
        }
    }

    mutating func count(id: Int, min low: Int, max high: Int?) -> Int {
        if let override = plan.repetitionOverride, override.id == id { return override.count }
        if high == nil, let run = plan.longRun, !longRunUsed {
            longRunUsed = true
            return max(low, run)
        }
        switch plan.counts {
        case .minimal: return low
        case .typical: return min(max(low, 2), high ?? Int.max)
        case .maximal: return min(high ?? max(low, 3), 5000)
        }
    }
}
