import Dispatch
import ReqLintCore
import ReqLintReport

/// reqlint's language server: diagnostics as you type, quick fixes, hover and completion for
/// AWS request documents.
///
/// Threading: every piece of state lives on one serial queue (`queue`): incoming bytes are
/// framed there, messages handled there in order, and every message is sent from there.
/// Linting runs on a concurrent queue on a copy of the text; its result hops back to `queue`
/// and is published only if the document is still at the generation it was computed for, so
/// a slow stale lint can never overwrite the diagnostics of a newer version. didChange
/// schedules its lint after a debounce delay; a newer change makes the pending one a no-op.
///
/// The transport is two closures, so tests drive the server in-process: bytes go in through
/// ``receive(_:)``, framed messages come out of `output`.
public final class LanguageServer: @unchecked Sendable {
    public enum PublishOn: String, Sendable {
        /// On open, on every change (debounced) and on save.
        case change
        /// On open and on save only.
        case save
    }

    public struct Options: Sendable {
        /// The delay between a didChange and its lint (newer changes within it supersede it).
        public var debounceMilliseconds: Int = 150
        public var publishOn: PublishOn = .change
        public var serverVersion: String = "0"

        public init(debounceMilliseconds: Int = 150, publishOn: PublishOn = .change, serverVersion: String = "0") {
            self.debounceMilliseconds = debounceMilliseconds
            self.publishOn = publishOn
            self.serverVersion = serverVersion
        }
    }

    struct OpenDocument {
        var uri: String
        var syntax: DocumentSyntax
        var version: Int?
        var bytes: [UInt8]
        /// Bumped on every content change; results are published only for the current one.
        var generation: Int
        /// The analysis of the current generation, once computed.
        var analysis: DocumentAnalysis?
        /// The operation of the last version that had one.
        var lastOperation: OperationID?
    }

    enum Lifecycle { case uninitialized, running, shuttingDown, exited }

    let queue = DispatchQueue(label: "reqlint.lsp.server")
    let lintQueue = DispatchQueue(label: "reqlint.lsp.lint", attributes: .concurrent)
    let analyzer: DocumentAnalyzer
    /// `.reqlint.yaml` lookups (used on the server's queue only).
    let configurationCache: ConfigurationCache
    let output: @Sendable ([UInt8]) -> Void
    let logSink: @Sendable (String) -> Void
    let onExit: @Sendable (Int32) -> Void
    /// The options given at creation; `initialize` may override them.
    public private(set) var options: Options
    /// Tests only: runs on the lint queue before a version of a document is analysed.
    public var beforeAnalysis: (@Sendable (_ uri: String, _ version: Int?) -> Void)?

    var framer = MessageFramer()
    var lifecycle = Lifecycle.uninitialized
    var documents: [String: OpenDocument] = [:]
    var nextGeneration = 0
    /// Whether the client renders Markdown in hovers and completion documentation (it must
    /// say so; otherwise plain text is sent).
    var hoverMarkdown = false
    var completionMarkdown = false
    let helpURIs: [RuleID: String]

    /// - Parameters:
    ///   - output: receives each framed message, in order, from the server's queue.
    ///   - log: receives log lines (the stdio server writes them to standard error).
    ///   - onExit: called on the `exit` notification with the exit code (0 after `shutdown`).
    public init(registry: OperationRegistry, options: Options = Options(),
                output: @escaping @Sendable ([UInt8]) -> Void,
                log: @escaping @Sendable (String) -> Void = { _ in },
                onExit: @escaping @Sendable (Int32) -> Void = { _ in }) {
        analyzer = DocumentAnalyzer(registry: registry)
        configurationCache = ConfigurationCache(registry: registry)
        self.options = options
        self.output = output
        logSink = log
        self.onExit = onExit
        var uris: [RuleID: String] = [:]
        for descriptor in RuleDocumentation.descriptors(registry) {
            if let url = descriptor.sourceURL { uris[descriptor.id] = url }
            else if !RuleCatalog.modelConstraintRules.contains(descriptor.id) { uris[descriptor.id] = descriptor.helpURI }
        }
        helpURIs = uris
    }

    // MARK: Input

    /// Feeds bytes from the client (any split: partial messages, several at once).
    public func receive(_ bytes: [UInt8]) {
        queue.async { self.consume(bytes) }
    }

