import Foundation
import ReqLintSigV4
import Testing

// The AWS SigV4 test suite: as published in awslabs/aws-c-auth, copied to
// ../shared/vectors/sigv4 next to the repository (see its README.md), or, in a clone on its
// own, the suite of botocore's source distribution, which scripts/bootstrap writes in the same
// layout to .build/sigv4-vectors. Every case folder is
// signed in header mode with the settings of its context.json, and each stage is compared
// file by file:
//
//   request.txt                   the request (the suite's ".req")
//   header-canonical-request.txt  canonicalRequest(for:at:)            (".creq")
//   header-string-to-sign.txt     stringToSign(forCanonicalRequest:at:) (".sts")
//   header-signature.txt          signature(forStringToSign:at:)
//   header-signed-request.txt     sign(_:): its Authorization header    (".authz") and the
//                                 whole signed request, byte for byte    (".sreq")
//
// The query-* files (presigned URLs) are not used: this module signs with headers only.
//
// A missing vector folder fails every test here with the expected path; it never passes
// silently.

/// Where the vectors live and which cases there are.
enum SigV4Vectors {
    /// The repository root: this file is `<root>/Tests/ReqLintSigV4Tests/<file>.swift`.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `<root>/../shared/vectors/sigv4` (aws-c-auth's copy of the suite) when present, else
    /// `<root>/.build/sigv4-vectors`, which scripts/bootstrap writes from the suite in
    /// botocore's source distribution on PyPI (scripts/sigv4-vectors).
    static let directory: URL = {
        let shared = repositoryRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/vectors/sigv4", isDirectory: true).standardizedFileURL
        if FileManager.default.fileExists(atPath: shared.path) { return shared }
        return repositoryRoot.appendingPathComponent(".build/sigv4-vectors", isDirectory: true).standardizedFileURL
    }()

    static var isPresent: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static let missingMessage = """
        AWS SigV4 test vectors not found: expected ../shared/vectors/sigv4 beside the repository \
        or \(directory.path) (run scripts/bootstrap, which writes it from botocore's source distribution), \
        holding one folder per case with request.txt, context.json and header-*.txt files
        """

    /// The case folders (sorted), or one placeholder when the folder is missing so that the
    /// parameterized test runs once and fails with `missingMessage` instead of running zero
    /// times.
    static let caseNames: [String] = {
        guard isPresent,
              let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [missingPlaceholder] }
        let names = entries.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
        return names.isEmpty ? [missingPlaceholder] : names
    }()

    static let missingPlaceholder = "<vector folder missing>"

    static func bytes(_ caseName: String, _ file: String) throws -> [UInt8] {
        let url = directory.appendingPathComponent(caseName).appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw VectorError("cannot read \(url.path)")
        }
        return [UInt8](data)
    }

    static func text(_ caseName: String, _ file: String) throws -> String {
        String(decoding: try bytes(caseName, file), as: UTF8.self)
    }
}

struct VectorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The signing settings of a case (context.json).
struct VectorContext: Decodable {
    struct Credentials: Decodable {
        let access_key_id: String
        let secret_access_key: String
        let token: String?
    }

    let credentials: Credentials
    let region: String
    let service: String
    let timestamp: String
    let normalize: Bool
    let sign_body: Bool
    let omit_session_token: Bool?
}

/// An HTTP/1.1 request in the suite's text form, parsed as its README describes: the target
/// is everything between the first space and the final " HTTP/1.1"; header lines are
/// `Name:value` (the value kept exactly, leading space included); a line starting with
/// whitespace continues the previous header (kept as "\n" + the line); a blank line starts
/// the body.
struct RawHTTPRequest {
    var method: String
    var target: String
    var headers: [SigV4Header]
    var body: [UInt8]

    init(_ bytes: [UInt8]) throws {
        let newline = UInt8(ascii: "\n")
        var head = bytes[...]
        var body: ArraySlice<UInt8> = []
        if let end = (0 ..< max(0, bytes.count - 1)).first(where: { bytes[$0] == newline && bytes[$0 + 1] == newline }) {
            head = bytes[..<end]
            body = bytes[(end + 2)...]
        } else if head.last == newline {
            head = head.dropLast()
        }
        let lines = head.split(separator: newline, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard let requestLine = lines.first, let space = requestLine.firstIndex(of: " "),
              requestLine.hasSuffix(" HTTP/1.1")
        else { throw VectorError("malformed request line: \(lines.first ?? "")") }
        method = String(requestLine[..<space])
        target = String(requestLine[requestLine.index(after: space) ..< requestLine.index(requestLine.endIndex, offsetBy: -9)])
        headers = []
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else { throw VectorError("continuation line before any header") }
                headers[headers.count - 1].value += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(SigV4Header(String(line[..<colon]), String(line[line.index(after: colon)...])))
            } else {
                throw VectorError("malformed header line: \(line)")
            }
        }
        self.body = Array(body)
    }

    var sigV4Request: SigV4Request {
        SigV4Request(method: method, target: target, headers: headers, body: body)
    }

    /// The request in the suite's signed-request form: request line, headers, a blank line,
    /// the body.
    static func render(method: String, target: String, headers: [SigV4Header], body: [UInt8]) -> [UInt8] {
        var text = "\(method) \(target) HTTP/1.1\n"
        for header in headers { text += "\(header.name):\(header.value)\n" }
        text += "\n"
        return Array(text.utf8) + body
    }
}

