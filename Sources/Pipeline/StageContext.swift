import Generation

/// What a stage knows about the item it works on, besides its image.
public struct StageContext: Sendable {
    /// How messages name the item.
    public var name: String
    /// The template fields of the item.
    public var fields: ItemFields
    /// The model the item was generated with, if any (for `validate: {multiple: model}`).
    public var model: String?

    /// Creates a context.
    public init(name: String, fields: ItemFields, model: String? = nil) {
        self.name = name
        self.fields = fields
        self.model = model
    }
}
