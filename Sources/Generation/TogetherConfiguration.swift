import Foundation

/// How to reach the Together images API. The key is kept out of every description.
public struct TogetherConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The default service root.
    public static let defaultBaseURL = "https://api.together.ai"

    /// The service root without `/v1` or a trailing slash, e.g. `https://api.together.ai`.
    public var baseURL: String
    /// The API key sent as `Authorization: Bearer …`; never printed, logged or cached.
    public var apiKey: String
    /// Seconds to wait for an answer (connect included), default 300.
    public var timeout: Double
    /// Retry rules.
    public var retry: RetryPolicy
    /// The `User-Agent` sent with every request and download (the CDN refuses a blank one).
    public var userAgent: String

    /// Creates a configuration.
    /// - Parameters:
    ///   - baseURL: The service root, with or without `/v1` and a trailing slash.
    ///   - apiKey: The API key.
    ///   - timeout: Seconds to wait for an answer.
    ///   - retry: Retry rules.
    ///   - userAgent: The `User-Agent` header.
    public init(baseURL: String = TogetherConfiguration.defaultBaseURL, apiKey: String, timeout: Double = 300,
                retry: RetryPolicy = RetryPolicy(), userAgent: String = "darkroom/0.1 (Swift; AsyncHTTPClient)") {
        self.baseURL = Self.normaliseBaseURL(baseURL)
        self.apiKey = apiKey
        self.timeout = timeout
        self.retry = retry
        self.userAgent = userAgent
    }

    /// The service root without trailing slashes or a trailing `/v1` (SDK 3.x expects it
    /// without, the TypeScript SDK and SDK v1 with; both spellings are accepted).
    public static func normaliseBaseURL(_ text: String) -> String {
        var url = text.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        if url.lowercased().hasSuffix("/v1") { url.removeLast(3) }
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// `<baseURL>/v1/images/generations`.
    public var endpoint: String { baseURL + "/v1/images/generations" }

    /// Replaces every occurrence of the key in `text` with `[redacted]`.
    public func redact(_ text: String) -> String {
        apiKey.count < 4 ? text : text.replacingOccurrences(of: apiKey, with: "[redacted]")
    }

    /// The base URL and time-out; never the key.
    public var description: String { "TogetherConfiguration(baseURL: \(baseURL), timeout: \(timeout) s, apiKey: [redacted])" }
    /// Same as `description`.
    public var debugDescription: String { description }
    /// A mirror without the key.
    public var customMirror: Mirror { Mirror(self, children: ["baseURL": baseURL, "timeout": timeout], displayStyle: .struct) }
}