    /// Blocks until everything received so far is handled (lints still running may publish later).
    public func waitUntilIdle() { queue.sync {} }

    /// Whether `shutdown` was received (the exit code at the end of input depends on it).
    public var receivedShutdown: Bool { queue.sync { lifecycle == .shuttingDown || lifecycle == .exited } }

    func consume(_ bytes: [UInt8]) {
        guard lifecycle != .exited else { return }
        for event in framer.push(bytes) {
            switch event {
            case let .message(body): handle(JSONRPC.decode(body))
            case let .malformed(problem):
                log("malformed message header: \(problem)")
                send(JSONRPC.error(id: nil, code: .parseError, message: "malformed message header: \(problem)"))
            }
            if lifecycle == .exited { return }
        }
    }

    func handle(_ message: JSONRPC.Message) {
        switch message {
        case let .invalid(id, code, text):
            log("invalid message: \(text)")
            send(JSONRPC.error(id: id, code: code, message: text))
        case .response:
            break
        case let .notification(method, params):
            handleNotification(method, params ?? .object([]))
        case let .request(id, method, params):
            switch lifecycle {
            case .uninitialized where method != "initialize":
                send(JSONRPC.error(id: id, code: .serverNotInitialized, message: "the server is not initialized: send initialize first"))
                return
            case .shuttingDown, .exited:
                send(JSONRPC.error(id: id, code: .invalidRequest, message: "the server is shutting down"))
                return
            default: break
            }
            switch handleRequest(method, params ?? .object([])) {
            case let .success(result): send(JSONRPC.response(id: id, result: result))
            case let .failure(error): send(JSONRPC.error(id: id, code: error.code, message: error.message))
            }
        }
    }

    struct RequestError: Error {
        var code: JSONRPC.ErrorCode
        var message: String
    }

    func handleRequest(_ method: String, _ params: JSONValue) -> Result<JSONValue, RequestError> {
        switch method {
        case "initialize":
            guard lifecycle == .uninitialized else { return .failure(RequestError(code: .invalidRequest, message: "initialize was already received")) }
            return .success(initialize(params))
        case "shutdown":
            lifecycle = .shuttingDown
            return .success(.null)
        case "textDocument/codeAction":
            return withDocument(params) { .success(codeActions($0, params)) }
        case "textDocument/hover":
            return withDocument(params) { .success(hover($0, params)) }
        case "textDocument/completion":
            return withDocument(params) { .success(completion($0, params)) }
        default:
            return .failure(RequestError(code: .methodNotFound, message: "method not found: \(method)"))
        }
    }

    func withDocument(_ params: JSONValue, _ body: (String) -> Result<JSONValue, RequestError>) -> Result<JSONValue, RequestError> {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else {
            return .failure(RequestError(code: .invalidParams, message: "textDocument.uri is required"))
        }
        return body(uri)
    }

    func handleNotification(_ method: String, _ params: JSONValue) {
        if method == "exit" {
            let code: Int32 = lifecycle == .shuttingDown ? 0 : 1
            lifecycle = .exited
            onExit(code)
            return
        }
        guard lifecycle == .running else { return }
        switch method {
        case "initialized": break
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didSave": didSave(params)
        case "textDocument/didClose": didClose(params)
        default: break // Notifications are never answered, known or not ($/cancelRequest, ...).
        }
    }

    // MARK: Lifecycle

    func initialize(_ params: JSONValue) -> JSONValue {
        if let init_ = params["initializationOptions"] {
            if let publishOn = init_["publishOn"]?.stringValue {
                if let value = PublishOn(rawValue: publishOn) { options.publishOn = value } else { log("unknown publishOn \"\(publishOn)\"; expected change or save") }
            }
            if let debounce = (init_["debounceMilliseconds"] ?? init_["debounceMs"])?.doubleValue, debounce >= 0, debounce < 60_000 {
                options.debounceMilliseconds = Int(debounce)
            }
        }
        let textDocument = params["capabilities"]?["textDocument"]
        hoverMarkdown = textDocument?["hover"]?["contentFormat"]?.arrayValue?.contains(.string("markdown")) ?? false
        completionMarkdown = textDocument?["completion"]?["completionItem"]?["documentationFormat"]?.arrayValue?
            .contains(.string("markdown")) ?? false
        lifecycle = .running
        log("initialized: publishOn=\(options.publishOn.rawValue) debounce=\(options.debounceMilliseconds)ms")
        let capabilities: JSONValue = .object([
            ("positionEncoding", .string("utf-16")),
            ("textDocumentSync", .object([
                ("openClose", .bool(true)),
                ("change", .integer(1)),
                ("save", .object([("includeText", .bool(true))])),
            ])),
            ("hoverProvider", .bool(true)),
            ("completionProvider", .object([
                ("triggerCharacters", .array([.string("\""), .string(":"), .string(" ")])),
                ("resolveProvider", .bool(false)),
            ])),
            ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
        ])
        return .object([
            ("capabilities", capabilities),
            ("serverInfo", .object([("name", .string("reqlint")), ("version", .string(options.serverVersion))])),
        ])
    }

