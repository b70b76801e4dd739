import Pixels

/// A thumbnail and how it was made.
public struct Thumbnail: Sendable, Equatable {
    /// The thumbnail's pixels.
    public var image: Image
    /// The source's header and metadata (its full size, before orientation).
    public var info: ImageInfo
    /// The DCT-domain reduction the JPEG decoder applied (`.full` for other formats).
    public var jpegScale: JPEGScale

    /// Creates a thumbnail record.
    public init(image: Image, info: ImageInfo, jpegScale: JPEGScale) {
        self.image = image
        self.info = info
        self.jpegScale = jpegScale
    }
}
