import Foundation
import ReqLintCore
@testable import ReqLintReport
import Testing

/// `reqlint schema` and `reqlint skeleton`, and SARIF `fixes`.
struct SchemaSkeletonTests {
    static let registry = try! BundledRules.registry()
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A model whose structure contains itself, through a member and through a list.
    static let recursive = try! OperationModel(pack: OperationPack(
        id: OperationID("test:Tree")!,
        service: .init(name: "test", apiVersion: "2020-01-01", serviceId: "Test", protocol: "json", jsonVersion: "1.1",
                       targetPrefix: "Test", endpointPrefix: "test", signingName: "test"),
        httpMethod: "POST", requestURI: "/", documentation: "<p>Grows a <b>tree</b> &amp; more.</p>", input: "Node",
        shapes: [
            "Node": Shape(name: "Node", kind: .structure, documentation: "<p>A node.</p>", members: [
                Member(name: "Label", shape: "Label"), Member(name: "Parent", shape: "Node"), Member(name: "Children", shape: "Nodes"),
            ], required: ["Label", "Children"]),
            "Nodes": Shape(name: "Nodes", kind: .list, min: 0, max: 3, listMember: "Node"),
            "Label": Shape(name: "Label", kind: .string, min: 1, max: 8),
        ],
        provenance: .init(model: "test/2020-01-01/service-2.json", sha256: String(repeating: "0", count: 64), generator: "test")
    ))

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    // MARK: Schema: structure