    // MARK: Documents

    /// The configuration of a document: the `.reqlint.yaml` that governs `uri`, found as the
    /// command line finds it (from the file's folder up to the repository root). Its
    /// operation mapping, rule settings and suppressions apply; a changed configuration file
    /// is read again (checked by modification time on every lint).
    func configuration(for uri: String) -> DocumentConfiguration {
        guard let path = ConfigurationCache.filePath(fromURI: uri) else { return DocumentConfiguration() }
        return configurationCache.configuration(for: path)
    }

    func didOpen(_ params: JSONValue) {
        guard let item = params["textDocument"], let uri = item["uri"]?.stringValue, let text = item["text"]?.stringValue else {
            log("didOpen without textDocument.uri and text; ignored")
            return
        }
        guard let syntax = DocumentSyntax.of(uri: uri, languageId: item["languageId"]?.stringValue) else {
            log("\(uri): not JSON or YAML (language \(item["languageId"]?.stringValue ?? "?")); not linted")
            return
        }
        nextGeneration += 1
        documents[uri] = OpenDocument(uri: uri, syntax: syntax, version: Self.int(item["version"]), bytes: Array(text.utf8),
                                      generation: nextGeneration, analysis: nil, lastOperation: nil)
        schedule(uri, delay: 0)
    }

    func didChange(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, var document = documents[uri] else { return }
        for change in params["contentChanges"]?.arrayValue ?? [] {
            guard let text = change["text"]?.stringValue else { continue }
            if let range = LSPRange(json: change["range"]) {
                // An incremental change from a client that ignored the sync kind: apply it.
                let converter = PositionConverter(document.bytes)
                let start = converter.offset(of: range.start)
                let end = max(start, converter.offset(of: range.end))
                document.bytes.replaceSubrange(start ..< end, with: Array(text.utf8))
            } else {
                document.bytes = Array(text.utf8)
            }
        }
        document.version = Self.int(params["textDocument"]?["version"]) ?? document.version
        nextGeneration += 1
        document.generation = nextGeneration
        document.analysis = nil
        documents[uri] = document
        if options.publishOn == .change { schedule(uri, delay: options.debounceMilliseconds) }
    }

    func didSave(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, var document = documents[uri] else { return }
        if let text = params["text"]?.stringValue, Array(text.utf8) != document.bytes {
            document.bytes = Array(text.utf8)
            nextGeneration += 1
            document.generation = nextGeneration
            document.analysis = nil
            documents[uri] = document
        }
        schedule(uri, delay: 0)
    }

    func didClose(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else { return }
        guard documents.removeValue(forKey: uri) != nil else { return }
        send(JSONRPC.notification("textDocument/publishDiagnostics", .object([("uri", .string(uri)), ("diagnostics", .array([]))])))
    }

    static func int(_ value: JSONValue?) -> Int? {
        guard case let .integer(i)? = value else { return nil }
        return Int(i)
    }

    // MARK: Linting and publishing

    /// Lints the current generation of `uri` after `delay` milliseconds, unless a newer change
    /// comes first.
    func schedule(_ uri: String, delay: Int) {
        guard let generation = documents[uri]?.generation else { return }
        if delay <= 0 {
            startAnalysis(uri, generation)
        } else {
            queue.asyncAfter(deadline: .now() + .milliseconds(delay)) { self.startAnalysis(uri, generation) }
        }
    }

