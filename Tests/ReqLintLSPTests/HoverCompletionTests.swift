import ReqLintCore
@testable import ReqLintLSP
import Testing

/// Hover text, completion items and the tolerant position → pointer mapping.
struct HoverCompletionTests {
    static let registry = try! BundledRules.registry()
    static let analyzer = DocumentAnalyzer(registry: registry)
    static let irj = OperationID(service: "sagemaker", name: "CreateInferenceRecommendationsJob")

    /// `text` with the cursor marker `|` removed, and the cursor's byte offset.
    static func cursor(_ marked: String) -> (bytes: [UInt8], offset: Int) {
        let bytes = Array(marked.utf8)
        let offset = bytes.firstIndex(of: UInt8(ascii: "|"))!
        var without = bytes
        without.remove(at: offset)
        return (without, offset)
    }

    func hover(_ marked: String) -> HoverProvider.Result? {
        let (bytes, offset) = Self.cursor(marked)
        let analysis = Self.analyzer.analyze(bytes, syntax: .json, previousOperation: Self.irj)
        return HoverProvider.hover(analysis, offset: offset, registry: Self.registry)
    }

    func complete(_ marked: String) -> [CompletionProvider.Item] {
        let (bytes, offset) = Self.cursor(marked)
        return CompletionProvider.items(bytes: bytes, offset: offset, operation: Self.irj, registry: Self.registry)
    }

    static let document = """
    {
      "JobName": "my-job",
      "JobType": "Advanced",
      "RoleArn": "arn:aws:iam::123456789012:role/R",
      "InputConfig": {
        "JobDurationInSeconds": 600,
        "TrafficPattern": {"TrafficType": "PHASES", "Phases": [{"InitialNumberOfUsers": 1, "SpawnRate": 1, "DurationInSeconds": 300}]}
      }
    }
    """

    // MARK: Hover

    @Test func hoverOnMemberName() throws {
        let marked = Self.document.replacingOccurrences("\"JobName\"", "\"Job|Name\"")
        let result = try #require(hover(marked))
        #expect(result.markdown.hasPrefix("**`JobName`** — required · string (`RecommendationJobName`)"))
        #expect(result.markdown.contains("A name for the recommendation job."))
        #expect(!result.markdown.contains("<p>"), "HTML is stripped")
        #expect(result.markdown.contains("length: 1–64 characters"))
        #expect(result.markdown.contains("pattern: `"))
        #expect(result.markdown.contains("[`sagemaker/job-name-truncation`](https://"), "the documented rules that apply")
        let (bytes, _) = Self.cursor(marked)
        #expect(Array(bytes[result.range.start ..< result.range.end]) == Array("\"JobName\"".utf8))
    }

    @Test func hoverOnValueShowsEnumAndRules() throws {
        let result = try #require(hover(Self.document.replacingOccurrences("\"Advanced\"", "\"Adv|anced\"")))
        #expect(result.markdown.contains("one of: `Default`, `Advanced`"))
        #expect(result.markdown.contains("**`JobType`** — required"))
        // A nested value inside a list: the element's member, its range and its rules.
        let phase = try #require(hover(Self.document.replacingOccurrences("\"InitialNumberOfUsers\": 1", "\"InitialNumberOfUsers\": |1")))
        #expect(phase.markdown.hasPrefix("**`InitialNumberOfUsers`** — optional · integer"))
        #expect(phase.markdown.contains("sagemaker/phase-initial-users"))
        #expect(phase.markdown.contains("range: 1–3") || phase.markdown.contains("range:"))
        // Optional members and objects.
        let input = try #require(hover(Self.document.replacingOccurrences("\"InputConfig\"", "|\"InputConfig\"")))
        #expect(input.markdown.hasPrefix("**`InputConfig`** — required · structure"))
    }

    @Test func hoverInABrokenDocument() throws {
        // Not well-formed (a missing comma and an unfinished document): the tolerant scanner maps it.
        let marked = "{\n  \"JobName\": \"x\"\n  \"JobType\": \"Def|ault\",\n  \"InputConfig\": {\"JobDurationInSeconds\": "
        let result = try #require(hover(marked))
        #expect(result.markdown.contains("**`JobType`**"))
    }

    @Test func noHoverOnPunctuationOrUnknownMembers() {
        #expect(hover(Self.document.replacingOccurrences("\"JobName\": ", "\"JobName\":| ")) == nil)
        #expect(hover("{\"Unknown|Thing\": 1, \"JobName\": \"x\"}") == nil)
    }

    // MARK: Completion

    @Test func memberNamesNotYetPresentRequiredFirst() throws {
        let items = complete("{\n  \"JobName\": \"x\",\n  |\n}")
        let labels = items.map(\.label)
        #expect(!labels.contains("JobName"))
        let required = items.filter { $0.sortText.hasPrefix("0") }.map(\.label)
        #expect(Set(required) == ["JobType", "RoleArn", "InputConfig"])
        let sorted = items.sorted { $0.sortText < $1.sortText }.map(\.label)
        #expect(Array(sorted.prefix(3)) == ["JobType", "RoleArn", "InputConfig"])
        #expect(labels.contains("JobDescription") && labels.contains("Tags"))
        let roleArn = try #require(items.first { $0.label == "RoleArn" })
        #expect(roleArn.newText == "\"RoleArn\": ")
        #expect(roleArn.detail == "required · string")
        #expect(roleArn.documentation?.contains("Amazon Resource Name") == true)
    }

