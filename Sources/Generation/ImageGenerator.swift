/// Something that answers image requests with the images API's response body: the
/// Together client, or the offline generator.
public protocol ImageGenerator: Sendable {
    /// `together` or `local`, recorded in sidecars.
    var name: String { get }
    /// What distinguishes this backend's answers in the request cache (never a secret),
    /// or `nil` when its answers are not worth caching.
    var cacheScope: String? { get }
    /// Sends one request and returns the response body as received.
    /// - Throws: `GenerationError` for refusals, failures and time-outs.
    func send(_ request: ImageRequest) async throws(GenerationError) -> [UInt8]
    /// Downloads the bytes behind an image link (URL mode).
    /// - Throws: `GenerationError.downloadFailed`.
    func download(_ url: String) async throws(GenerationError) -> [UInt8]
}