    @Test(arguments: registry.ids)
    func schemaDescribesTheModel(_ id: OperationID) throws {
        let model = Self.registry.operations[id]!
        let text = JSONSchemaGenerator().generate(model)
        #expect(text == JSONSchemaGenerator().generate(model), "deterministic")
        #expect(text.hasSuffix("}\n"))
        let schema = try Self.json(text)
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["$ref"] as? String == "#/$defs/\(model.pack.input)")
        let description = try #require(schema["description"] as? String)
        #expect(description.contains("cross-field and documented rules"))
        #expect(description.contains("reqlint lint"))
        let defs = try #require(schema["$defs"] as? [String: [String: Any]])
        for (name, shape) in model.pack.shapes where defs[name] != nil {
            let def = defs[name]!
            #expect(def["title"] as? String == name)
            #expect(def["pattern"] == nil, "JSON Schema patterns are ECMA-262, the model's are Java: \(name)")
            if let text = def["description"] as? String {
                #expect(!text.contains("<p>") && !text.contains("<code>") && !text.contains("&lt;"), "HTML left in \(name)")
            }
            if let pattern = shape.pattern {
                #expect((def["description"] as? String)?.contains(pattern) == true, "\(name) states its pattern")
            }
            switch shape.kind {
            case .structure:
                #expect(def["type"] as? String == "object")
                #expect(def["additionalProperties"] as? Bool == false)
                let properties = def["properties"] as! [String: [String: Any]]
                #expect(Set(properties.keys) == Set(shape.members.map(\.name)))
                for member in shape.members {
                    #expect(properties[member.name]?["$ref"] as? String == "#/$defs/\(member.shape)")
                }
                #expect((def["required"] as? [String] ?? []) == shape.required)
            case .string:
                #expect(def["type"] as? String == "string")
                #expect(def["maxLength"] as? Int == shape.max.map { Int($0) })
                #expect(def["minLength"] as? Int == shape.min.flatMap { $0 > 0 ? Int($0) : nil })
                #expect(def["enum"] as? [String] == shape.enumValues)
            case .integer, .long:
                #expect(def["type"] as? String == "integer")
                let is64 = shape.kind == .long
                #expect((def["minimum"] as? NSNumber)?.int64Value == shape.min.map { Int64($0) } ?? (is64 ? Int64.min : Int64(Int32.min)))
                #expect((def["maximum"] as? NSNumber)?.int64Value == shape.max.map { Int64($0) } ?? (is64 ? Int64.max : Int64(Int32.max)))
            case .list:
                #expect(def["type"] as? String == "array")
                #expect((def["items"] as? [String: Any])?["$ref"] as? String == "#/$defs/\(shape.listMember!)")
                #expect(def["maxItems"] as? Int == shape.max.map { Int($0) })
            case .map:
                #expect(def["type"] as? String == "object")
                #expect((def["propertyNames"] as? [String: Any])?["$ref"] as? String == "#/$defs/\(shape.mapKey!)")
                #expect((def["additionalProperties"] as? [String: Any])?["$ref"] as? String == "#/$defs/\(shape.mapValue!)")
                #expect(def["maxProperties"] as? Int == shape.max.map { Int($0) })
            case .timestamp:
                let anyOf = try #require(def["anyOf"] as? [[String: Any]])
                #expect(anyOf.map { $0["type"] as? String } == ["number", "string", "string"])
                #expect(anyOf[1]["format"] as? String == "date-time")
                #expect(anyOf[2]["pattern"] as? String == JSONSchemaGenerator.dateTimePattern)
            default:
                break
            }
        }
        // Every reference resolves.
        for match in text.split(separator: "\"$ref\": \"").dropFirst() {
            let target = match.prefix { $0 != "\"" }
            #expect(defs[String(target.dropFirst("#/$defs/".count))] != nil, "dangling \(target)")
        }
    }

    @Test func schemaHasTheOverlaysProseEnums() throws {
        let model = Self.registry.operations[OperationID("sagemaker:CreateInferenceRecommendationsJob")!]!
        let defs = try Self.json(JSONSchemaGenerator().generate(model))["$defs"] as! [String: [String: Any]]
        #expect(defs["RecommendationJobContainerDomain"]?["enum"] as? [String] == ["COMPUTER_VISION", "NATURAL_LANGUAGE_PROCESSING", "MACHINE_LEARNING"])
        #expect(defs["ModelLatencyThresholdPercentile"]?["enum"] as? [String] == ["P95", "P99"])
        #expect(defs["RecommendationJobType"]?["enum"] as? [String] == ["Default", "Advanced"])
        let name = try #require(defs["RecommendationJobName"])
        #expect(name["minLength"] as? Int == 1)
        #expect(name["maxLength"] as? Int == 64)
        let request = try #require(defs["CreateInferenceRecommendationsJobRequest"]?["properties"] as? [String: [String: Any]])
        #expect((request["JobType"]?["description"] as? String)?.hasPrefix("Defines the type of recommendation job. Specify Default") == true)
    }

    @Test func schemaOfARecursiveModelUsesReferences() throws {
        let text = JSONSchemaGenerator().generate(Self.recursive)
        let schema = try Self.json(text)
        #expect(schema["description"] as? String == """
        Grows a tree & more.

        The request document of test:Tree (the JSON passed to `aws test tree --cli-input-json`), generated by reqlint from \
        test/2020-01-01/service-2.json (SHA-256 \(String(repeating: "0", count: 64))). It states the model's types, required \
        members, lengths, ranges, sizes and enum values. Left to the linter (`reqlint lint`): the model's patterns (Java regular \
        expressions, given in the descriptions), integers written with a fraction or exponent (3.0, 1e3), dates and times that \
        do not exist (2026-02-30), and the cross-field and documented rules (`reqlint rules`).
        """)
        let defs = schema["$defs"] as! [String: [String: Any]]
        #expect(Set(defs.keys) == ["Node", "Nodes", "Label"])
        let properties = defs["Node"]!["properties"] as! [String: [String: Any]]
        #expect(properties["Parent"]?["$ref"] as? String == "#/$defs/Node")
        #expect(defs["Nodes"]?["minItems"] == nil, "a lower bound of 0 says nothing")
        // Keys are sorted at every level.
        #expect(text.contains("\"$defs\": {\n    \"Label\": {"))
    }

    @Test func cliNames() {
        #expect(JSONSchemaGenerator.cliName("CreateInferenceRecommendationsJob") == "create-inference-recommendations-job")
        #expect(JSONSchemaGenerator.cliName("StartTrainedModelInferenceJob") == "start-trained-model-inference-job")
        #expect(JSONSchemaGenerator.cliName("GetMLModel") == "get-ml-model")
    }

    // MARK: Schema: validated by Python's jsonschema against the metaschema and the corpus

    /// Whether `python3` can import `jsonschema`.
    static let pythonJSONSchema: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import jsonschema; jsonschema.Draft202012Validator"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// Writes every operation's schema to a temporary folder, named `<service>.<Operation>.json`.
    static func writeSchemas() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reqlint-schemas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for id in registry.ids {
            let text = JSONSchemaGenerator().generate(registry.operations[id]!)
            try text.write(to: folder.appendingPathComponent("\(id.service).\(id.name).json"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test(.enabled(if: pythonJSONSchema, "skipped: python3 with jsonschema is not installed (pip install jsonschema)"))
    func schemasAreValidAndAcceptTheValidCorpus() throws {
        let folder = try Self.writeSchemas()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = """
        import glob, json, os, sys
        import jsonschema
        folder, corpus = sys.argv[1], sys.argv[2]
        problems, checked = [], 0
        for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
            text = open(path, encoding="utf-8").read()
            schema = json.loads(text)
            jsonschema.Draft202012Validator.check_schema(schema)
            if json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\\n" != text:
                problems.append(path + ": not sorted, pretty JSON")
            service, operation = os.path.basename(path)[:-5].split(".", 1)
            validator = jsonschema.Draft202012Validator(schema)
            documents = sorted(glob.glob(os.path.join(corpus, service, operation, "valid*.json")))
            if not documents:
                problems.append(path + ": no valid documents in the corpus")
            for document in documents:
                checked += 1
                instance = json.load(open(document, encoding="utf-8-sig"))
                for error in validator.iter_errors(instance):
                    problems.append("%s: %s: %s" % (document, "/".join(map(str, error.absolute_path)), error.message[:200]))
        print("checked", checked)
        for p in problems: print(p)
        sys.exit(1 if problems else 0)
        """
        let corpus = Self.repository.appendingPathComponent("corpus")
        let result = try Self.run(["python3", "-c", script, folder.path, corpus.path])
        #expect(result.status == 0, "\(result.output)")
        let checked = Int(result.output.split(separator: "\n").first?.split(separator: " ").last ?? "0") ?? 0
        #expect(checked > 100, "\(result.output)")
    }

    @Test(.enabled(if: pythonJSONSchema, "skipped: python3 with jsonschema is not installed (pip install jsonschema)"))
    func schemasRejectWhatTheModelForbids() throws {
        let folder = try Self.writeSchemas()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1]))
        validator = jsonschema.Draft202012Validator(schema)
        base = {"JobName": "ok", "JobType": "Default", "RoleArn": "arn:aws:iam::123456789012:role/R", "InputConfig": {}}
        bad = [
            {k: v for k, v in base.items() if k != "RoleArn"},
            dict(base, JobType="default"),
            dict(base, jobName="x"),
            dict(base, JobName=""),
            dict(base, JobName="x" * 65),
            dict(base, InputConfig={"JobDurationInSeconds": "60"}),
            dict(base, InputConfig={"JobDurationInSeconds": 2147483648}),
            dict(base, InputConfig={"JobDurationInSeconds": 1.5}),
            dict(base, InputConfig={"ContainerConfig": {"Domain": "MACHINE_learning"}}),
            dict(base, Tags=[{"Key": "k", "Value": "v"}] * 51),
        ]
        accepted = [i for i, d in enumerate(bad) if validator.is_valid(d)]
        print("accepted", accepted)
        sys.exit(1 if accepted or not validator.is_valid(base) else 0)
        """
        let result = try Self.run(["python3", "-c", script, folder.appendingPathComponent("sagemaker.CreateInferenceRecommendationsJob.json").path])
        #expect(result.status == 0, "\(result.output)")
    }

    /// `check-jsonschema`, if installed (`pip install check-jsonschema`).
    static let checkJSONSchema: Bool = (try? run(["check-jsonschema", "--version"]).status == 0) ?? false

    @Test(.enabled(if: checkJSONSchema, "skipped: check-jsonschema is not installed (pip install check-jsonschema)"))
    func checkJSONSchemaAcceptsTheSchemas() throws {
        let folder = try Self.writeSchemas()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
        let result = try Self.run(["check-jsonschema", "--check-metaschema"] + files)
        #expect(result.status == 0, "\(result.output)")
        // check-jsonschema asserts `format`: the date-times AWS takes without an offset, or
        // with +hh or +hhmm, still pass.
        for id in Self.registry.ids {
            let corpus = Self.repository.appendingPathComponent("corpus/\(id.service)/\(id.name)")
            let documents = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
                .filter { $0.hasPrefix("valid") && $0.hasSuffix(".json") }.sorted().map { corpus.appendingPathComponent($0).path }
                // check-jsonschema cannot read a byte order mark (the Python test above covers those files).
                .filter { (FileManager.default.contents(atPath: $0)?.prefix(3)).map(Array.init) != [0xEF, 0xBB, 0xBF] }
            let schema = folder.appendingPathComponent("\(id.service).\(id.name).json").path
            let validated = try Self.run(["check-jsonschema", "--schemafile", schema] + documents)
            #expect(validated.status == 0, "\(id): \(validated.output)")
        }
    }

    // MARK: Skeleton

    /// Checks that every object of `value` that is a structure has exactly `expected(shape)`
    /// members, in that order; returns the number of structures checked.
    static func checkMembers(_ value: Any, _ shapeName: String, _ pack: OperationPack, expected: (Shape) -> [String]) -> Int {
        guard let shape = pack.shapes[shapeName] else { return 0 }
        switch shape.kind {
        case .structure:
            guard let object = value as? [String: Any] else {
                Issue.record("\(shapeName) is not an object")
                return 0
            }
            #expect(Set(object.keys) == Set(expected(shape)), "\(shapeName)")
            var count = 1
            for member in shape.members where object[member.name] != nil {
                count += checkMembers(object[member.name]!, member.shape, pack, expected: expected)
            }
            return count
        case .list:
            guard let array = value as? [Any], !array.isEmpty else {
                Issue.record("\(shapeName) is not a non-empty array")
                return 0
            }
            return array.map { checkMembers($0, shape.listMember!, pack, expected: expected) }.reduce(0, +)
        case .map:
            guard let object = value as? [String: Any], object.count == 1 else {
                Issue.record("\(shapeName) is not a one-entry object")
                return 0
            }
            return checkMembers(object.values.first!, shape.mapValue!, pack, expected: expected)
        default:
            return 0
        }
    }

    /// The member names of each object in `text`, in source order, by JSON pointer.
    static func memberOrder(_ text: String) -> [String: [String]] {
        let document = JSONParser.parse(Array(text.utf8))
        let parents = document.parents()
        var order: [String: [String]] = [:]
        for index in document.nodes.indices where document.nodes[index].kind == .object {
            order[document.pointer(to: Int32(index), parents: parents).description] = document.members(of: Int32(index)).map { document.string($0.key) }
        }
        return order
    }

    @Test(arguments: registry.ids)
    func skeletonHasEveryMemberInModelOrder(_ id: OperationID) throws {
        let model = Self.registry.operations[id]!
        let text = SkeletonGenerator().generate(model)
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        #expect(Self.checkMembers(value, model.pack.input, model.pack) { $0.members.map(\.name) } > 3)
        #expect(Self.memberOrder(text)[""] == model.inputShape.members.map(\.name))
        // Only placeholders' own constraints can fail: every member is there with the right type.
        let result = Linter(registry: Self.registry).lint(Array(text.utf8), operation: id)
        #expect(result.status == .checked)
        let structural: Set<RuleID> = [.required, .unknownMember, .type, .size, .range, .duplicateKey]
        #expect(result.diagnostics.filter { structural.contains($0.rule) }.map(\.message) == [])
    }

    @Test(arguments: registry.ids)
    func minimalSkeletonHasExactlyTheRequiredMembers(_ id: OperationID) throws {
        let model = Self.registry.operations[id]!
        let text = SkeletonGenerator(minimal: true).generate(model)
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        #expect(Self.checkMembers(value, model.pack.input, model.pack) { shape in shape.members.map(\.name).filter(shape.required.contains) } >= 1)
        #expect(Self.memberOrder(text)[""] == model.inputShape.members.map(\.name).filter(model.inputShape.required.contains))
        let result = Linter(registry: Self.registry).lint(Array(text.utf8), operation: id)
        #expect(!result.diagnostics.contains { $0.rule == .required || $0.rule == .unknownMember || $0.rule == .type })
    }

    @Test func skeletonPlaceholdersTellTheirConstraints() throws {
        let model = Self.registry.operations[OperationID("sagemaker:CreateInferenceRecommendationsJob")!]!
        let object = try Self.json(SkeletonGenerator().generate(model))
        let pattern = model.pack.shapes["RecommendationJobName"]!.pattern!
        #expect(object["JobName"] as? String == "string (1-64 characters, pattern \(pattern))")
        #expect(object["JobType"] as? String == "Default | Advanced")
        let input = object["InputConfig"] as! [String: Any]
        #expect(input["JobDurationInSeconds"] as? Int == 0 || (input["JobDurationInSeconds"] as? Int ?? 0) > 0)
        let container = input["ContainerConfig"] as! [String: Any]
        #expect(container["Domain"] as? String == "COMPUTER_VISION | NATURAL_LANGUAGE_PROCESSING | MACHINE_LEARNING")
        #expect((container["NearestModelName"] as? String)?.hasSuffix("| … (19 values: `reqlint explain enum`)") == true)
        let minimal = try Self.json(SkeletonGenerator(minimal: true).generate(model))
        #expect(Set(minimal.keys) == ["JobName", "JobType", "RoleArn", "InputConfig"])
    }

    @Test func skeletonOfARecursiveModelEnds() throws {
        let full = SkeletonGenerator().generate(Self.recursive)
        #expect(full == """
        {
          "Label": "string (1-8 characters)",
          "Parent": {},
          "Children": [
            {}
          ]
        }

        """)
        #expect(SkeletonGenerator(minimal: true).generate(Self.recursive) == "{\n  \"Label\": \"string (1-8 characters)\",\n  \"Children\": [\n    {}\n  ]\n}\n")
    }

    // MARK: SARIF fixes

    @Test func sarifResultsCarryTheirCertainFixes() throws {
        let text = "{\n  \"JobName\": \"😀x\", \"JobType\": \"default\",\n  \"roleArn\": \"arn:aws:iam::123456789012:role/R\", \"InputConfig\": {}\n}\n"
        let bytes = Array(text.utf8)
        let result = Linter(registry: Self.registry).lint(bytes)
        let fixes = Fix.certainFixes(for: result, registry: Self.registry)
        #expect(fixes.count == 2)
        let lines = LineTable(bytes)
        let path = "requests/ir.json"
        let sarif = SARIFReporter(toolVersion: "0", workingDirectory: "/work/repo/",
                                  fixes: [path: fixes.map { SARIFReporter.LocatedFix($0, lines: lines) }])
            .report([FileReport(path: path, result: result)])
        let results = ((try Self.json(sarif)["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
        let fixed = results.filter { $0["fixes"] != nil }
        #expect(fixed.map { $0["ruleId"] as? String } == ["enum", "unknown-member"])
        let enumFix = (fixed[0]["fixes"] as! [[String: Any]])[0]
        #expect((enumFix["description"] as? [String: Any])?["text"] as? String == #"change "default" to "Default""#)
        let change = (enumFix["artifactChanges"] as! [[String: Any]])[0]
        #expect((change["artifactLocation"] as? [String: Any])?["uri"] as? String == path)
        #expect((change["artifactLocation"] as? [String: Any])?["uriBaseId"] as? String == "%SRCROOT%")
        let replacement = (change["replacements"] as! [[String: Any]])[0]
        // `  "JobName": "😀x", "JobType": "` is 32 UTF-16 units: the value's inside starts at column 33.
        #expect(replacement["deletedRegion"] as? [String: Int] == ["startLine": 2, "startColumn": 33, "endLine": 2, "endColumn": 40])
        #expect((replacement["insertedContent"] as? [String: Any])?["text"] as? String == "Default")
        // Results without a certain fix have none; without fixes, nothing changes.
        #expect(results.filter { $0["fixes"] == nil }.allSatisfy { $0["ruleId"] as? String != "enum" })
        #expect(!SARIFReporter(toolVersion: "0", workingDirectory: nil).report([FileReport(path: path, result: result)]).contains("\"fixes\""))
    }
}
