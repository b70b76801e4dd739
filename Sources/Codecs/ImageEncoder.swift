import Pixels

/// Encodes an image to PNG, JPEG or WebP.
public enum ImageEncoder {
    /// Encodes `image`.
    /// - Parameters:
    ///   - image: Any layout. JPEG cannot store alpha: an image with alpha is flattened
    ///     onto `background` first (white unless given).
    ///   - settings: Format and options.
    ///   - metadata: Metadata to embed where the format can hold it.
    ///   - background: The colour under transparent pixels when alpha must go.
    /// - Throws: `EncodeError`.
    public static func encode(
        _ image: Image, as settings: EncodeSettings, metadata: ImageMetadata = ImageMetadata(), background: Colour = .white
    ) throws(EncodeError) -> [UInt8] {
        switch settings {
        case let .png(options):
            return try PNGCodec.encode(image, options: options, metadata: metadata)
        case let .jpeg(options):
            let opaque = image.layout.hasAlpha ? image.flattened(onto: background) : image
            return try JPEGCodec.encode(opaque, options: options, metadata: metadata)
        case let .webp(options):
            return try WebPCodec.encode(image, options: options, metadata: metadata)
        }
    }
}
