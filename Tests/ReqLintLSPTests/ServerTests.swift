import Foundation
import ReqLintCore
@testable import ReqLintLSP
import Testing

/// An in-memory client: writes framed messages into the server and collects what it sends.
final class TestClient: @unchecked Sendable {
    let lock = NSLock()
    var framer = MessageFramer()
    var received: [JSONValue] = []
    var exitCode: Int32?
    var logs: [String] = []
    var server: LanguageServer!
    var nextID = 0

    init(options: LanguageServer.Options = LanguageServer.Options(), registry: OperationRegistry? = nil,
         beforeAnalysis: (@Sendable (String, Int?) -> Void)? = nil) throws {
        let registry = try registry ?? BundledRules.registry()
        server = LanguageServer(registry: registry, options: options, output: { [weak self] bytes in
            // Weak: lints still running may log or publish after a test is done with the client.
            guard let self else { return }
            lock.lock()
            defer { lock.unlock() }
            for event in framer.push(bytes) {
                guard case let .message(body) = event else { Issue.record("the server sent a malformed frame"); continue }
                let document = JSONParser.parse(body)
                guard let root = document.root else { Issue.record("the server sent invalid JSON"); continue }
                received.append(document.value(at: root))
            }
        }, log: { [weak self] line in
            guard let self else { return }
            lock.lock()
            logs.append(line)
            lock.unlock()
        }, onExit: { [weak self] code in
            guard let self else { return }
            lock.lock()
            exitCode = code
            lock.unlock()
        })
        server.beforeAnalysis = beforeAnalysis
    }

    func write(_ message: JSONValue) { server.receive(JSONRPC.encode(message)) }

    func writeRaw(_ bytes: [UInt8]) { server.receive(bytes) }

    /// Sends a request and waits for its response.
    func request(_ method: String, _ params: JSONValue) async throws -> JSONValue {
        nextID += 1
        let id = JSONValue.integer(Int64(nextID))
        write(.object([("jsonrpc", .string("2.0")), ("id", id), ("method", .string(method)), ("params", params)]))
        return try await waitFor { $0["id"] == id && $0["method"] == nil }
    }

