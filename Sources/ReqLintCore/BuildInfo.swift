import CReqLintStamp

/// What this build of reqlint is: its version (the one place it is written; scripts/release
/// reads it from here to name the artifacts), the commit it was built from and the project's
/// public address (both stamped by scripts/release through `CReqLintStamp`).
public enum BuildInfo {
    /// reqlint's version.
    public static let version = "0.1.0"

    /// The git commit a release was built from; `nil` in a development build.
    public static var commit: String? {
        let text = String(cString: reqlint_stamp_commit())
        return text.isEmpty ? nil : text
    }

    /// The project's public address (no trailing slash): the one constant behind every link to
    /// the project's own pages.
    public static var projectURL: String { String(cString: reqlint_stamp_project_url()) }

    /// The page of the rules catalogue (`docs/rules.md`) at this version.
    /// (At the stamped commit; at `main` for a development build or one from a changed tree.)
    public static var rulesDocumentationURL: String {
        let revision = commit.flatMap { $0.hasSuffix("-dirty") ? nil : $0 } ?? "main"
        return projectURL + "/blob/" + revision + "/docs/rules.md"
    }

    /// The operation's page in the AWS API reference.
    public static func apiReferenceURL(_ operation: OperationID) -> String {
        let guide = operation.service == "cleanroomsml" ? "cleanrooms-ml" : operation.service
        return "https://docs.aws.amazon.com/\(guide)/latest/APIReference/API_\(operation.name).html"
    }
}
