/// Why an image could not be decoded. Messages name the format and what was wrong;
/// callers prefix the input's name (file, response item) when they report it.
public enum DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input holds no bytes at all.
    case empty
    /// The bytes match no known image format; `leadingBytes` are the first few, for the
    /// message.
    case unrecognisedFormat(leadingBytes: [UInt8])
    /// The format was recognised but Darkroom does not decode it (GIF, AVIF, HEIC, BMP, TIFF).
    case unsupportedFormat(ImageFormat)
    /// The data ends before the image does; `detail` says how much was missing.
    case truncated(ImageFormat, detail: String)
    /// The data is damaged; `message` is the codec library's own words.
    case corrupt(ImageFormat, message: String)
    /// The header claims a zero width or height.
    case zeroDimension(ImageFormat, width: Int, height: Int)
    /// The header claims a size beyond the configured `DecodeLimits` (checked before
    /// any pixel memory is allocated).
    case exceedsLimits(ImageFormat, width: Int, height: Int, limits: DecodeLimits)
    /// The samples have a bit depth the 8-bit pipeline cannot take (e.g. 12-bit JPEG).
    case unsupportedBitDepth(ImageFormat, bits: Int)
    /// The colour space is one Darkroom cannot convert (e.g. an unknown JPEG transform).
    case unsupportedColourSpace(ImageFormat, name: String)

    public var description: String {
        switch self {
        case .empty:
            return "the input is empty (0 bytes)"
        case let .unrecognisedFormat(lead):
            let hex = lead.prefix(8).map { b in
                let s = String(b, radix: 16)
                return s.count == 1 ? "0" + s : s
            }.joined(separator: " ")
            return "not a PNG, JPEG or WebP image (first bytes: \(hex.isEmpty ? "none" : hex))"
        case let .unsupportedFormat(f):
            return "\(f.displayName) images are not supported; convert to PNG, JPEG or WebP first"
        case let .truncated(f, detail):
            return "truncated \(f.displayName) data: \(detail)"
        case let .corrupt(f, message):
            return "corrupt \(f.displayName) data: \(message)"
        case let .zeroDimension(f, w, h):
            return "\(f.displayName) header claims a \(w)x\(h) image; width and height must be at least 1"
        case let .exceedsLimits(f, w, h, limits):
            return "\(f.displayName) image is \(w)x\(h), over the decode limit of \(limits); raise the limit if this input is trusted"
        case let .unsupportedBitDepth(f, bits):
            return "\(bits)-bit \(f.displayName) images are not supported; Darkroom decodes 8-bit (and 16-bit PNG) samples"
        case let .unsupportedColourSpace(f, name):
            return "\(f.displayName) colour space \(name) is not supported"
        }
    }
}
