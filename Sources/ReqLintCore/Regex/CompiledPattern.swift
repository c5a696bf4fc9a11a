import CPCRE2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A model pattern compiled once with PCRE2 (UTF mode, without UCP, JIT when available) and
/// shared by every thread. A pattern is compiled when its pack loads (so a bad pattern is
/// found then), except a bundled pack's, which the tests compile: those wait for their first
/// match, as a run that lints one file uses a few of the packs' patterns. The JIT compilation
/// always waits for the first match. Matching runs under match and heap limits, so no pattern
/// and input can hang the linter; hitting a limit is reported, never taken as a pass.
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
    /// How the pattern becomes PCRE2's: translated from Java, or a PCRE2 pattern anchored.
    private let translate: @Sendable () throws -> String
    /// Guards the compilation, ``jitCompiled`` and the JIT compilation (PCRE2 code must not
    /// be JIT-compiled while another thread matches with it).
    private let jitLock = Lock()
    /// The compiled code, once compiled (then immutable: PCRE2 compiled code may be used by
    /// several threads at once), or why it could not be.
    private var compiled: Result<(code: OpaquePointer, translated: String), ReqLintError>?
    private var matchContext: OpaquePointer?
    private var jitCompiled = false
    /// Matches so far (guarded by `jitLock`).
    private var uses = 0
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
    /// Matches of a pattern after which it is JIT-compiled.
    static let jitAfter = 16

    /// Translates and compiles `javaPattern` now; throws when it does not translate or compile.
    public convenience init(java javaPattern: String) throws {
        self.init(display: javaPattern) { try JavaRegexTranslator.translate(javaPattern) }
        _ = try code()
    }

    /// A pattern translated and compiled at its first match: for the bundled packs, whose
    /// patterns the tests compile. Should it not compile, every match reports that the value
    /// could not be checked.
    public convenience init(deferringJava javaPattern: String) {
        self.init(display: javaPattern) { try JavaRegexTranslator.translate(javaPattern) }
    }

    /// Compiles a PCRE2 pattern (reqlint's own rules) to match whole values.
    public convenience init(pcre2 pattern: String) throws {
        self.init(display: pattern) { "\\A(?:" + pattern + ")\\z" }
        _ = try code()
    }

    private init(display javaPattern: String, translate: @escaping @Sendable () throws -> String) {
        self.javaPattern = javaPattern
        self.translate = translate
    }

    /// The PCRE2 translation that is compiled.
    public var pcre2Pattern: String { (try? code().translated) ?? "" }

    /// The compiled code, compiling it on first use. Takes `jitLock`.
    private func code() throws -> (code: OpaquePointer, translated: String) {
        try jitLock.withLock { try compiledLocked() }
    }

    /// ``code()`` with `jitLock` held.
    private func compiledLocked() throws -> (code: OpaquePointer, translated: String) {
        if let compiled { return try compiled.get() }
        let result: Result<(code: OpaquePointer, translated: String), ReqLintError>
        do {
            let translated = try translate()
            result = Self.compile(translated, display: javaPattern)
        } catch {
            result = .failure(error as? ReqLintError ?? ReqLintError("pattern \(javaPattern) does not translate: \(error)"))
        }
        compiled = result
        if case .success = result {
            matchContext = pcre2_match_context_create_8(nil)
            if let matchContext {
                pcre2_set_match_limit_8(matchContext, Self.matchLimit)
                pcre2_set_depth_limit_8(matchContext, Self.matchLimit)
                pcre2_set_heap_limit_8(matchContext, Self.heapLimitKiB)
            }
        }
        return try result.get()
    }

    private static func compile(_ translated: String, display javaPattern: String) -> Result<(code: OpaquePointer, translated: String), ReqLintError> {
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
            return .failure(ReqLintError("pattern \(javaPattern) (as \(translated)) does not compile: \(message) at offset \(errorOffset)"))
        }
        return .success((compiled, translated))
    }

    deinit {
        if case let .success(compiled)? = compiled { pcre2_code_free_8(compiled.code) }
        if let matchContext { pcre2_match_context_free_8(matchContext) }
    }

    /// Whether the whole of `value` matches.
    public func matches(_ value: String) -> Outcome {
        var value = value
        return value.withUTF8 { matches(utf8: $0) }
    }

    /// Whether the whole of the UTF-8 bytes (which must be well-formed) match.
    ///
    /// A pattern is matched by PCRE2's interpreter until it has been used ``jitAfter`` times,
    /// then by its JIT: compiling a pattern for the JIT costs more than a one-file run's every
    /// match of it (1.2 million instructions for a typical document), and pays off over many.
    /// The two engines agree on what matches but not on where their resource limits fall, so
    /// an engine that stops at a limit hands the value to the other one, and a value is "not
    /// checked" only when both stop: a value's verdict never depends on what was linted before.
    public func matches(utf8 buffer: UnsafeBufferPointer<UInt8>) -> Outcome {
        let ready: Result<(code: OpaquePointer, jit: Bool), ReqLintError> = jitLock.withLock {
            do {
                let code = try compiledLocked().code
                uses += 1
                if uses >= Self.jitAfter { compileJIT(code) }
                return .success((code, jitCompiled))
            } catch {
                return .failure(error as? ReqLintError ?? ReqLintError("\(error)"))
            }
        }
        let code: OpaquePointer, jit: Bool
        switch ready {
        case let .success(compiled): (code, jit) = compiled
        case let .failure(error): return .limitExceeded(error.message)
        }
        let first = match(code, buffer, jit: jit)
        if first >= 0 { return .match }
        if first == PCRE2_ERROR_NOMATCH { return .noMatch }
        // Stopped at a limit: the other engine.
        if !jit { jitLock.withLock { compileJIT(code) } }
        let second = match(code, buffer, jit: !jit)
        if second >= 0 { return .match }
        if second == PCRE2_ERROR_NOMATCH { return .noMatch }
        var message = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(first, &message, message.count)
        return .limitExceeded(String(decoding: message.prefix(Int(max(0, length))), as: UTF8.self))
    }

    /// JIT-compiles `code` once (with `jitLock` held). Without JIT support, matching with the
    /// JIT runs the interpreter.
    private func compileJIT(_ code: OpaquePointer) {
        guard !jitCompiled else { return }
        _ = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE))
        jitCompiled = true
    }

    /// PCRE2's result for the whole of `buffer`, by the JIT (when compiled) or the interpreter.
    private func match(_ code: OpaquePointer, _ buffer: UnsafeBufferPointer<UInt8>, jit: Bool) -> Int32 {
        guard let matchData = pcre2_match_data_create_8(1, nil) else { return PCRE2_ERROR_NOMEMORY }
        defer { pcre2_match_data_free_8(matchData) }
        let empty: [UInt8] = [0]
        func match(_ context: OpaquePointer?) -> Int32 {
            empty.withUnsafeBufferPointer { fallback in
                pcre2_match_8(code, buffer.baseAddress ?? fallback.baseAddress, buffer.count, 0,
                              UInt32(PCRE2_NO_UTF_CHECK) | (jit ? 0 : UInt32(PCRE2_NO_JIT)), matchData, context)
            }
        }
        var result = match(matchContext)
        if result == PCRE2_ERROR_JIT_STACKLIMIT {
            // The JIT's default 32 KiB stack is too small for long values (a group repeated
            // for every character of a 100,000-character value). Retry on a stack of this
            // call's own (a JIT stack serves one thread at a time), bounded like the heap.
            result = withLargeJITStack(match) ?? result
        }
        return result
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
