/// Names an operation as `<service>:<Operation>`, e.g. `sagemaker:CreateInferenceExperiment`.
public struct OperationID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The botocore service name (`sagemaker`, `cleanroomsml`).
    public var service: String
    /// The operation name (`CreateInferenceExperiment`).
    public var name: String

    /// Creates an id from its parts.
    public init(service: String, name: String) {
        self.service = service
        self.name = name
    }

    /// Parses `service:Operation`; `nil` if the text is not of that form.
    public init?(_ text: String) {
        // By UTF-8 bytes: splitting the String walks grapheme clusters, 300 instructions a
        // character, and every start parses the ids of every bundled rule.
        let utf8 = text.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")), colon != utf8.startIndex else { return nil }
        let rest = utf8.index(after: colon)
        guard rest != utf8.endIndex, !utf8[rest...].contains(UInt8(ascii: ":")) else { return nil }
        self.init(service: String(text[..<colon]), name: String(text[rest...]))
    }

    public var description: String { "\(service):\(name)" }

    public static func < (lhs: OperationID, rhs: OperationID) -> Bool { lhs.description < rhs.description }
}
