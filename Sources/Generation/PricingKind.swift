/// How a model is billed.
public enum PricingKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// By megapixel (w × h / 10⁶), more when steps exceed the default: models Together serves itself.
    case perMegapixel = "per-megapixel"
    /// By image: partner-hosted models.
    case perImage = "per-image"
}
