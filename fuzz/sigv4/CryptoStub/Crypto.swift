// A stand-in for swift-crypto's `Crypto` module with the few names ReqLintSigV4 uses, so the
// SigV4 sources can be compiled for fuzzing without building BoringSSL with the sanitizers.
// The digests are NOT SHA-256 (an FNV-1a based 32-byte mix): the fuzz target checks
// canonicalisation, determinism and crashes, never signature values.

public struct SHA256Digest: Sequence, Sendable {
    public let bytes: [UInt8]
    public func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }
}

public enum SHA256: Sendable {
    public static func hash<D: Sequence>(data: D) -> SHA256Digest where D.Element == UInt8 {
        var lanes: [UInt64] = [0xcbf29ce484222325, 0x84222325cbf29ce4, 0x9ce484222325cbf2, 0x2325cbf29ce48422]
        for byte in data {
            for i in lanes.indices { lanes[i] = (lanes[i] ^ UInt64(byte)) &* 0x100000001b3 &+ UInt64(i) }
        }
        var out: [UInt8] = []
        for lane in lanes { for k in 0 ..< 8 { out.append(UInt8(truncatingIfNeeded: lane >> (8 * UInt64(k)))) } }
        return SHA256Digest(bytes: out)
    }
}

public struct SymmetricKey: Sendable, Hashable {
    let bytes: [UInt8]
    public init<D: Sequence>(data: D) where D.Element == UInt8 { bytes = Array(data) }
}

public struct HashedAuthenticationCode<H>: Sequence, Sendable {
    let bytes: [UInt8]
    public func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }
}

public enum HMAC<H>: Sendable {
    public static func authenticationCode<D: Sequence>(for data: D, using key: SymmetricKey) -> HashedAuthenticationCode<H> where D.Element == UInt8 {
        HashedAuthenticationCode(bytes: SHA256.hash(data: key.bytes + [0x36] + Array(data)).bytes)
    }
}
