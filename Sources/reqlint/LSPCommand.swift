import ArgumentParser
import ReqLintLSP

/// `reqlint lsp`: the language server, over standard input and output.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server (LSP over standard input and output) for editors.",
        discussion: """
        Diagnostics as you type, quick fixes, hover and completion for request documents \
        (languages json, jsonc and yaml, or files named *.json, *.yaml, *.yml). \
        Initialization options: {"publishOn": "change" | "save", "debounceMilliseconds": 150}. \
        Logs go to standard error.
        """
    )

    @Option(name: .long, help: "When to publish diagnostics: change (debounced, the default) or save.")
    var publishOn: String = "change"

    func validate() throws {
        if LanguageServer.PublishOn(rawValue: publishOn) == nil { throw ValidationError("--publish-on takes change or save") }
    }

    func run() throws {
        StdioServer.run(serverVersion: ReqLint.version,
                        options: LanguageServer.Options(publishOn: LanguageServer.PublishOn(rawValue: publishOn) ?? .change))
    }
}