    func startAnalysis(_ uri: String, _ generation: Int) {
        guard lifecycle != .exited, let document = documents[uri], document.generation == generation else { return }
        let analyzer = self.analyzer
        let configuration = configuration(for: uri)
        let hook = beforeAnalysis
        lintQueue.async {
            hook?(uri, document.version)
            let analysis = analyzer.analyze(document.bytes, syntax: document.syntax, configuration: configuration,
                                            previousOperation: document.lastOperation)
            self.queue.async { self.finishAnalysis(uri, generation, document.version, analysis) }
        }
    }

    func finishAnalysis(_ uri: String, _ generation: Int, _ version: Int?, _ analysis: DocumentAnalysis) {
        guard lifecycle != .exited, var document = documents[uri] else { return }
        // The version check: a result for anything but the current text is dropped.
        guard document.generation == generation else {
            log("\(uri): dropped the diagnostics of version \(version.map(String.init) ?? "?"): the document has changed since")
            return
        }
        document.analysis = analysis
        if let operation = analysis.operation { document.lastOperation = operation }
        documents[uri] = document
        publish(uri, version: version, analysis)
    }

    func publish(_ uri: String, version: Int?, _ analysis: DocumentAnalysis) {
        var diagnostics = analysis.diagnostics
        if let hint = analysis.hint {
            logMessage("\(uri): \(hint)")
            // A document that looks like a request for more than one operation gets one
            // informational note; an unrelated JSON file gets nothing.
            if analysis.outcome == .undetermined, hint.hasPrefix("cannot tell") {
                diagnostics = [Diagnostic(rule: .unknownOperation, severity: .info, message: "reqlint: " + hint, pointer: .root, range: .at(0))]
            }
        }
        let converter = PositionConverter(analysis.bytes)
        var params: [(String, JSONValue)] = [("uri", .string(uri))]
        if let version { params.append(("version", .integer(Int64(version)))) }
        params.append(("diagnostics", .array(diagnostics.map { lspDiagnostic($0, uri: uri, operation: analysis.operation, converter) })))
        send(JSONRPC.notification("textDocument/publishDiagnostics", .object(params)))
    }

