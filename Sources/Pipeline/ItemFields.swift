/// The values a write stage's name template can use for an item.
public struct ItemFields: Sendable, Equatable {
    /// Input file stem (`photo`, `response-2`), or `img-<index>-seed<seed>` for generated items.
    public var stem: String
    /// Position in the plan (the same in every shard).
    public var index: Int
    /// Seed, for generated items.
    public var seed: Int?
    /// Steps, for generated items.
    public var steps: Int?
    /// Model id, for generated items.
    public var model: String?
    /// Prompt, for generated items.
    public var prompt: String?

    /// Creates fields.
    public init(stem: String, index: Int, seed: Int? = nil, steps: Int? = nil, model: String? = nil, prompt: String? = nil) {
        self.stem = stem
        self.index = index
        self.seed = seed
        self.steps = steps
        self.model = model
        self.prompt = prompt
    }
}
