// The language server: see LanguageServer.
