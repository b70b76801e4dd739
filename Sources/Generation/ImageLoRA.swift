/// A LoRA adapter applied to a generation (`image_loras` item).
public struct ImageLoRA: Sendable, Equatable, Hashable, Codable {
    /// Where the adapter lives (a URL or a Hugging Face repository path).
    public var path: String
    /// How strongly it applies (documented useful range about 0.3–1.2).
    public var scale: Double

    /// Creates a LoRA reference.
    /// - Parameters:
    ///   - path: The adapter's location.
    ///   - scale: Its strength.
    public init(path: String, scale: Double) {
        self.path = path
        self.scale = scale
    }
}