    func lspDiagnostic(_ diagnostic: Diagnostic, uri: String, operation: OperationID? = nil, _ converter: PositionConverter) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("range", converter.range(of: diagnostic.range).json),
            ("severity", .integer(Self.severity(diagnostic.severity))),
            ("code", .string(diagnostic.rule.rawValue)),
        ]
        // A documented rule links to its source page; a model rule to the operation's page in
        // the AWS API reference; anything else (YAML, unknown operation) to the catalogue.
        let href = helpURIs[diagnostic.rule]
            ?? (RuleCatalog.modelConstraintRules.contains(diagnostic.rule) ? operation.map(BuildInfo.apiReferenceURL) : nil)
            ?? RuleCatalog.descriptor(diagnostic.rule).helpURI
        members.append(("codeDescription", .object([("href", .string(href))])))
        members.append(("source", .string("reqlint")))
        members.append(("message", .string(diagnostic.message)))
        if !diagnostic.related.isEmpty {
            members.append(("relatedInformation", .array(diagnostic.related.map { related in
                .object([
                    ("location", .object([("uri", .string(uri)), ("range", converter.range(of: related.range).json)])),
                    ("message", .string(related.message)),
                ])
            })))
        }
        members.append(("data", .object([("pointer", .string(diagnostic.pointer.description))])))
        return .object(members)
    }

    static func severity(_ severity: Severity) -> Int64 {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .info: return 3
        }
    }

    /// The analysis of the current text of `uri`, computed now if the scheduled one has not
    /// finished (requests answer for the text they were sent about).
    func currentAnalysis(_ uri: String) -> DocumentAnalysis? {
        guard var document = documents[uri] else { return nil }
        if let analysis = document.analysis { return analysis }
        let analysis = analyzer.analyze(document.bytes, syntax: document.syntax, configuration: configuration(for: uri),
                                        previousOperation: document.lastOperation)
        document.analysis = analysis
        if let operation = analysis.operation { document.lastOperation = operation }
        documents[uri] = document
        return analysis
    }

    // MARK: Features

    func codeActions(_ uri: String, _ params: JSONValue) -> JSONValue {
        if let only = params["context"]?["only"]?.arrayValue?.compactMap(\.stringValue),
           !only.contains(where: { $0 == "quickfix" || $0.isEmpty }) {
            return .array([])
        }
        guard let analysis = currentAnalysis(uri), let range = LSPRange(json: params["range"]) else { return .array([]) }
        let converter = PositionConverter(analysis.bytes)
        let start = converter.offset(of: range.start)
        let end = converter.offset(of: range.end)
        var actions: [JSONValue] = []
        for diagnostic in analysis.diagnostics {
            // Diagnostics that touch the range (an empty range at the cursor counts inside).
            guard diagnostic.range.start <= end, start <= diagnostic.range.end else { continue }
            for fix in QuickFixProvider.fixes(for: diagnostic, in: analysis, registry: registry(for: uri)) {
                let edits: [JSONValue] = fix.edits.map { edit in
                    .object([("range", converter.range(of: edit.range).json), ("newText", .string(edit.newText))])
                }
                actions.append(.object([
                    ("title", .string(fix.title)),
                    ("kind", .string("quickfix")),
                    ("diagnostics", .array([lspDiagnostic(diagnostic, uri: uri, converter)])),
                    ("isPreferred", .bool(fix.isPreferred)),
                    ("edit", .object([("changes", .object([(uri, .array(edits))]))])),
                ]))
            }
        }
        return .array(actions)
    }

    /// The rules that judge `uri`: its configuration's `model:`, else the server's.
    func registry(for uri: String) -> OperationRegistry {
        configuration(for: uri).models?.linter.registry ?? analyzer.registry
    }

    func hover(_ uri: String, _ params: JSONValue) -> JSONValue {
        guard let analysis = currentAnalysis(uri), let position = LSPPosition(json: params["position"]) else { return .null }
        let converter = PositionConverter(analysis.bytes)
        var analysisWithOperation = analysis
        if analysisWithOperation.operation == nil { analysisWithOperation.operation = documents[uri]?.lastOperation }
        guard let result = HoverProvider.hover(analysisWithOperation, offset: converter.offset(of: position), registry: registry(for: uri)) else {
            return .null
        }
        return .object([
            ("contents", markup(result.markdown, markdown: hoverMarkdown)),
            ("range", converter.range(of: result.range).json),
        ])
    }

    func completion(_ uri: String, _ params: JSONValue) -> JSONValue {
        guard let document = documents[uri], document.syntax == .json, let position = LSPPosition(json: params["position"]) else {
            return .object([("isIncomplete", .bool(false)), ("items", .array([]))])
        }
        let analysis = currentAnalysis(uri)
        let operation = analysis?.operation ?? documents[uri]?.lastOperation
        let converter = PositionConverter(document.bytes)
        let items = CompletionProvider.items(bytes: document.bytes, offset: converter.offset(of: position), operation: operation,
                                             registry: registry(for: uri))
        return .object([("isIncomplete", .bool(false)), ("items", .array(items.map { item in
            var members: [(String, JSONValue)] = [
                ("label", .string(item.label)),
                ("kind", .integer(item.kind)),
            ]
            if let detail = item.detail { members.append(("detail", .string(detail))) }
            if let doc = item.documentation, !doc.isEmpty {
                members.append(("documentation", markup(doc, markdown: completionMarkdown)))
            }
            members.append(("sortText", .string(item.sortText)))
            members.append(("filterText", .string(item.filterText)))
            members.append(("textEdit", .object([("range", converter.range(of: item.range).json), ("newText", .string(item.newText))])))
            return .object(members)
        }))])
    }

    /// MarkupContent: the Markdown as is, or as plain text with its markup taken out.
    func markup(_ text: String, markdown: Bool) -> JSONValue {
        .object([("kind", .string(markdown ? "markdown" : "plaintext")), ("value", .string(markdown ? text : HTMLText.markupRemoved(text)))])
    }

    // MARK: Output

    func send(_ message: JSONValue) {
        output(JSONRPC.encode(message))
    }

    /// Logs, and shows the line in the client's log too (window/logMessage, type Info).
    func logMessage(_ message: String) {
        log(message)
        guard lifecycle == .running else { return }
        send(JSONRPC.notification("window/logMessage", .object([("type", .integer(3)), ("message", .string("reqlint: " + message))])))
    }

    /// Logs to the log sink (standard error for the stdio server).
    func log(_ message: String) {
        logSink("reqlint-lsp: " + message)
    }
}
