import ReqLintCore
import ReqLintReport

extension Workspace {
    /// The extensions a folder walk picks up.
    public static let extensions = [".json", ".yaml", ".yml"]

    /// The files to lint for the paths named on the command line (`-` is standard input,
    /// named `stdinName`), and the paths that could not be used.
    ///
    /// `rawPaths`, when given, holds for each path its bytes when they are not valid UTF-8 (the
    /// `String` then has U+FFFD for the bad bytes): such a file is opened by its bytes and shown
    /// with `\xNN` for each bad byte.
    public func plan(_ paths: [String], stdinName: String?, stdin: () -> Result<[UInt8], FileSystemError>, forceExclude: Bool = false,
                     rawPaths: [[UInt8]?] = []) -> (inputs: [Input], problems: [String]) {
        var inputs: [Input] = []
        var problems: [String] = []
        for (index, path) in paths.enumerated() {
            if path == "-" {
                let name = stdinName ?? "<stdin>"
                let absolute = FileSystem.absolute(stdinName ?? "stdin.json", from: workingDirectory)
                var input = Input(path: name, absolutePath: absolute, explicit: true, configuration: configuration(for: absolute), contents: [])
                switch stdin() {
                case let .success(bytes): input.contents = bytes
                case let .failure(error): input.contentsError = error
                }
                inputs.append(input)
                continue
            }
            let absolute = FileSystem.absolute(path, from: workingDirectory)
            if index < rawPaths.count, let raw = rawPaths[index], String(validating: raw, as: UTF8.self) == nil {
                let absoluteRaw = raw.first == UInt8(ascii: "/") ? raw : Array(workingDirectory.utf8) + [UInt8(ascii: "/")] + raw
                let shown = FileSystem.displayName(raw)
                let kind = FileSystem.kind(raw: absoluteRaw)
                if kind == .directory {
                    var visited = Set<[UInt8]>()
                    walk(absolute, raw: absoluteRaw, shown: shown.hasSuffix("/") ? String(shown.dropLast()) : shown, shownRaw: raw,
                         into: &inputs, problems: &problems, ignores: gitignores(above: absolute), visited: &visited)
                } else {
                    inputs.append(Input(path: shown, absolutePath: absolute, explicit: true, configuration: configuration(for: absolute),
                                        contents: nil, rawPath: absoluteRaw, shownRaw: raw))
                }
                continue
            }
            if FileSystem.kind(absolute) == .directory {
                walk(absolute, shown: path.hasSuffix("/") ? String(path.dropLast()) : path, into: &inputs, problems: &problems, ignores: gitignores(above: absolute))
            } else {
                let configuration = configuration(for: absolute)
                if forceExclude, let relative = FileSystem.relative(absolute, to: configuration.configuration.directory),
                   !configuration.configuration.includes(relative) { continue }
                inputs.append(Input(path: path, absolutePath: absolute, explicit: true, configuration: configuration, contents: nil))
            }
        }
        return (inputs, problems)
    }

    /// A `.gitignore` pattern and the folder it is relative to.
    struct IgnoreRule {
        var glob: Glob
        var negated: Bool
        var base: String
    }

    func walk(_ directory: String, shown: String, into inputs: inout [Input], problems: inout [String], ignores: [IgnoreRule]) {
        var visited = Set<[UInt8]>()
        walk(directory, raw: nil, shown: shown, into: &inputs, problems: &problems, ignores: ignores, visited: &visited)
    }

