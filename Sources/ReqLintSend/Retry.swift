import ReqLintCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The AWS SDKs' *standard* retry mode, as botocore implements it
/// (`botocore/retries/standard.py`):
///
/// - at most ``maxAttempts`` attempts in all (3 by default; `AWS_MAX_ATTEMPTS` or the
///   profile's `max_attempts`);
/// - retried: throttling errors (by error code, or HTTP 429), transient errors (HTTP 500, 502,
///   503, 504; `RequestTimeout`, `RequestTimeoutException`, `PriorRequestNotComplete`),
///   and failures to connect or read (not TLS failures);
/// - never retried: any other 4xx, including `ValidationException`;
/// - before retry *n* (1-based) it waits `random(0…1) × 2^(n−1)` seconds, at most
///   ``maxBackoff`` (20 s): exponential backoff with full jitter, base 1 s;
/// - a retry quota of 500 tokens, 5 per retry (10 after a timeout), refilled on success.
///
/// The random source and the sleep are injected, so tests run without waiting.
public final class RetryStrategy: @unchecked Sendable {
    public let maxAttempts: Int
    public let baseDelay: Double
    public let maxBackoff: Double
    private let random: @Sendable () -> Double
    private let sleeper: @Sendable (Double) -> Void
    private var quota: Int
    private let lock = Lock()

    public static let defaultMaxAttempts = 3
    public static let initialQuota = 500
    public static let retryCost = 5
    public static let timeoutRetryCost = 10

    public init(maxAttempts: Int = RetryStrategy.defaultMaxAttempts, baseDelay: Double = 1, maxBackoff: Double = 20,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0 ..< 1) },
                sleep: @escaping @Sendable (Double) -> Void = RetryStrategy.systemSleep) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
        self.random = random
        self.sleeper = sleep
        self.quota = Self.initialQuota
    }

    /// Sleeps with `nanosleep`, resuming after interruptions.
    public static let systemSleep: @Sendable (Double) -> Void = { seconds in
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
    }

    /// The wait before retry `retry` (1 for the first retry).
    public func delay(beforeRetry retry: Int) -> Double {
        let exponent = Double(max(0, retry - 1))
        return min(random() * baseDelay * pow2(exponent), maxBackoff)
    }

    private func pow2(_ exponent: Double) -> Double {
        exponent > 60 ? Double.greatestFiniteMagnitude : Double(1 << Int(exponent))
    }

    /// Whether an outcome may be retried at all (ignoring attempts and quota).
    public static func isRetryable(_ outcome: AttemptOutcome) -> Bool {
        switch outcome {
        case .success: return false
        // Only a failure to connect or a timeout: anything else (TLS, a proxy's 407, an
        // oversized answer) would fail again, and an answer that came may mean the request was
        // processed.
        case let .transportFailure(error): return error.kind == .timeout || error.kind == .connection
        case let .serviceError(error): return error.isThrottling || error.isTransient
        }
    }

    /// Decides after attempt `attempt` (1-based) whether to retry, and if so sleeps first.
    /// Returns the delay slept, or nil for "do not retry".
    public func shouldRetry(after outcome: AttemptOutcome, attempt: Int) -> Double? {
        guard Self.isRetryable(outcome), attempt < maxAttempts else { return nil }
        let cost: Int
        if case let .transportFailure(error) = outcome, error.kind == .timeout { cost = Self.timeoutRetryCost } else { cost = Self.retryCost }
        let granted: Bool = lock.withLock {
            guard quota >= cost else { return false }
            quota -= cost
            return true
        }
        guard granted else { return nil }
        let wait = delay(beforeRetry: attempt)
        sleeper(wait)
        return wait
    }

    /// Refills the quota after a success (the cost of the last retry, or 1).
    public func recordSuccess(retried: Bool, timedOut: Bool) {
        lock.withLock {
            let refund = retried ? (timedOut ? Self.timeoutRetryCost : Self.retryCost) : 1
            quota = min(Self.initialQuota, quota + refund)
        }
    }

    /// The tokens left in the retry quota.
    public var remainingQuota: Int { lock.withLock { quota } }
}

/// What one attempt came to.
public enum AttemptOutcome: Sendable, Equatable {
    case success(HTTPResponse)
    case serviceError(ServiceError)
    case transportFailure(TransportError)
}

