/// What `reqlint lint` was asked to do, as plain values: ``Lint`` (ArgumentParser's command)
/// declares the options with these defaults and hands them over, and the common command lines
/// (``init(flags:paths:)``) are read without ArgumentParser at all.
struct LintSettings: Equatable {
    typealias Format = Lint.Format
    typealias Color = Lint.Color

    /// Every option at its default: the defaults ``Lint`` declares.
    static let defaults = LintSettings()

    var format: Format = .text
    var output: [String] = []
    var operation: String?
    var config: String?
    var failLevel: String?
    var noSuppressions = false
    var baseline: String?
    var writeBaseline: String?
    var stdinFilename: String?
    var forceExclude = false
    var skipNonRequests = false
    var color: Color = .auto
    var jobs: Int?
    var quiet = false
    var fix = false
    var dryRun = false
    var filesFrom: String?
    var paths: [String] = []

    /// `lint` with `flags` (names from ``LintArguments/flags``) set and `paths`, the rest at
    /// their defaults: what ArgumentParser makes of the same command line (a test compares
    /// them), without its parse: about 10 million instructions of runtime reflection and
    /// conformance lookups, most of a one-file run. The pre-commit hooks'
    /// `reqlint lint --force-exclude --skip-non-requests FILE…` takes this way.
    init(flags: Set<String>, paths: [String]) {
        noSuppressions = flags.contains("--no-suppressions")
        forceExclude = flags.contains("--force-exclude")
        skipNonRequests = flags.contains("--skip-non-requests")
        quiet = flags.contains("--quiet") || flags.contains("-q")
        fix = flags.contains("--fix")
        dryRun = flags.contains("--dry-run")
        self.paths = paths
    }

    init() {}

    init(format: Format, output: [String], operation: String?, config: String?, failLevel: String?, noSuppressions: Bool, baseline: String?,
         writeBaseline: String?, stdinFilename: String?, forceExclude: Bool, skipNonRequests: Bool, color: Color, jobs: Int?, quiet: Bool,
         fix: Bool, dryRun: Bool, filesFrom: String?, paths: [String]) {
        self.format = format
        self.output = output
        self.operation = operation
        self.config = config
        self.failLevel = failLevel
        self.noSuppressions = noSuppressions
        self.baseline = baseline
        self.writeBaseline = writeBaseline
        self.stdinFilename = stdinFilename
        self.forceExclude = forceExclude
        self.skipNonRequests = skipNonRequests
        self.color = color
        self.jobs = jobs
        self.quiet = quiet
        self.fix = fix
        self.dryRun = dryRun
        self.filesFrom = filesFrom
        self.paths = paths
    }
}
