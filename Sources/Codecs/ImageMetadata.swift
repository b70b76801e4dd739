import Pixels

/// Metadata carried beside the pixels: colour profile, EXIF, XMP, comments, text chunks.
/// Decoders fill what the file holds; encoders write what the format can store.
public struct ImageMetadata: Sendable, Equatable {
    /// The embedded ICC profile, byte for byte (PNG `iCCP`, JPEG `APP2`, WebP `ICCP`).
    public var iccProfile: [UInt8]?
    /// The EXIF block as a TIFF structure (starting `II*\0` or `MM\0*`, without JPEG's
    /// `Exif\0\0` prefix).
    public var exif: [UInt8]?
    /// The XMP packet (JPEG `APP1` with the Adobe namespace, PNG `iTXt`
    /// `XML:com.adobe.xmp`, WebP `XMP `).
    public var xmp: String?
    /// A JPEG `COM` comment.
    public var comment: String?
    /// PNG text chunks in file order (`tEXt`, `zTXt`, `iTXt`).
    public var text: [TextChunk]

    /// Creates metadata.
    public init(
        iccProfile: [UInt8]? = nil, exif: [UInt8]? = nil, xmp: String? = nil,
        comment: String? = nil, text: [TextChunk] = []
    ) {
        self.iccProfile = iccProfile
        self.exif = exif
        self.xmp = xmp
        self.comment = comment
        self.text = text
    }

    /// The EXIF orientation, when the EXIF block has a valid one.
    public var orientation: Orientation? { exif.flatMap(ExifReader.orientation(in:)) }

    /// Whether nothing is set.
    public var isEmpty: Bool {
        iccProfile == nil && exif == nil && xmp == nil && comment == nil && text.isEmpty
    }

    /// Names of what is present, for `darkroom info`: `icc`, `exif`, `xmp`, `comment`,
    /// and each text chunk's keyword.
    public var keys: [String] {
        var keys: [String] = []
        if iccProfile != nil { keys.append("icc") }
        if exif != nil { keys.append("exif") }
        if xmp != nil { keys.append("xmp") }
        if comment != nil { keys.append("comment") }
        keys += text.map(\.keyword)
        return keys
    }
}

/// One PNG text chunk.
public struct TextChunk: Sendable, Equatable {
    /// How the chunk is stored.
    public enum Kind: String, Sendable {
        /// `tEXt`: Latin-1, uncompressed.
        case plain
        /// `zTXt`: Latin-1, compressed.
        case compressed
        /// `iTXt`: UTF-8, with optional language tag and translated keyword.
        case international
    }

    /// The keyword (1–79 Latin-1 characters).
    public var keyword: String
    /// The text.
    public var value: String
    /// The chunk type.
    public var kind: Kind
    /// `iTXt` language tag (e.g. `en`), empty when none.
    public var languageTag: String
    /// `iTXt` translated keyword, empty when none.
    public var translatedKeyword: String

    /// Creates a text chunk.
    public init(keyword: String, value: String, kind: Kind = .international, languageTag: String = "", translatedKeyword: String = "") {
        self.keyword = keyword
        self.value = value
        self.kind = kind
        self.languageTag = languageTag
        self.translatedKeyword = translatedKeyword
    }
}
