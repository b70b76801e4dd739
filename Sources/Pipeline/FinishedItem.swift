/// What a gather stage learns of one finished item: its name, fields and outputs.
public struct FinishedItem: Sendable, Equatable {
    /// Position in the plan.
    public var index: Int
    /// How messages name it.
    public var name: String
    /// Its template fields.
    public var fields: ItemFields
    /// Its outputs' paths relative to the output folder, in the order written.
    public var outputs: [String]

    /// Creates a record.
    public init(index: Int, name: String, fields: ItemFields, outputs: [String]) {
        self.index = index
        self.name = name
        self.fields = fields
        self.outputs = outputs
    }
}
