import Pixels

/// Decodes any supported image after sniffing its format from the bytes.
public enum ImageDecoder {
    /// The format of `bytes`, or the error that says why it cannot be decoded.
    /// - Throws: `DecodeError.empty`, `.unrecognisedFormat` or `.unsupportedFormat`.
    public static func format(of bytes: [UInt8]) throws(DecodeError) -> ImageFormat {
        guard !bytes.isEmpty else { throw .empty }
        guard let format = ImageFormat.sniff(bytes) else { throw .unrecognisedFormat(leadingBytes: Array(bytes.prefix(8))) }
        guard format.isSupported else { throw .unsupportedFormat(format) }
        return format
    }

    /// Reads the header and metadata without decoding pixels.
    /// - Throws: `DecodeError` when the data is not a readable PNG, JPEG or WebP.
    public static func readInfo(_ bytes: [UInt8]) throws(DecodeError) -> ImageInfo {
        switch try format(of: bytes) {
        case .png: try PNGCodec.readInfo(bytes)
        case .jpeg: try JPEGCodec.readInfo(bytes)
        default: try WebPCodec.readInfo(bytes)
        }
    }

    /// Decodes PNG, JPEG or WebP to an 8-bit image.
    /// - Parameters:
    ///   - bytes: A whole file.
    ///   - options: Limits, JPEG scale, orientation.
    /// - Throws: `DecodeError`.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws(DecodeError) -> DecodedImage {
        switch try format(of: bytes) {
        case .png: try PNGCodec.decode(bytes, options: options)
        case .jpeg: try JPEGCodec.decode(bytes, options: options)
        default: try WebPCodec.decode(bytes, options: options)
        }
    }
}