@Suite("AWS SigV4 test suite")
struct AWSTestSuiteTests {
    @Test("the vector folder is present and complete")
    func vectorFolderIsPresent() throws {
        try #require(SigV4Vectors.isPresent, Comment(rawValue: SigV4Vectors.missingMessage))
        #expect(SigV4Vectors.caseNames != [SigV4Vectors.missingPlaceholder], "no case folders in \(SigV4Vectors.directory.path)")
        let required = ["context.json", "request.txt", "header-canonical-request.txt", "header-string-to-sign.txt",
                        "header-signature.txt", "header-signed-request.txt"]
        for name in SigV4Vectors.caseNames where name != SigV4Vectors.missingPlaceholder {
            for file in required {
                let path = SigV4Vectors.directory.appendingPathComponent(name).appendingPathComponent(file).path
                #expect(FileManager.default.fileExists(atPath: path), "missing \(path)")
            }
        }
    }

    @Test("header signing matches the suite", arguments: SigV4Vectors.caseNames)
    func headerSigning(caseName: String) throws {
        guard caseName != SigV4Vectors.missingPlaceholder else {
            Issue.record(Comment(rawValue: SigV4Vectors.missingMessage))
            return
        }
        let context = try JSONDecoder().decode(VectorContext.self, from: Data(SigV4Vectors.bytes(caseName, "context.json")))
        let time = try #require(SigV4Timestamp(iso8601: context.timestamp), "bad timestamp \(context.timestamp)")
        let options = SigV4Options(
            normalizePath: context.normalize,
            // aws-c-auth's harness signs with double URI encoding on. The paths in request.txt
            // are raw (not pre-encoded), so this encodes each byte once.
            doubleEncode: true,
            addContentSHA256Header: context.sign_body,
            signSessionToken: !(context.omit_session_token ?? false)
        )
        let signer = SigV4Signer(
            credentials: SigV4Credentials(
                accessKeyID: context.credentials.access_key_id,
                secretAccessKey: context.credentials.secret_access_key,
                sessionToken: context.credentials.token
            ),
            region: context.region,
            service: context.service,
            options: options,
            fixedTime: time
        )
        let raw = try RawHTTPRequest(SigV4Vectors.bytes(caseName, "request.txt"))
        let request = raw.sigV4Request

        // Stage by stage.
        let canonical = try signer.canonicalRequest(for: request, at: time)
        #expect(canonical == (try SigV4Vectors.text(caseName, "header-canonical-request.txt")),
                "\(caseName): canonical request differs from header-canonical-request.txt")
        let stringToSign = signer.stringToSign(forCanonicalRequest: canonical, at: time)
        #expect(stringToSign == (try SigV4Vectors.text(caseName, "header-string-to-sign.txt")),
                "\(caseName): string to sign differs from header-string-to-sign.txt")
        let signature = try signer.signature(forStringToSign: stringToSign, at: time)
        #expect(signature == (try SigV4Vectors.text(caseName, "header-signature.txt")),
                "\(caseName): signature differs from header-signature.txt")

        // The signed request: its Authorization header, then the whole request.
        let signed = try signer.sign(request)
        let expectedSigned = try RawHTTPRequest(SigV4Vectors.bytes(caseName, "header-signed-request.txt"))
        let expectedAuthorization = expectedSigned.headers.filter { $0.name.lowercased() == "authorization" }.map(\.value)
        #expect(expectedAuthorization.count == 1, "\(caseName): header-signed-request.txt should hold one Authorization header")
        #expect(signed.values(forHeader: "Authorization") == expectedAuthorization,
                "\(caseName): Authorization differs from header-signed-request.txt")
        #expect(signed.method == request.method && signed.path == request.path
                && signed.queryItems == request.queryItems && signed.body == request.body,
                "\(caseName): signing changed the method, path, query or body")
        let rendered = RawHTTPRequest.render(method: signed.method, target: raw.target, headers: signed.headers, body: signed.body)
        let expectedBytes = try SigV4Vectors.bytes(caseName, "header-signed-request.txt")
        #expect(String(decoding: rendered, as: UTF8.self) == String(decoding: expectedBytes, as: UTF8.self),
                "\(caseName): signed request differs from header-signed-request.txt")
    }
}
