/// An image file format, recognised from the file's first bytes (never its name).
public enum ImageFormat: String, Sendable, CaseIterable, Codable {
    /// PNG (decoded and encoded).
    case png
    /// JPEG / JFIF / EXIF (decoded and encoded).
    case jpeg
    /// WebP, lossy or lossless (decoded and encoded).
    case webp
    /// GIF (recognised and refused).
    case gif
    /// AVIF (recognised and refused).
    case avif
    /// HEIC / HEIF (recognised and refused).
    case heic
    /// Windows bitmap (recognised and refused).
    case bmp
    /// TIFF (recognised and refused).
    case tiff

    /// Whether Darkroom can decode and encode this format.
    public var isSupported: Bool { self == .png || self == .jpeg || self == .webp }

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .heic: "heic"
        case .tiff: "tif"
        default: rawValue
        }
    }

    /// The name as people write it: PNG, JPEG, WebP, GIF, AVIF, HEIC, BMP, TIFF.
    public var displayName: String { self == .webp ? "WebP" : rawValue.uppercased() }

    /// The MIME type.
    public var mimeType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        case .gif: "image/gif"
        case .avif: "image/avif"
        case .heic: "image/heic"
        case .bmp: "image/bmp"
        case .tiff: "image/tiff"
        }
    }

    /// A format named by a user (`png`, `jpeg`/`jpg`, `webp`), case-insensitive.
    public init?(name: String) {
        switch name.lowercased() {
        case "png": self = .png
        case "jpeg", "jpg": self = .jpeg
        case "webp": self = .webp
        default: return nil
        }
    }

    /// Recognises a format from its magic bytes.
    /// - Parameter bytes: The start of a file; 12 bytes are enough for every format.
    /// - Returns: The format, or `nil` when the bytes match none.
    public static func sniff<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> ImageFormat? {
        let head = Array(bytes.prefix(16))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("BM".utf8)) && head.count >= 14 { return .bmp }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if starts(Array("ftyp".utf8), at: 4) && head.count >= 12 {
            let brand = String(decoding: head[8..<12], as: UTF8.self)
            switch brand {
            case "avif", "avis": return .avif
            case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1": return .heic
            default: return nil
            }
        }
        return nil
    }
}
