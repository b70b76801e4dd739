import Codecs

/// One finished image: its bytes as returned, what they are, and how they were made.
public struct GeneratedImage: Sendable, Equatable {
    /// Position among the images asked for (0-based).
    public var index: Int
    /// The seed it was made with.
    public var seed: Int
    /// The request sent for it (with `n` = 1 and its own seed).
    public var request: ImageRequest
    /// The encoded image bytes.
    public var bytes: [UInt8]
    /// The format sniffed from the bytes.
    public var format: ImageFormat
    /// Decoded width in pixels.
    public var width: Int
    /// Decoded height in pixels.
    public var height: Int
    /// `together` or `local`.
    public var backend: String
    /// The answer's request id.
    public var responseID: String?
    /// The answer's `model` (`darkroom/offline` for the offline generator).
    public var responseModel: String?
    /// Timings the service sent for this image.
    public var timings: JSONValue?
    /// Whether it came from the request cache.
    public var fromCache: Bool
    /// Things worth knowing that did not stop it (e.g. the size came back different).
    public var warnings: [String]

    /// Creates a result.
    public init(index: Int, seed: Int, request: ImageRequest, bytes: [UInt8], format: ImageFormat, width: Int, height: Int,
                backend: String, responseID: String?, responseModel: String?, timings: JSONValue?, fromCache: Bool, warnings: [String]) {
        self.index = index
        self.seed = seed
        self.request = request
        self.bytes = bytes
        self.format = format
        self.width = width
        self.height = height
        self.backend = backend
        self.responseID = responseID
        self.responseModel = responseModel
        self.timings = timings
        self.fromCache = fromCache
        self.warnings = warnings
    }
}
