import Pixels

/// What a file's header says about its image, before or after decoding.
public struct ImageInfo: Sendable, Equatable {
    /// The file's format.
    public var format: ImageFormat
    /// Width as stored in the file (before any orientation is applied).
    public var width: Int
    /// Height as stored in the file.
    public var height: Int
    /// Bits per sample in the file (1, 2, 4, 8, 12 or 16).
    public var bitDepth: Int
    /// The file's colour model: `gray`, `gray+alpha`, `rgb`, `rgba`, `palette`,
    /// `palette+alpha`, `gray+trns`, `rgb+trns`, `cmyk`, `ycck`.
    public var colourModel: String
    /// The layout decoding yields.
    public var layout: PixelLayout
    /// Interlaced PNG, progressive JPEG.
    public var interlaced: Bool
    /// WebP: lossless (`VP8L`) rather than lossy; `nil` for other formats.
    public var lossless: Bool?
    /// Metadata the file carries.
    public var metadata: ImageMetadata

    /// Creates an info record.
    public init(
        format: ImageFormat, width: Int, height: Int, bitDepth: Int, colourModel: String,
        layout: PixelLayout, interlaced: Bool = false, lossless: Bool? = nil, metadata: ImageMetadata = ImageMetadata()
    ) {
        self.format = format
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colourModel = colourModel
        self.layout = layout
        self.interlaced = interlaced
        self.lossless = lossless
        self.metadata = metadata
    }
}

/// A decoded image and what its file said about it.
public struct DecodedImage: Sendable, Equatable {
    /// The pixels, 8-bit, straight alpha, upright unless orientation was kept.
    public var image: Image
    /// The header and metadata of the file.
    public var info: ImageInfo

    /// Pairs pixels with their info.
    public init(image: Image, info: ImageInfo) {
        self.image = image
        self.info = info
    }
}
