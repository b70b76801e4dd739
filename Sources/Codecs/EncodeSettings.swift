/// A target format with its encoder options.
public enum EncodeSettings: Sendable, Equatable {
    /// PNG with these options.
    case png(PNGEncodeOptions)
    /// JPEG with these options.
    case jpeg(JPEGEncodeOptions)
    /// WebP with these options.
    case webp(WebPEncodeOptions)

    /// The format written.
    public var format: ImageFormat {
        switch self {
        case .png: .png
        case .jpeg: .jpeg
        case .webp: .webp
        }
    }
}
