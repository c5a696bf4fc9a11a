import Crypto

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Derived signing keys (`kSigning`) by (date, region, service), shared by copies of one
/// signer and safe to use from any thread.
///
/// A signer's secret never changes, so the key depends only on the scope. The cache keeps
/// the few most recently derived keys (a signer usually needs one a day). It has no
/// description or mirror of its own that shows keys: `SigV4Signer` hides it entirely.
final class SigningKeyCache: @unchecked Sendable {
    struct Scope: Hashable {
        var date: String
        var region: String
        var service: String
    }

    /// How many keys are kept; the oldest is dropped beyond this.
    static let capacity = 8

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var keys: [Scope: SymmetricKey] = [:]
    private var order: [Scope] = []
    /// How many keys were derived (not found in the cache); for tests.
    private var derivations = 0

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// The key for `scope`, derived from `secret` with `derive` on a miss.
    func key(for scope: Scope, derive: () -> SymmetricKey) -> SymmetricKey {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let key = keys[scope] { return key }
        let key = derive()
        derivations += 1
        keys[scope] = key
        order.append(scope)
        if order.count > Self.capacity {
            keys[order.removeFirst()] = nil
        }
        return key
    }

    /// The number of derivations so far, read under the lock.
    var derivationCount: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return derivations
    }
}
