/// The encoded format the API should return (`output_format`).
public enum OutputFormat: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// JPEG (the service's default).
    case jpeg
    /// PNG.
    case png
}
