/// Why an image could not be encoded.
public enum EncodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An option is outside its range; `rule` says what is accepted.
    case invalidOption(name: String, value: String, rule: String)
    /// The image is larger than the format can store.
    case tooLarge(ImageFormat, width: Int, height: Int, maximum: Int)
    /// The encoding library failed; `message` is its own words.
    case library(ImageFormat, message: String)
    /// Metadata could not be written (e.g. an XMP packet too large for a JPEG segment).
    case metadata(ImageFormat, message: String)

    public var description: String {
        switch self {
        case let .invalidOption(name, value, rule):
            "invalid \(name) \(value): \(rule)"
        case let .tooLarge(f, w, h, maximum):
            "a \(w)x\(h) image is too large for \(f.displayName) (at most \(maximum) pixels per side); resize it first"
        case let .library(f, message):
            "\(f.displayName) encoder failed: \(message)"
        case let .metadata(f, message):
            "cannot write \(f.displayName) metadata: \(message)"
        }
    }
}
