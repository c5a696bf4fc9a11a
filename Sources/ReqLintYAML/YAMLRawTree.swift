import ReqLintCore

/// A node of the YAML representation tree as libyaml's events describe it: aliases not yet
/// expanded and merge keys not yet applied. Scalars carry their JSON reading.
struct RawNode {
    enum Kind { case scalar, sequence, mapping, alias }

    var kind: Kind
    /// The bytes of the value: for a scalar from its first byte (the opening quote of a quoted
    /// scalar, the `|` or `>` of a block scalar) to just past its last; for a collection from
    /// its `[`/`{`, first `-` or first key to its `]`/`}` or the end of its last value; for an
    /// alias, `*name`. Properties (`&anchor`, `!tag`) are not part of it.
    var range: SourceRange
    /// The enclosing collection, or -1.
    var parent: Int32
    var isFlow = false
    /// The node is the key of a mapping entry.
    var isKey = false
    /// The collection has started and not yet ended.
    var isOpen = false
    /// Sequence items, or mapping keys and values alternately.
    var children: [Int32] = []
    /// The anchored node an alias refers to.
    var target: Int32 = -1
    /// The anchor defined on the node (`&name`), and where.
    var anchorName: String?
    var anchorRange: SourceRange?
    /// The tag as libyaml resolved it (`tag:yaml.org,2002:str`, `!Ref`), and where it is.
    var tag: String?
    var tagRange: SourceRange?
    /// For a scalar: the JSON kind, the number flag, and the decoded string or number literal.
    var value: JSONNode.Kind = .null
    var flag = false
    var text = ""
    /// The scalar is a merge key (`<<`).
    var isMergeKey = false
    /// For a mapping with merge keys: the members after merging; `nil` when it has none.
    var members: [RawMember]?

    init(kind: Kind, range: SourceRange, parent: Int32) {
        self.kind = kind
        self.range = range
        self.parent = parent
    }
}

/// One member of a mapping after merge keys are applied. `via` is the alias through which a
/// merged member was copied (its nodes take that range in the JSON tree).
struct RawMember {
    var key: Int32
    var value: Int32
    var via: SourceRange?
}

/// A finding about a raw node; it becomes a ``Diagnostic`` once the JSON tree gives pointers.
struct PendingDiagnostic {
    struct Related {
        var message: String
        var range: SourceRange
        var node: Int32
    }

    var rule: RuleID
    var severity: Severity
    var message: String
    var range: SourceRange
    /// The raw node whose JSON pointer the diagnostic takes (or its nearest enclosing node that
    /// has one in the JSON tree).
    var node: Int32
    var related: [Related] = []
}