    /// Walks `directory` (`raw`: its bytes, when a name in it is not UTF-8).
    private func walk(_ directory: String, raw: [UInt8]?, shown: String, shownRaw: [UInt8]? = nil, into inputs: inout [Input], problems: inout [String],
                      ignores: [IgnoreRule], visited: inout Set<[UInt8]>) {
        let rawDirectory = raw ?? Array(directory.utf8)
        guard let real = FileSystem.realPath(raw: rawDirectory), visited.insert(real).inserted else { return }
        let entries: [FileSystem.Entry]
        switch FileSystem.entries(raw: rawDirectory) {
        case let .success(list): entries = list
        case let .failure(error):
            problems.append(error.description)
            return
        }
        let ignores = ignores + gitignore(in: directory)
        // Sorted by bytes, each name's bytes taken once (not twice per comparison).
        let sorted = entries.map { (bytes: $0.raw ?? Array($0.name.utf8), entry: $0) }
            .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
            .map(\.entry)
        for entry in sorted where !entry.name.hasPrefix(".") {
            let name = entry.name
            let path = directory + "/" + name
            let rawPath: [UInt8]? = raw != nil || entry.raw != nil ? rawDirectory + [UInt8(ascii: "/")] + (entry.raw ?? Array(name.utf8)) : nil
            let display = shown == "." ? name : shown + "/" + name
            let displayRaw: [UInt8]? = shownRaw != nil || entry.raw != nil
                ? (shown == "." ? [] : (shownRaw ?? Array(shown.utf8)) + [UInt8(ascii: "/")]) + (entry.raw ?? Array(name.utf8)) : nil
            let kind = FileSystem.kind(raw: rawPath ?? Array(path.utf8))
            guard kind == .directory || (kind == .file && Self.extensions.contains(where: { name.hasSuffix($0) })) else { continue }
            if isIgnored(path, isDirectory: kind == .directory, by: ignores) { continue }
            if kind == .directory {
                walk(path, raw: rawPath, shown: display, shownRaw: displayRaw, into: &inputs, problems: &problems, ignores: ignores, visited: &visited)
                continue
            }
            let configuration = configuration(for: path)
            if let relative = FileSystem.relative(path, to: configuration.configuration.directory), !configuration.configuration.includes(relative) {
                continue
            }
            inputs.append(Input(path: display, absolutePath: path, explicit: false, configuration: configuration, contents: nil, rawPath: rawPath,
                                shownRaw: displayRaw))
        }
    }

    /// The `.gitignore` rules of the folders above `directory`, up to the repository root.
    func gitignores(above directory: String) -> [IgnoreRule] {
        var folders: [String] = []
        var current = FileSystem.parent(directory)
        var isRoot = FileSystem.kind(directory + "/.git") != .missing
        while !isRoot, current != "/" {
            folders.append(current)
            isRoot = FileSystem.kind(current + "/.git") != .missing
            current = FileSystem.parent(current)
        }
        return folders.reversed().flatMap(gitignore(in:))
    }

    func gitignore(in directory: String) -> [IgnoreRule] {
        guard case let .success(bytes) = FileSystem.read(directory + "/.gitignore") else { return [] }
        var rules: [IgnoreRule] = []
        for raw in String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            var line = String(raw)
            while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let negated = line.hasPrefix("!")
            if negated { line.removeFirst() }
            rules.append(IgnoreRule(glob: Glob(line), negated: negated, base: directory))
        }
        return rules
    }

    func isIgnored(_ path: String, isDirectory: Bool, by rules: [IgnoreRule]) -> Bool {
        var ignored = false
        for rule in rules {
            guard let relative = FileSystem.relative(path, to: rule.base) else { continue }
            if rule.glob.matches(relative, isDirectory: isDirectory) { ignored = !rule.negated }
        }
        return ignored
    }

    // MARK: Configuration reports

    /// Reports for configuration problems and for suppressions that applied to a linted file
    /// but matched nothing (warnings on the configuration file, so stale ones get removed).
    /// A suppression of a `preflight/` rule is judged only after preflight checks ran
    /// (`preflightChecked`): `lint` and a plain `send` never see those findings.
    public func configurationReports(preflightChecked: Bool = false) -> [FileReport] {
        var reports: [FileReport] = []
        for resolved in loadOrder {
            var report = resolved.report
            if suppressionsEnabled, let path = resolved.configuration.path {
                let stale = resolved.lock.withLock { resolved.applicableSuppressions.subtracting(resolved.matchedSuppressions) }
                    .filter { preflightChecked || !resolved.configuration.suppressions[$0].rule.rawValue.hasPrefix("preflight/") }
                if !stale.isEmpty, case let .success(bytes) = FileSystem.read(FileSystem.absolute(path, from: workingDirectory)) {
                    let lines = LineTable(bytes)
                    var located = report?.diagnostics ?? []
                    for index in stale.sorted() {
                        let s = resolved.configuration.suppressions[index]
                        let d = Diagnostic(rule: "config", severity: .warning,
                                           message: "this suppression (\(s.rule)\(s.pointer.map { " at \($0)" } ?? "") in \(s.files)) matched no finding: remove it",
                                           pointer: JSONPointer(tokens: ["suppressions", String(index)]), range: s.range)
                        located.append(LocatedDiagnostic(d, lines: lines))
                    }
                    report = FileReport(path: path, operation: nil, diagnostics: located, failed: report?.failed ?? false)
                }
            }
            if let report { reports.append(report) }
            reports += resolved.ruleFileReports
        }
        return reports
    }
}