    func notify(_ method: String, _ params: JSONValue) {
        write(.object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)]))
    }

    var messages: [JSONValue] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Waits (up to 5 s) for a message that matches.
    func waitFor(_ match: @escaping (JSONValue) -> Bool) async throws -> JSONValue {
        for _ in 0 ..< 500 {
            if let found = messages.first(where: match) { return found }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        throw TestFailure("timed out; received \(messages.map { $0.serialized() })")
    }

    func publications(_ uri: String) -> [JSONValue] {
        messages.filter { $0["method"] == .string("textDocument/publishDiagnostics") && $0["params"]?["uri"] == .string(uri) }
    }

    func initialize(_ options: JSONValue = .object([])) async throws {
        let markdown: JSONValue = .array([.string("markdown")])
        let capabilities: JSONValue = .object([("textDocument", .object([
            ("hover", .object([("contentFormat", markdown)])),
            ("completion", .object([("completionItem", .object([("documentationFormat", markdown)]))])),
        ]))])
        let response = try await request("initialize", .object([("processId", .null), ("capabilities", capabilities),
                                                                ("initializationOptions", options)]))
        #expect(response["result"]?["capabilities"] != nil)
        notify("initialized", .object([]))
    }

    func open(_ uri: String, _ text: String, version: Int = 1, language: String = "json") {
        notify("textDocument/didOpen", .object([("textDocument", .object([
            ("uri", .string(uri)), ("languageId", .string(language)), ("version", .integer(Int64(version))), ("text", .string(text)),
        ]))]))
    }

    func change(_ uri: String, _ text: String, version: Int) {
        notify("textDocument/didChange", .object([
            ("textDocument", .object([("uri", .string(uri)), ("version", .integer(Int64(version)))])),
            ("contentChanges", .array([.object([("text", .string(text))])])),
        ]))
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The server driven in-process through an in-memory transport.
struct ServerTests {
    static let roleArn = "arn:aws:iam::123456789012:role/R"
    static let dirty = "{\n  \"JobName\": \"j\",\n  \"JobType\": \"default\",\n  \"RoleArn\": \"\(roleArn)\",\n  \"InputConfig\": {}\n}\n"
    static let clean = dirty.replacingOccurrences(of: "\"default\"", with: "\"Default\"")

    func pos(_ line: Int, _ character: Int) -> JSONValue {
        .object([("line", .integer(Int64(line))), ("character", .integer(Int64(character)))])
    }

    @Test func lifecycleAndErrors() async throws {
        let client = try TestClient()
        // Before initialize: requests are refused, notifications dropped.
        let early = try await client.request("textDocument/hover", .object([]))
        #expect(early["error"]?["code"] == .integer(-32002))
        try await client.initialize()
        let capabilities = try #require(client.messages.first { $0["id"] == .integer(2) }?["result"]?["capabilities"])
        #expect(capabilities["textDocumentSync"]?["change"] == .integer(1))
        #expect(capabilities["codeActionProvider"] != nil && capabilities["hoverProvider"] == .bool(true))

        let unknown = try await client.request("workspace/symbol", .object([("query", .string(""))]))
        #expect(unknown["error"]?["code"] == .integer(-32601))

        // Malformed: broken JSON, a bad header, an invalid request; the server stays up.
        client.writeRaw(MessageFramer.frame(Array("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ".utf8)))
        let parseError = try await client.waitFor { $0["error"]?["code"] == .integer(-32700) }
        #expect(parseError["id"] == .null)
        client.writeRaw(Array("Content-Length: nope\r\n\r\n".utf8))
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(client.messages.filter { $0["error"]?["code"] == .integer(-32700) }.count == 2)
        client.writeRaw(MessageFramer.frame(Array("{\"jsonrpc\": \"2.0\", \"id\": 7}".utf8)))
        let invalid = try await client.waitFor { $0["id"] == .integer(7) }
        #expect(invalid["error"]?["code"] == .integer(-32600))

        // Notifications are never answered.
        let before = client.messages.count
        client.notify("$/cancelRequest", .object([("id", .integer(1))]))
        client.notify("workspace/didChangeWatchedFiles", .object([]))
        client.server.waitUntilIdle()
        #expect(client.messages.count == before)

        let shutdown = try await client.request("shutdown", .null)
        #expect(shutdown["result"] == .null && shutdown["error"] == nil)
        let after = try await client.request("textDocument/hover", .object([]))
        #expect(after["error"]?["code"] == .integer(-32600))
        client.notify("exit", .null)
        client.server.waitUntilIdle()
        #expect(client.exitCode == 0)
    }

    @Test func exitWithoutShutdownIsCode1() async throws {
        let client = try TestClient()
        try await client.initialize()
        client.notify("exit", .null)
        client.server.waitUntilIdle()
        #expect(client.exitCode == 1)
    }

    @Test func diagnosticsOnOpenChangeSaveAndClose() async throws {
        let client = try TestClient(options: LanguageServer.Options(debounceMilliseconds: 0))
        try await client.initialize()
        let uri = "file:///w/job.json"
        client.open(uri, Self.dirty)
        let first = try await client.waitFor { $0["params"]?["uri"] == .string(uri) }
        let params = try #require(first["params"])
        #expect(params["version"] == .integer(1))
        let diagnostic = try #require(params["diagnostics"]?.arrayValue?.first)
        #expect(diagnostic["code"] == .string("enum"))
        #expect(diagnostic["source"] == .string("reqlint"))
        #expect(diagnostic["severity"] == .integer(1))
        // A model-constraint rule links to the operation's page in the AWS API reference.
        #expect(diagnostic["codeDescription"]?["href"] == .string("https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateInferenceRecommendationsJob.html"))
        #expect(diagnostic["range"] == .object([("start", pos(2, 13)), ("end", pos(2, 22))]))

        client.change(uri, Self.clean, version: 2)
        let second = try await client.waitFor { $0["params"]?["version"] == .integer(2) }
        #expect(second["params"]?["diagnostics"] == .array([]))

        client.notify("textDocument/didSave", .object([("textDocument", .object([("uri", .string(uri))]))]))
        client.server.waitUntilIdle()
        _ = try await client.waitFor { _ in client.publications(uri).count == 3 }

        client.notify("textDocument/didClose", .object([("textDocument", .object([("uri", .string(uri))]))]))
        _ = try await client.waitFor { _ in client.publications(uri).count == 4 }
        #expect(client.publications(uri).last?["params"]?["diagnostics"] == .array([]))
    }

    @Test func relatedInformationAndWarnings() async throws {
        let client = try TestClient()
        try await client.initialize()
        let uri = "file:///w/dup.json"
        let text = "{\"JobName\": \"a\", \"JobType\": \"Default\", \"RoleArn\": \"\(Self.roleArn)\", \"InputConfig\": {}, \"JobName\": \"b\"}"
        client.open(uri, text)
        let published = try await client.waitFor { $0["params"]?["uri"] == .string(uri) }
        let duplicate = try #require(published["params"]?["diagnostics"]?.arrayValue?.first { $0["code"] == .string("duplicate-key") })
        let related = try #require(duplicate["relatedInformation"]?.arrayValue?.first)
        #expect(related["location"]?["uri"] == .string(uri))
        #expect(related["location"]?["range"] == .object([("start", pos(0, 1)), ("end", pos(0, 10))]))
        #expect(related["message"] == .string("first \"JobName\""))
    }

    @Test func debouncedChangesPublishOnlyTheLatestVersion() async throws {
        let client = try TestClient(options: LanguageServer.Options(debounceMilliseconds: 150))
        try await client.initialize()
        let uri = "file:///w/typing.json"
        client.open(uri, Self.dirty)
        _ = try await client.waitFor { _ in client.publications(uri).count == 1 }
        // A burst of changes, as typing sends them (within the debounce delay of each other).
        for version in 2 ... 10 {
            client.change(uri, version % 2 == 0 ? Self.clean : Self.dirty, version: version)
        }
        let last = try await client.waitFor { $0["params"]?["version"] == .integer(10) }
        #expect(last["params"]?["diagnostics"] == .array([]))
        try await Task.sleep(nanoseconds: 400_000_000)
        var versions = client.publications(uri).map { $0["params"]?["version"] }
        #expect(versions == [.integer(1), .integer(10)], "one publication for the burst, for its last version")
        // A change after a pause is published on its own, no sooner than the delay.
        let sent = ContinuousClock.now
        client.change(uri, Self.dirty, version: 11)
        _ = try await client.waitFor { $0["params"]?["version"] == .integer(11) }
        #expect(ContinuousClock.now - sent >= .milliseconds(150))
        versions = client.publications(uri).map { $0["params"]?["version"] }
        #expect(versions == [.integer(1), .integer(10), .integer(11)])
    }

    @Test func staleResultsAreNeverPublishedOverNewerOnes() async throws {
        // Version 2 is analysed slowly, version 3 at once: 3 is published, 2 is dropped.
        let client = try TestClient(options: LanguageServer.Options(debounceMilliseconds: 0), beforeAnalysis: { _, version in
            if version == 2 { usleep(300_000) }
        })
        try await client.initialize()
        let uri = "file:///w/race.json"
        client.open(uri, Self.clean)
        _ = try await client.waitFor { _ in client.publications(uri).count == 1 }
        client.change(uri, Self.dirty, version: 2)
        client.change(uri, Self.clean, version: 3)
        _ = try await client.waitFor { $0["params"]?["version"] == .integer(3) }
        try await Task.sleep(nanoseconds: 500_000_000)
        let versions = client.publications(uri).map { $0["params"]?["version"] }
        #expect(versions == [.integer(1), .integer(3)])
        #expect(client.logs.contains { $0.contains("dropped the diagnostics of version 2") })
    }

    @Test func publishOnSaveOnly() async throws {
        let client = try TestClient()
        try await client.initialize(.object([("publishOn", .string("save"))]))
        let uri = "file:///w/save.json"
        client.open(uri, Self.clean)
        _ = try await client.waitFor { _ in client.publications(uri).count == 1 }
        client.change(uri, Self.dirty, version: 2)
        try await Task.sleep(nanoseconds: 400_000_000)
        #expect(client.publications(uri).count == 1, "no publication on change")
        client.notify("textDocument/didSave", .object([("textDocument", .object([("uri", .string(uri))]))]))
        let saved = try await client.waitFor { $0["params"]?["version"] == .integer(2) }
        #expect(saved["params"]?["diagnostics"]?.arrayValue?.count == 1)
    }

    @Test func unrelatedDocumentsStayQuiet() async throws {
        let client = try TestClient(options: LanguageServer.Options(debounceMilliseconds: 0))
        try await client.initialize()
        client.open("file:///w/package.json", "{\"name\": \"x\", \"version\": \"1.0.0\", \"private\": true, \"scripts\": {}}")
        client.open("file:///w/tsconfig.json", "{\n  // comment\n  \"compilerOptions\": {}\n}", language: "jsonc")
        client.open("file:///w/list.json", "[1, 2, 3]")
        client.open("file:///w/notes.txt", "{\"JobType\": 1}", language: "plaintext")
        for uri in ["file:///w/package.json", "file:///w/tsconfig.json", "file:///w/list.json"] {
            let published = try await client.waitFor { $0["params"]?["uri"] == .string(uri) }
            #expect(published["params"]?["diagnostics"] == .array([]), "\(uri)")
        }
        try await Task.sleep(nanoseconds: 100_000_000)
        #expect(client.publications("file:///w/notes.txt").isEmpty)
        #expect(client.logs.contains { $0.contains("package.json: not") && $0.hasSuffix("not checked") })
        // A request document that is briefly broken while typed keeps its syntax error.
        let uri = "file:///w/req.json"
        client.open(uri, Self.clean)
        _ = try await client.waitFor { _ in client.publications(uri).count == 1 }
        client.change(uri, String(Self.clean.dropLast(3)), version: 2)
        let broken = try await client.waitFor { $0["params"]?["version"] == .integer(2) }
        #expect(broken["params"]?["diagnostics"]?.arrayValue?.first?["code"] == .string("syntax"))
    }

    @Test func yamlDocuments() async throws {
        let client = try TestClient(options: LanguageServer.Options(debounceMilliseconds: 0))
        try await client.initialize()
        let uri = "file:///w/job.yaml"
        client.open(uri, "JobName: j\nJobType: default\nRoleArn: \(Self.roleArn)\nInputConfig: {}\n", language: "yaml")
        let published = try await client.waitFor { $0["params"]?["uri"] == .string(uri) }
        let diagnostic = try #require(published["params"]?["diagnostics"]?.arrayValue?.first)
        #expect(diagnostic["code"] == .string("enum"))
        #expect(diagnostic["range"] == .object([("start", pos(1, 9)), ("end", pos(1, 16))]))
        let doc: JSONValue = .object([("uri", .string(uri))])
        let hover = try await client.request("textDocument/hover", .object([("textDocument", doc), ("position", pos(0, 2))]))
        #expect(hover["result"]?["contents"]?["value"]?.stringValue?.hasPrefix("**`JobName`** — required") == true)
        // A file named *.yml with another language id is linted too; YAML that is not a
        // request stays quiet.
        client.open("file:///w/ci.yml", "steps:\n  - run: make\n", language: "plaintext")
        let quiet = try await client.waitFor { $0["params"]?["uri"] == .string("file:///w/ci.yml") }
        #expect(quiet["params"]?["diagnostics"] == .array([]))
    }

    @Test func hoverFallsBackToPlainText() async throws {
        let client = try TestClient()
        _ = try await client.request("initialize", .object([("capabilities", .object([]))]))
        client.notify("initialized", .object([]))
        let uri = "file:///w/plain.json"
        client.open(uri, Self.clean)
        let hover = try await client.request("textDocument/hover", .object([("textDocument", .object([("uri", .string(uri))])),
                                                                             ("position", pos(1, 5))]))
        #expect(hover["result"]?["contents"]?["kind"] == .string("plaintext"))
        #expect(hover["result"]?["contents"]?["value"]?.stringValue?.hasPrefix("JobName — required") == true)
    }

    @Test func codeActionHoverCompletionOverTheWire() async throws {
        let client = try TestClient(options: LanguageServer.Options(debounceMilliseconds: 0))
        try await client.initialize()
        let uri = "file:///w/job.json"
        client.open(uri, Self.dirty)
        _ = try await client.waitFor { _ in client.publications(uri).count == 1 }
        let doc: JSONValue = .object([("uri", .string(uri))])
        let actions = try await client.request("textDocument/codeAction", .object([
            ("textDocument", doc), ("range", .object([("start", pos(2, 15)), ("end", pos(2, 15))])),
            ("context", .object([("diagnostics", .array([]))])),
        ]))
        let action = try #require(actions["result"]?.arrayValue?.first)
        #expect(action["kind"] == .string("quickfix"))
        #expect(action["title"] == .string("Change to \"Default\""))
        #expect(action["diagnostics"]?.arrayValue?.first?["code"] == .string("enum"))
        let edit = try #require(action["edit"]?["changes"]?[uri]?.arrayValue?.first)
        #expect(edit == .object([("range", .object([("start", pos(2, 14)), ("end", pos(2, 21))])), ("newText", .string("Default"))]))
        // Other kinds requested: nothing.
        let refactor = try await client.request("textDocument/codeAction", .object([
            ("textDocument", doc), ("range", .object([("start", pos(2, 15)), ("end", pos(2, 15))])),
            ("context", .object([("diagnostics", .array([])), ("only", .array([.string("refactor")]))])),
        ]))
        #expect(refactor["result"] == .array([]))

        let hover = try await client.request("textDocument/hover", .object([("textDocument", doc), ("position", pos(1, 5))]))
        #expect(hover["result"]?["contents"]?["kind"] == .string("markdown"))
        #expect(hover["result"]?["contents"]?["value"]?.stringValue?.contains("JobName") == true)
        #expect(hover["result"]?["range"] == .object([("start", pos(1, 2)), ("end", pos(1, 11))]))

        client.change(uri, "{\n  \"JobName\": \"j\",\n  \n}", version: 2)
        let completion = try await client.request("textDocument/completion", .object([("textDocument", doc), ("position", pos(2, 2))]))
        let labels = completion["result"]?["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
        #expect(labels.contains("JobType") && !labels.contains("JobName"))
    }

    /// Positions at the edge of what JSON numbers hold (2^63 - 1) must be answered, not crash
    /// the server: in hover, completion, code actions and a ranged change.
    @Test func hugePositionsAreAnswered() async throws {
        let client = try TestClient(options: LanguageServer.Options(debounceMilliseconds: 0))
        try await client.initialize()
        let uri = "file:///w/huge.json"
        client.open(uri, Self.dirty)
        _ = try await client.waitFor { _ in client.publications(uri).count == 1 }
        let doc: JSONValue = .object([("uri", .string(uri))])
        let huge = JSONValue.object([("line", .integer(Int64.max)), ("character", .integer(Int64.max))])
        let edge = JSONValue.object([("line", .integer(1)), ("character", .integer(Int64.max))])
        for position in [huge, edge] {
            let hover = try await client.request("textDocument/hover", .object([("textDocument", doc), ("position", position)]))
            #expect(hover["error"] == nil)
            let completion = try await client.request("textDocument/completion", .object([("textDocument", doc), ("position", position)]))
            #expect(completion["error"] == nil)
            let actions = try await client.request("textDocument/codeAction", .object([
                ("textDocument", doc), ("range", .object([("start", position), ("end", position)])),
                ("context", .object([("diagnostics", .array([]))])),
            ]))
            #expect(actions["error"] == nil)
        }
        client.notify("textDocument/didChange", .object([
            ("textDocument", .object([("uri", .string(uri)), ("version", .integer(2))])),
            ("contentChanges", .array([.object([("range", .object([("start", edge), ("end", huge)])), ("text", .string("\n"))])])),
        ]))
        let after = try await client.request("textDocument/hover", .object([("textDocument", doc), ("position", pos(1, 5))]))
        #expect(after["error"] == nil)
    }

    /// After each kind of malformed frame, the next valid request is answered.
    @Test func answersAfterMalformedFrames() async throws {
        let client = try TestClient()
        try await client.initialize()
        for hostile in ["Content-Length: -5\r\n\r\n{}", "Content-Length: 1000000000000\r\n\r\n{}",
                        "Content-Length: 123456789012345678901234567890\r\n\r\n{}", "Content-Length: 900\r\n\r\n{}",
                        #"{"jsonrpc":"2.0","id":77,"method":"shutdown"}"#] {
            client.writeRaw(Array(hostile.utf8))
            let hover = try await client.request("textDocument/hover", .object([
                ("textDocument", .object([("uri", .string("file:///w/none.json"))])), ("position", pos(0, 0)),
            ]))
            #expect(hover["id"] != nil, "no answer after \(hostile)")
        }
    }

    /// Hover and completion 40,000 levels deep answer at once (they were quadratic: 34 s),
    /// and the next request is not held up behind them.
    @Test func deepDocumentsAreAnsweredQuickly() async throws {
        let client = try TestClient(options: LanguageServer.Options(debounceMilliseconds: 0))
        try await client.initialize()
        let depth = 40_000
        let text = #"{"JobName":"x","Tags":"# + String(repeating: #"{"a":"#, count: depth) + "{}" + String(repeating: "}", count: depth) + "}"
        let uri = "file:///w/deep.json"
        client.open(uri, text)
        // The document's own lint first (the suite runs many tests at once on a small machine):
        // what is measured is hover and completion.
        _ = try await client.waitFor { _ in !client.publications(uri).isEmpty }
        let doc: JSONValue = .object([("uri", .string(uri))])
        let position = pos(0, 22 + 5 * depth + 1)
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            let completion = try await client.request("textDocument/completion", .object([("textDocument", doc), ("position", position)]))
            #expect(completion["error"] == nil)
            let hover = try await client.request("textDocument/hover", .object([("textDocument", doc), ("position", position)]))
            #expect(hover["error"] == nil)
        }
        #expect(elapsed < .seconds(20), "took \(elapsed)")  // quadratic was minutes in a debug build
    }

    /// One server for JSON and YAML (eglot): every file arrives with the first file's language
    /// id; the file's extension decides.
    @Test func theFileExtensionWinsOverAContradictingLanguageId() async throws {
        let client = try TestClient(options: LanguageServer.Options(debounceMilliseconds: 0))
        try await client.initialize()
        client.open("file:///w/job.yaml", "JobName: ok\nJobType: default\nRoleArn: arn:aws:iam::123456789012:role/R\nInputConfig: {}\n", language: "json")
        let yaml = try await client.waitFor { $0["params"]?["uri"] == .string("file:///w/job.yaml") }
        let codes = yaml["params"]?["diagnostics"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(codes == ["enum"], "\(yaml)")
        let uri = "file:///w/job.json"
        client.open(uri, Self.dirty, language: "yaml")
        _ = try await client.waitFor { _ in client.publications(uri).count == 1 }
        let actions = try await client.request("textDocument/codeAction", .object([
            ("textDocument", .object([("uri", .string(uri))])), ("range", .object([("start", pos(2, 15)), ("end", pos(2, 15))])),
            ("context", .object([("diagnostics", .array([]))])),
        ]))
        #expect(actions["result"]?.arrayValue?.first?["title"] == .string("Change to \"Default\""), "\(actions)")
        // Emacs 28 opens .json files in js-mode.
        client.open("file:///w/other.json", Self.dirty, language: "javascript")
        let js = try await client.waitFor { $0["params"]?["uri"] == .string("file:///w/other.json") }
        #expect(js["params"]?["diagnostics"]?.arrayValue?.isEmpty == false)
    }
}
