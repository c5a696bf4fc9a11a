extension OperationPack {
    /// The pack's data form, as written to `rules/<service>/<Operation>.json`: keys in a fixed
    /// order and shapes sorted by name, so the same model always gives the same bytes.
    public func jsonValue() -> JSONValue {
        var serviceMembers: [(String, JSONValue)] = [
            ("name", .string(service.name)), ("apiVersion", .string(service.apiVersion)),
            ("serviceId", .string(service.serviceId)), ("protocol", .string(service.protocol)),
        ]
        if let jsonVersion = service.jsonVersion { serviceMembers.append(("jsonVersion", .string(jsonVersion))) }
        if let targetPrefix = service.targetPrefix { serviceMembers.append(("targetPrefix", .string(targetPrefix))) }
        serviceMembers += [("endpointPrefix", .string(service.endpointPrefix)), ("signingName", .string(service.signingName))]
        var operation: [(String, JSONValue)] = [
            ("id", .string(id.description)), ("name", .string(id.name)),
            ("http", .object([("method", .string(httpMethod)), ("requestUri", .string(requestURI))])),
            ("input", .string(input)),
        ]
        if let documentation { operation.append(("documentation", .string(documentation))) }
        return .object([
            ("format", .integer(1)),
            ("provenance", .object([
                ("model", .string(provenance.model)), ("sha256", .string(provenance.sha256)),
                ("generator", .string(provenance.generator)),
            ] + (provenance.botocore.map { [("botocore", JSONValue.string($0))] } ?? [])
              + (provenance.date.map { [("date", JSONValue.string($0))] } ?? []))),
            ("service", .object(serviceMembers)),
            ("operation", .object(operation)),
            ("shapes", .object(shapes.keys.sorted().map { ($0, shapes[$0]!.jsonValue()) })),
        ])
    }

    /// Reads a pack from its data form.
    public init(json: JSONValue) throws {
        guard json["format"] == .integer(1) else { throw ReqLintError("rule pack: unsupported or missing \"format\" (expected 1)") }
        guard let service = json["service"], let operation = json["operation"], let provenance = json["provenance"],
              case let .object(shapeMembers)? = json["shapes"]
        else { throw ReqLintError("rule pack: \"service\", \"operation\", \"provenance\" and \"shapes\" are required") }
        func text(_ value: JSONValue?, _ what: String) throws -> String {
            guard let s = value?.stringValue else { throw ReqLintError("rule pack: \(what) must be a string") }
            return s
        }
        let idText = try text(operation["id"], "operation.id")
        guard let id = OperationID(idText) else { throw ReqLintError("rule pack: bad operation id \"\(idText)\"") }
        self.id = id
        self.service = Service(
            name: try text(service["name"], "service.name"), apiVersion: try text(service["apiVersion"], "service.apiVersion"),
            serviceId: try text(service["serviceId"], "service.serviceId"), protocol: try text(service["protocol"], "service.protocol"),
            jsonVersion: service["jsonVersion"]?.stringValue, targetPrefix: service["targetPrefix"]?.stringValue,
            endpointPrefix: try text(service["endpointPrefix"], "service.endpointPrefix"),
            signingName: try text(service["signingName"], "service.signingName")
        )
        httpMethod = try text(operation["http"]?["method"], "operation.http.method")
        requestURI = try text(operation["http"]?["requestUri"], "operation.http.requestUri")
        documentation = operation["documentation"]?.stringValue
        input = try text(operation["input"], "operation.input")
        self.provenance = Provenance(
            model: try text(provenance["model"], "provenance.model"), sha256: try text(provenance["sha256"], "provenance.sha256"),
            generator: try text(provenance["generator"], "provenance.generator"),
            botocore: provenance["botocore"]?.stringValue, date: provenance["date"]?.stringValue
        )
        var shapes: [String: Shape] = [:]
        for (name, value) in shapeMembers { shapes[name] = try Shape(name: name, json: value) }
        self.shapes = shapes
    }
}

extension Shape {
    /// The shape's data form (see ``OperationPack/jsonValue()``).
    public func jsonValue() -> JSONValue {
        var out: [(String, JSONValue)] = [("type", .string(kind.rawValue))]
        func number(_ d: Double) -> JSONValue { d == d.rounded() && abs(d) < 9e15 ? .integer(Int64(d)) : .double(d) }
        if let min { out.append(("min", number(min))) }
        if let max { out.append(("max", number(max))) }
        if let pattern { out.append(("pattern", .string(pattern))) }
        if let enumValues { out.append(("enum", .array(enumValues.map(JSONValue.string)))) }
        if !required.isEmpty { out.append(("required", .array(required.map(JSONValue.string)))) }
        if kind == .structure {
            out.append(("members", .object(members.map { ($0.name, $0.jsonValue()) })))
        }
        if let listMember { out.append(("member", .string(listMember))) }
        if let mapKey { out.append(("key", .string(mapKey))) }
        if let mapValue { out.append(("value", .string(mapValue))) }
        if let documentation { out.append(("documentation", .string(documentation))) }
        return .object(out)
    }

    /// Reads a shape from its data form.
    public init(name: String, json: JSONValue) throws {
        guard let typeName = json["type"]?.stringValue, let kind = Kind(rawValue: typeName) else {
            throw ReqLintError("rule pack: shape \(name) has no valid \"type\"")
        }
        var members: [Member] = []
        for (memberName, value) in json["members"]?.objectValue ?? [] {
            members.append(try Member(name: memberName, json: value, owner: name))
        }
        self.init(
            name: name, kind: kind, documentation: json["documentation"]?.stringValue,
            min: json["min"]?.doubleValue, max: json["max"]?.doubleValue, pattern: json["pattern"]?.stringValue,
            enumValues: json["enum"]?.arrayValue?.compactMap(\.stringValue), members: members,
            required: json["required"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            listMember: json["member"]?.stringValue, mapKey: json["key"]?.stringValue, mapValue: json["value"]?.stringValue
        )
    }
}

extension Member {
    /// The member's data form.
    public func jsonValue() -> JSONValue {
        var out: [(String, JSONValue)] = [("shape", .string(shape))]
        if let location { out.append(("location", .string(location))) }
        if let locationName { out.append(("locationName", .string(locationName))) }
        if let source { out.append(("source", .string(source))) }
        if let documentation { out.append(("documentation", .string(documentation))) }
        return .object(out)
    }

    /// Reads a member from its data form.
    public init(name: String, json: JSONValue, owner: String) throws {
        guard let shape = json["shape"]?.stringValue else {
            throw ReqLintError("rule pack: member \(owner).\(name) has no \"shape\"")
        }
        self.init(
            name: name, shape: shape, documentation: json["documentation"]?.stringValue,
            location: json["location"]?.stringValue, locationName: json["locationName"]?.stringValue,
            source: json["source"]?.stringValue
        )
    }
}
