import ReqLintConfig
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a front end does before anything else, so a careless or hostile start cannot turn a
/// write into damage.
package enum ProcessStart {
    /// A closed standard descriptor (0, 1 or 2) is given `/dev/null`, read-only, so that the
    /// next file or descriptor opened (a report's temporary file, the threads' event
    /// descriptor) cannot take its number and receive what was meant for standard output:
    /// writes to a closed stream then fail with a message, as they should. A size limit
    /// (`ulimit -f`) makes a write fail with EFBIG instead of killing the process halfway.
    package static func prepare() {
        for descriptor: Int32 in 0 ... 2 where fcntl(descriptor, F_GETFD) == -1 {
            _ = open("/dev/null", O_RDONLY)
        }
        FileSystem.ignoreFileSizeSignal()
    }
}

/// The number of online processors.
package enum ProcessInfoLite {
    package static var activeProcessorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// The command line's arguments as bytes. Swift's `CommandLine.arguments` replaces bytes that
/// are not UTF-8 with U+FFFD, so a file named that way could not be opened (and two such names
/// could not be told apart); this keeps them, by position.
package enum RawArguments {
    /// The number of arguments, read once: `CommandLine.argc` counts them again at every call
    /// (16,000 paths as arguments spent 5% of the run there).
    private static let count = Int(CommandLine.argc)

    /// The bytes of argument `index` of the process (0 is the program).
    package static func bytes(at index: Int) -> [UInt8] {
        guard index < count, let pointer = CommandLine.unsafeArgv[index] else { return [] }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
    }

    /// For each of `arguments` (as ArgumentParser returns them), its bytes when it is the
    /// U+FFFD form of exactly one argument of the process that is not UTF-8; `nil` otherwise.
    package static func bytes(for arguments: [String]) -> [[UInt8]?] {
        var byLossy: [String: [UInt8]?] = [:]
        for index in 1 ..< count {
            let raw = bytes(at: index)
            guard String(validating: raw, as: UTF8.self) == nil else { continue }
            let lossy = String(decoding: raw, as: UTF8.self)
            byLossy[lossy] = byLossy[lossy] == nil ? raw : .some(nil)  // two names alike: ambiguous
        }
        return arguments.map { byLossy[$0] ?? nil }
    }
}
