#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands the paths named on the command line into the files to lint.
enum FileWalk {
    /// The extensions a directory walk picks up.
    static let extensions = [".json"]

    /// Files to lint (named files as given, directories searched recursively and sorted) and
    /// the paths that could not be used.
    static func expand(_ paths: [String]) -> (files: [String], problems: [String]) {
        var files: [String] = []
        var problems: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                // Reported as an unreadable file by the linter, with the system's reason.
                files.append(path)
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                var visited = Set<String>()
                walk(path, into: &files, visited: &visited, problems: &problems)
            } else {
                files.append(path)
            }
        }
        return (files, problems)
    }

    private static func walk(_ directory: String, into files: inout [String], visited: inout Set<String>, problems: inout [String]) {
        guard let real = realpath(directory, nil) else { return }
        let canonical = String(cString: real)
        free(real)
        guard visited.insert(canonical).inserted else { return }
        guard let handle = opendir(directory) else {
            problems.append("cannot read directory \(directory): \(String(cString: strerror(errno)))")
            return
        }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." || name.hasPrefix(".") { continue }
            names.append(name)
        }
        closedir(handle)
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let path = prefix + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                walk(path, into: &files, visited: &visited, problems: &problems)
            } else if info.st_mode & S_IFMT == S_IFREG, extensions.contains(where: { name.hasSuffix($0) }) {
                files.append(path)
            }
        }
    }

    /// The absolute working directory, ending with `/`.
    static func workingDirectory() -> String? {
        guard let cwd = getcwd(nil, 0) else { return nil }
        defer { free(cwd) }
        let path = String(cString: cwd)
        return path.hasSuffix("/") ? path : path + "/"
    }
}
