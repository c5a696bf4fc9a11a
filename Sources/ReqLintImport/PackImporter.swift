import ReqLintCore

/// Turns a botocore service model into an operation's rule pack: the input shape tree with
/// every constraint and documentation, the protocol facts and the provenance.
public enum PackImporter {
    /// The generator name recorded in every pack.
    public static let generator = "reqlint rules import"

    /// Imports `operation` from `model`.
    public static func importPack(from model: ServiceModelFile, operation: String, service: String? = nil) throws -> OperationPack {
        let document = JSONParser.parse(model.json)
        if let error = document.syntaxError { throw ReqLintError("the model is not valid JSON: \(error.message)") }
        let json = document.value(at: document.root!)
        guard let metadata = json["metadata"], case let .object(shapeEntries)? = json["shapes"],
              let operations = json["operations"]
        else { throw ReqLintError("not a botocore service model: \"metadata\", \"operations\" and \"shapes\" are required") }
        guard let op = operations[operation] else {
            let names = (operations.objectValue ?? []).map(\.0).filter { $0.lowercased().contains(operation.lowercased()) }
            throw ReqLintError("the model has no operation \(operation)" + (names.isEmpty ? "" : "; did you mean \(names.joined(separator: ", "))?"))
        }
        guard let serviceName = service ?? model.service else { throw ReqLintError("cannot tell the service name from the path; pass --service") }
        guard let input = op["input"]?["shape"]?.stringValue else { throw ReqLintError("operation \(operation) has no input shape") }
        var source: [String: JSONValue] = [:]
        for (name, value) in shapeEntries { source[name] = value }

        var shapes: [String: Shape] = [:]
        var pending = [input]
        while let name = pending.popLast() {
            guard shapes[name] == nil else { continue }
            guard let raw = source[name] else { throw ReqLintError("shape \(name) is referenced but not defined") }
            let shape = try importShape(name, raw)
            shapes[name] = shape
            pending += shape.members.map(\.shape)
            pending += [shape.listMember, shape.mapKey, shape.mapValue].compactMap { $0 }
        }

        func text(_ key: String) throws -> String {
            guard let value = metadata[key]?.stringValue else { throw ReqLintError("model metadata has no \(key)") }
            return value
        }
        return OperationPack(
            id: OperationID(service: serviceName, name: operation),
            service: .init(
                name: serviceName, apiVersion: try text("apiVersion"), serviceId: try text("serviceId"),
                protocol: try text("protocol"), jsonVersion: metadata["jsonVersion"]?.stringValue,
                targetPrefix: metadata["targetPrefix"]?.stringValue, endpointPrefix: try text("endpointPrefix"),
                signingName: try metadata["signingName"]?.stringValue ?? text("endpointPrefix")
            ),
            httpMethod: op["http"]?["method"]?.stringValue ?? "POST",
            requestURI: op["http"]?["requestUri"]?.stringValue ?? "/",
            documentation: op["documentation"]?.stringValue,
            input: input, shapes: shapes,
            provenance: .init(model: model.name, sha256: model.sha256, generator: generator,
                              botocore: model.botocoreVersion, date: model.date)
        )
    }

    static func importShape(_ name: String, _ raw: JSONValue) throws -> Shape {
        guard let typeName = raw["type"]?.stringValue, let kind = Shape.Kind(rawValue: typeName) else {
            throw ReqLintError("shape \(name) has a type reqlint does not know: \(raw["type"]?.stringValue ?? "none")")
        }
        var members: [Member] = []
        for (memberName, value) in raw["members"]?.objectValue ?? [] {
            guard let target = value["shape"]?.stringValue else { throw ReqLintError("member \(name).\(memberName) has no shape") }
            members.append(Member(
                name: memberName, shape: target, documentation: value["documentation"]?.stringValue,
                location: value["location"]?.stringValue, locationName: value["locationName"]?.stringValue
            ))
        }
        return Shape(
            name: name, kind: kind, documentation: raw["documentation"]?.stringValue,
            min: raw["min"]?.doubleValue, max: raw["max"]?.doubleValue, pattern: raw["pattern"]?.stringValue,
            enumValues: raw["enum"]?.arrayValue?.compactMap(\.stringValue), members: members,
            required: raw["required"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            listMember: raw["member"]?["shape"]?.stringValue, mapKey: raw["key"]?["shape"]?.stringValue,
            mapValue: raw["value"]?["shape"]?.stringValue
        )
    }
}
