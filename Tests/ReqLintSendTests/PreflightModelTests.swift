import Foundation
import ReqLintCore
import ReqLintImport
import ReqLintPreflight
import Testing

/// Every allow-listed action takes its protocol facts from its imported service model
/// (`rules/preflight/calls/`, written by scripts/generate-preflight-calls with reqlint's own
/// importer). These tests import each from the installed botocore again and check that the
/// committed model is what the importer makes, that the facts ReadOnlyAction derived are the
/// model's (protocol, API version, JSON target, URI template, method, signing name, endpoint
/// prefix, service id), and that every argument the bundled checks pass is a member.
@Suite struct PreflightModelTests {
    static let botocoreData: String? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let path = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : path + "/data"
    }()

    /// botocore's folder name for each service.
    static let modelFolders = ["iam": "iam", "ec2": "ec2", "s3": "s3", "kms": "kms", "sagemaker": "sagemaker",
                               "cleanrooms": "cleanrooms", "cleanrooms-ml": "cleanroomsml"]

    static func model(_ service: String) throws -> ServiceModelFile {
        let folder = "\(botocoreData!)/\(modelFolders[service]!)"
        let versions = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        return try ServiceModelFile(path: "\(folder)/\(versions.last!)/service-2.json.gz")
    }

    @Test(.enabled(if: botocoreData != nil, "botocore is not installed (scripts/bootstrap installs the pinned version)"),
          arguments: ReadOnlyAction.allowList.map(\.id))
    func handWrittenRequestsMatchTheServiceModel(_ id: String) throws {
        let action = try #require(ReadOnlyAction.named(id))
        let pack = try PackImporter.importPack(from: try Self.model(action.service), operation: action.name)
        let committedPath = "rules/preflight/calls/\(Self.modelFolders[action.service]!)/\(action.name).json"
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent(committedPath), encoding: .utf8)
        #expect(pack.jsonValue().serialized(pretty: true) == committed, "\(committedPath) is stale: run scripts/generate-preflight-calls, then scripts/embed-rules")
        #expect(pack.service.serviceId == action.serviceID)
        #expect(pack.service.endpointPrefix == action.endpointPrefix)
        #expect(pack.service.signingName == action.signingName)
        let input = try #require(pack.shapes[pack.input])
        var names: [String] = []
        for check in try PreflightCheckFile.bundled().flatMap(\.checks) where check.action == action {
            names += check.arguments.map(\.name)
        }
        #expect(!names.isEmpty, "no bundled check calls \(id)")
        switch action.wire {
        case let .query(version):
            #expect(["query", "ec2"].contains(pack.service.protocol))
            #expect(pack.service.apiVersion == version)
            for name in names { #expect(input.members.contains { $0.name == name }, "\(name) is not a member of \(pack.input)") }
        case let .json(targetPrefix):
            #expect(pack.service.protocol == "json")
            #expect(pack.service.targetPrefix == targetPrefix)
            #expect(pack.service.jsonVersion == "1.1")
            for name in names { #expect(input.members.contains { $0.name == name }, "\(name) is not a member of \(pack.input)") }
        case let .restJSON(uri):
            #expect(pack.service.protocol == "rest-json")
            #expect(pack.httpMethod == "GET")
            #expect(pack.requestURI == uri)
            for name in names { #expect(input.members.contains { $0.locationName == name && $0.location == "uri" }, "\(name) is not a URI label of \(id)") }
        case let .s3Head(object):
            #expect(pack.service.protocol == "rest-xml")
            #expect(pack.httpMethod == "HEAD")
            #expect(pack.requestURI == (object ? "/{Bucket}/{Key+}" : "/{Bucket}"))
            for name in names { #expect(input.members.contains { $0.locationName == name && $0.location == "uri" }, "\(name) is not a URI label of \(id)") }
        }
    }
}
