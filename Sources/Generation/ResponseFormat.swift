/// How the API returns image bytes (`response_format`).
public enum ResponseFormat: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// The bytes inline as base64 in `b64_json`.
    case base64
    /// A short-lived download link in `url` (the service's default).
    case url
}
