#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The number of online processors.
package enum ProcessInfoLite {
    package static var activeProcessorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// The command line's arguments as bytes. Swift's `CommandLine.arguments` replaces bytes that
/// are not UTF-8 with U+FFFD, so a file named that way could not be opened; this keeps them.
package enum RawArguments {
    /// The bytes of every argument that is not valid UTF-8, by the `String` Swift made of it.
    package static func nonUTF8() -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for index in 1 ..< Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
            if String(validating: bytes, as: UTF8.self) == nil { result[String(decoding: bytes, as: UTF8.self)] = bytes }
        }
        return result
    }
}