    @Test func memberNameBeingTypedInQuotes() throws {
        // Unfinished name, no closing quote, nothing after: the document is not JSON.
        let marked = "{\n  \"JobName\": \"x\",\n  \"Ro|"
        let items = complete(marked)
        let item = try #require(items.first { $0.label == "RoleArn" })
        let (bytes, offset) = Self.cursor(marked)
        #expect(item.range == SourceRange(start: offset - 3, end: offset), "replaces the typed \"Ro")
        #expect(item.filterText == "\"RoleArn\"")
        #expect(item.newText == "\"RoleArn\": ")
        let applied = TextEdit.apply([TextEdit(range: item.range, newText: item.newText)], to: bytes)
        #expect(String(decoding: applied, as: UTF8.self) == "{\n  \"JobName\": \"x\",\n  \"RoleArn\": ")
        // Inside a finished name followed by a colon: only the name is replaced.
        let inside = complete("{\"Jo|b\": 1, \"RoleArn\": \"r\"}")
        let jobName = try #require(inside.first { $0.label == "JobName" })
        #expect(jobName.newText == "\"JobName\"")
        #expect(!inside.contains { $0.label == "RoleArn" })
    }

    @Test func nestedMembersAndKeysAfterTheCursor() {
        let items = complete("{\"InputConfig\": {\"TrafficPattern\": {|, \"Phases\": []}}, \"JobName\": \"x\"}")
        #expect(Set(items.map(\.label)) == ["TrafficType", "Stairs"])
    }

    @Test func enumValuesAtValuePositions() throws {
        let items = complete("{\"JobName\": \"x\", \"JobType\": |}")
        #expect(items.map(\.label) == ["Default", "Advanced"])
        #expect(items[0].newText == "\"Default\"")
        // Half-typed string value, no closing quote, in a broken document.
        let typed = complete("{\"JobType\": \"Adv|\n")
        #expect(typed.map(\.label) == ["Default", "Advanced"])
        #expect(typed[1].range.end - typed[1].range.start == 4, "replaces \"Adv")
        // A prose enum from the overlay, inside a list.
        let domain = complete("{\"JobName\": \"x\", \"InputConfig\": {\"ContainerConfig\": {\"Domain\": \"|\"}}}")
        #expect(domain.map(\.label).contains("COMPUTER_VISION"))
        let endpoints = complete("{\"InputConfig\": {\"ContainerConfig\": {\"SupportedEndpointType\": |}}}")
        #expect(endpoints.map(\.label).contains("RealTime"))
        let instance = complete("{\"InputConfig\": {\"EndpointConfigurations\": [{\"InstanceType\": \"ml.c5|\"}]}}")
        #expect(instance.map(\.label).contains("ml.c5.xlarge"))
        #expect(instance.count > 50)
    }

    @Test func nothingAfterAValueOrInAFreeString() {
        #expect(complete("{\"JobType\": \"Default\"| }").isEmpty)
        #expect(complete("{\"JobName\": \"a|b\"}").isEmpty)
    }

    // MARK: Tolerant scanner against the parser

    @Test func scannerAgreesWithTheParserOnEveryOffset() throws {
        for text in [Self.document, "{\"a\":[1,{\"b\":\"😀\\\"x\"},[true,null]],\"c\":{\"d\":{}}}", "[{\"x\": [\"y\"]}, 2]"] {
            let bytes = Array(text.utf8)
            let document = JSONParser.parse(bytes)
            let scanner = TolerantScanner(bytes)
            for offset in 0 ..< bytes.count {
                let located = NodeLocator.locate(document, offset: offset)
                let context = scanner.context(at: offset, mode: .hover)
                guard let located, document[located.node].kind != .object, document[located.node].kind != .array else { continue }
                #expect(context.token?.range == located.range, "offset \(offset) of \(text)")
                #expect(context.pointer == located.pointer, "offset \(offset) of \(text)")
                #expect((context.role == .key) == located.isKey, "offset \(offset) of \(text)")
            }
        }
    }

    @Test func scannerSurvivesGarbage() {
        let inputs = ["", "{", "}", "]]]", "{\"a\" \"b\" : : , , }", "[\"\\", "{\"a\":\"\\u12", "😀{:[", "\u{FEFF}{\"k\":1}"]
        for text in inputs {
            let bytes = Array(text.utf8)
            let scanner = TolerantScanner(bytes)
            for offset in 0 ... bytes.count {
                _ = scanner.context(at: offset, mode: .completion)
                _ = scanner.context(at: offset, mode: .hover)
            }
            _ = scanner.rootKeys()
        }
        #expect(TolerantScanner(Array("{\"JobName\": \"x\", \"RoleArn\": ".utf8)).rootKeys() == ["JobName", "RoleArn"])
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        guard let range = firstRange(of: target) else { fatalError("\(target) not in the document") }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}
