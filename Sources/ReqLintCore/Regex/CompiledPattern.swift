import CPCRE2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A model pattern compiled once with PCRE2 (UTF mode, without UCP, JIT when available) and
/// shared by every thread. The pattern is compiled when the pack loads (so a bad pattern is
/// found then); the JIT compilation, most of the cost, waits for the first match: a run that
/// lints one file uses a few of the packs' patterns. Matching runs under match and heap limits, so no pattern and
/// input can hang the linter; hitting a limit is reported, never taken as a pass.
public final class CompiledPattern: @unchecked Sendable {
    /// The outcome of matching one value.
    public enum Outcome: Equatable, Sendable {
        case match
        case noMatch
        /// The engine stopped at a resource limit; the value was not checked.
        case limitExceeded(String)
    }

    /// The model's Java pattern.
    public let javaPattern: String
    /// The PCRE2 translation that is actually compiled.
    public let pcre2Pattern: String
    // Immutable after init; PCRE2 compiled code may be used by several threads at once.
    private let code: OpaquePointer
    private let matchContext: OpaquePointer?
    /// Guards ``jitCompiled`` and the JIT compilation (PCRE2 code must not be JIT-compiled
    /// while another thread matches with it).
    private let jitLock = Lock()
    private var jitCompiled = false
    /// ``characterClass()``, computed once when a value first fails (guarded by `jitLock`).
    private var characterClassCache: CompiledPattern??

    /// ``characterClass()``'s value, computed by `compute` on first use and kept.
    func cachedCharacterClass(_ compute: () -> CompiledPattern?) -> CompiledPattern? {
        jitLock.withLock {
            if let cached = characterClassCache { return cached }
            let value = compute()
            characterClassCache = .some(value)
            return value
        }
    }

    /// The backtracking limit per match.
    public static let matchLimit: UInt32 = 1_000_000
    /// The heap limit per match, in KiB.
    public static let heapLimitKiB: UInt32 = 20_000

    /// Translates and compiles `javaPattern`.
    public convenience init(java javaPattern: String) throws {
        try self.init(display: javaPattern, translated: try JavaRegexTranslator.translate(javaPattern))
    }

    /// Compiles a PCRE2 pattern (reqlint's own rules) to match whole values.
    public convenience init(pcre2 pattern: String) throws {
        try self.init(display: pattern, translated: "\\A(?:" + pattern + ")\\z")
    }

    private init(display javaPattern: String, translated: String) throws {
        self.javaPattern = javaPattern
        pcre2Pattern = translated
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = UInt32(PCRE2_UTF)
        let compiled = translated.withCString { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: translated.utf8.count) {
                pcre2_compile_8($0, translated.utf8.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            var buffer = [UInt8](repeating: 0, count: 256)
            let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
            let message = String(decoding: buffer.prefix(Int(max(0, length))), as: UTF8.self)
            throw ReqLintError("pattern \(javaPattern) (as \(translated)) does not compile: \(message) at offset \(errorOffset)")
        }
        code = compiled
        matchContext = pcre2_match_context_create_8(nil)
        if let matchContext {
            pcre2_set_match_limit_8(matchContext, Self.matchLimit)
            pcre2_set_depth_limit_8(matchContext, Self.matchLimit)
            pcre2_set_heap_limit_8(matchContext, Self.heapLimitKiB)
        }
    }

    deinit {
        pcre2_code_free_8(code)
        if let matchContext { pcre2_match_context_free_8(matchContext) }
    }

    /// Whether the whole of `value` matches.
    public func matches(_ value: String) -> Outcome {
        var value = value
        return value.withUTF8 { matches(utf8: $0) }
    }

    /// Whether the whole of the UTF-8 bytes (which must be well-formed) match.
    public func matches(utf8 buffer: UnsafeBufferPointer<UInt8>) -> Outcome {
        jitLock.withLock {
            if !jitCompiled {
                _ = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE))  // without JIT, the interpreter matches
                jitCompiled = true
            }
        }
        guard let matchData = pcre2_match_data_create_8(1, nil) else { return .limitExceeded("out of memory") }
        defer { pcre2_match_data_free_8(matchData) }
        let empty: [UInt8] = [0]
        func match(_ context: OpaquePointer?) -> Int32 {
            empty.withUnsafeBufferPointer { fallback in
                pcre2_match_8(code, buffer.baseAddress ?? fallback.baseAddress, buffer.count, 0,
                              UInt32(PCRE2_NO_UTF_CHECK), matchData, context)
            }
        }
        var result = match(matchContext)
        if result == PCRE2_ERROR_JIT_STACKLIMIT {
            // The JIT's default 32 KiB stack is too small for long values (a group repeated
            // for every character of a 100,000-character value). Retry on a stack of this
            // call's own (a JIT stack serves one thread at a time), bounded like the heap.
            result = withLargeJITStack(match) ?? result
        }
        if result >= 0 { return .match }
        if result == PCRE2_ERROR_NOMATCH { return .noMatch }
        var message = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(result, &message, message.count)
        return .limitExceeded(String(decoding: message.prefix(Int(max(0, length))), as: UTF8.self))
    }

    /// The result of `match` under a copy of the match context with a JIT stack of up to
    /// ``heapLimitKiB``, or `nil` when one cannot be made.
    private func withLargeJITStack(_ match: (OpaquePointer?) -> Int32) -> Int32? {
        guard let stack = pcre2_jit_stack_create_8(32 * 1024, Int(Self.heapLimitKiB) * 1024, nil) else { return nil }
        defer { pcre2_jit_stack_free_8(stack) }
        let context = matchContext.map { pcre2_match_context_copy_8($0) } ?? pcre2_match_context_create_8(nil)
        guard let context else { return nil }
        defer { pcre2_match_context_free_8(context) }
        pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
        return match(context)
    }
}
