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
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(service: String(parts[0]), name: String(parts[1]))
    }

    public var description: String { "\(service):\(name)" }

    public static func < (lhs: OperationID, rhs: OperationID) -> Bool { lhs.description < rhs.description }
}
