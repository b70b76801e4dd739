/// What Darkroom knows about one image model: which parameters it takes and how it sizes images.
public struct ModelInfo: Sendable, Equatable, Hashable, Codable {
    /// The exact model id sent as `model`.
    public var id: String
    /// The family it belongs to (e.g. `FLUX.1 Schnell`, `FLUX.1 Kontext`, `Gemini`).
    public var family: String
    /// The optional request fields it takes beyond those every model takes
    /// (`ModelInfo.universalParameters`), by their API names.
    public var parameters: [String]
    /// Its step count default and range, when it takes `steps`.
    public var steps: StepRange?
    /// How it sizes images.
    public var size: SizeRule
    /// Whether a partner hosts it (then the organisation must allow third-party data sharing).
    public var partnerHosted: Bool
    /// How it is billed.
    public var pricing: PricingKind
    /// Whether it is still listed: `current`, `deprecated` or `retired`.
    public var status: String
    /// Where the facts come from and how sure they are.
    public var notes: String?

    /// Fields every model takes.
    public static let universalParameters: [String] = [
        "model", "prompt", "n", "seed", "response_format", "output_format", "disable_safety_checker",
    ]

    /// Whether the model takes the API field `name`.
    public func accepts(_ name: String) -> Bool {
        Self.universalParameters.contains(name) || parameters.contains(name)
    }
}
