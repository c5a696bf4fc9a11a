/// A shape of an AWS service model: the type of a value and its constraints, as botocore's
/// `service-2.json` describes it.
public struct Shape: Sendable, Hashable {
    /// The model's shape types.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case structure, list, map, string, integer, long, float, double, boolean, timestamp, blob
    }

    /// The shape's name in the model (`RecommendationJobName`).
    public var name: String
    /// The shape type.
    public var kind: Kind
    /// The shape's documentation (HTML, as in the model).
    public var documentation: String?
    /// `min`: minimum length (strings, in code points), size (lists, maps) or value (numbers).
    public var min: Double?
    /// `max`: maximum length, size or value.
    public var max: Double?
    /// The model's Java regular expression; AWS applies it to the whole value.
    public var pattern: String?
    /// The valid values of an enum string.
    public var enumValues: [String]?
    /// Structure members, in model order.
    public var members: [Member]
    /// Names of required structure members.
    public var required: [String]
    /// The element shape of a list.
    public var listMember: String?
    /// The key and value shapes of a map.
    public var mapKey: String?
    public var mapValue: String?

    /// Creates a shape.
    public init(
        name: String, kind: Kind, documentation: String? = nil, min: Double? = nil, max: Double? = nil,
        pattern: String? = nil, enumValues: [String]? = nil, members: [Member] = [], required: [String] = [],
        listMember: String? = nil, mapKey: String? = nil, mapValue: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.documentation = documentation
        self.min = min
        self.max = max
        self.pattern = pattern
        self.enumValues = enumValues
        self.members = members
        self.required = required
        self.listMember = listMember
        self.mapKey = mapKey
        self.mapValue = mapValue
    }
}

/// A member of a structure shape.
public struct Member: Sendable, Hashable {
    /// The member name as it appears in a request document (`JobName`).
    public var name: String
    /// The name of the member's shape.
    public var shape: String
    /// The member's own documentation (more specific than its shape's).
    public var documentation: String?
    /// Where an HTTP request carries the member (`uri`, `querystring`, `header`), or `nil` for the body.
    public var location: String?
    /// The name used at ``location``.
    public var locationName: String?
    /// For members added by a hand-written overlay: the document that states the member.
    public var source: String?

    /// Creates a member.
    public init(name: String, shape: String, documentation: String? = nil, location: String? = nil,
                locationName: String? = nil, source: String? = nil) {
        self.name = name
        self.shape = shape
        self.documentation = documentation
        self.location = location
        self.locationName = locationName
        self.source = source
    }
}
