// libFuzzer target: the SigV4 canonicaliser (request-target parsing, percent-encoding,
// path normalisation, header canonicalisation). Compiled with Sources/ReqLintSigV4 and a
// Crypto stand-in (fuzz/sigv4/CryptoStub): signature values are not checked, the canonical
// request, determinism and the absence of crashes are.
import ReqLintSigV4

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSigV4(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size > 0, let data else { return 0 }
    let flags = data[0]
    // Line 1: method; line 2: request target; then "Name: value" header lines; after an
    // empty line, the body.
    let rest = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    var lines: [[UInt8]] = []
    var body: [UInt8] = []
    var start = 0
    var i = 0
    while i < rest.count {
        if rest[i] == 0x0A {
            let line = Array(rest[start ..< i])
            if line.isEmpty && lines.count >= 2 { body = Array(rest[(i + 1)...]); start = rest.count; break }
            lines.append(line)
            start = i + 1
        }
        i += 1
    }
    if start < rest.count { lines.append(Array(rest[start...])) }
    let text = lines.map { String(decoding: $0, as: UTF8.self) }
    let method = text.first ?? "GET"
    let target = text.count > 1 ? text[1] : "/"
    var headers = [SigV4Header("Host", "example.amazonaws.com")]
    for line in text.dropFirst(2) {
        if let colon = line.firstIndex(of: ":") {
            headers.append(SigV4Header(String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
    }
    let request = SigV4Request(method: method, target: target, headers: headers, body: body)

    // The request target survives a round trip through its encoded form.
    let again = SigV4Request(method: method, target: request.target)
    precondition(again.queryItems == request.queryItems, "query items change through target: \(request.queryItems) vs \(again.queryItems)")
    if !request.path.isEmpty { precondition(again.path == request.path, "path changes through target") }
    _ = SigV4Request.encodePathSegment(target)

    let options = SigV4Options(normalizePath: flags & 1 != 0, doubleEncode: flags & 2 != 0, addContentSHA256Header: flags & 4 != 0)
    let credentials = SigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                       sessionToken: flags & 8 != 0 ? "token" : nil)
    let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "sagemaker", options: options,
                             fixedTime: SigV4Timestamp(secondsSince1970: 1_796_169_600))
    let time = SigV4Timestamp(secondsSince1970: 1_796_169_600)
    guard let canonical = try? signer.canonicalRequest(for: request, at: time) else { return 0 }
    precondition(canonical.hasPrefix(method + "\n"), "the canonical request does not start with the method")
    precondition(canonical == (try? signer.canonicalRequest(for: request, at: time)), "canonicalisation is not deterministic")
    let lineCount = canonical.split(separator: "\n", omittingEmptySubsequences: false).count
    precondition(lineCount >= 6, "canonical request with \(lineCount) lines")
    guard let signed = try? signer.sign(request) else { preconditionFailure("canonicalised but could not sign") }
    precondition(signed.headers.contains { $0.name == "Authorization" }, "no Authorization header")
    return 0
}
