/// `lint`'s command line split into options and paths, so that ArgumentParser parses only the
/// options (see ``ReqLint/lintCommand(_:)``).
enum LintArguments {
    /// Options that take a value (`--format json`, `--format=json`, `-f json`).
    static let valued: Set<String> = ["--format", "-f", "--output", "--operation", "--config", "--fail-level", "--baseline",
                                      "--write-baseline", "--stdin-filename", "--color", "--jobs", "-j", "--files-from"]
    /// Options that take none.
    static let flags: Set<String> = ["--no-suppressions", "--force-exclude", "--skip-non-requests", "--quiet", "-q", "--fix", "--dry-run"]

    /// The options (with their values) and the paths, or `nil` for anything this table does
    /// not know (help, a misspelled option, combined short flags): ArgumentParser then parses
    /// the whole command line and says what is wrong.
    static func split(_ arguments: [String]) -> (options: [String], paths: [String], positions: [Int])? {
        var options: [String] = []
        var paths: [String] = []
        var positions: [Int] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                paths += arguments[index...]
                positions += Array(index ..< arguments.count)
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                paths.append(argument)
                positions.append(index - 1)
                continue
            }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if flags.contains(argument) {
                options.append(argument)
            } else if valued.contains(name) {
                options.append(argument)
                if name == argument {
                    guard index < arguments.count else { return nil }
                    options.append(arguments[index])
                    index += 1
                }
            } else {
                return nil
            }
        }
        return (options, paths, positions)
    }

    /// The bytes of the paths of the last ``split(_:)`` that ``ReqLint/lintCommand(_:)`` used,
    /// by position in the process's arguments (set once, before the command runs).
    nonisolated(unsafe) static var rawPaths: [[UInt8]]?
}

