/// What became of one of the images asked for.
public struct ImageOutcome: Sendable, Equatable {
    /// Position among the images asked for (0-based).
    public var index: Int
    /// The seed it was (or would have been) made with.
    public var seed: Int
    /// The image, or why there is none.
    public var result: Result<GeneratedImage, GenerationError>

    /// Creates an outcome.
    public init(index: Int, seed: Int, result: Result<GeneratedImage, GenerationError>) {
        self.index = index
        self.seed = seed
        self.result = result
    }
}
