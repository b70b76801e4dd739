import Codecs
import Pixels

/// An item's current image as it travels through the stages: still encoded (decoded on
/// first need, so a leading `thumbnail` can shrink a JPEG on load), or decoded pixels,
/// with the metadata and colour profile that travel with them.
public struct ItemState: Sendable {
    /// The encoded source, until something needs the pixels.
    public private(set) var encoded: [UInt8]?
    /// The source's format.
    public let sourceFormat: ImageFormat
    /// The decoded pixels (once decoded).
    public private(set) var decoded: Image?
    /// The source's metadata (EXIF, XMP, text), kept for writes with `keep_metadata`.
    public var metadata: ImageMetadata
    /// The ICC profile the pixels are in (`nil` once converted to sRGB, or none).
    public var iccProfile: [UInt8]?
    /// Whether the EXIF orientation is (or will be, on decode) applied.
    public var orientationApplied = false
    /// Limits checked before any pixels are allocated.
    public var limits: DecodeLimits
    /// Threads one resize may use (row bands).
    public var resizeThreads: Int

    /// Starts from encoded bytes.
    /// - Throws: `DecodeError` when the bytes are not a supported image.
    public init(encoded bytes: [UInt8], limits: DecodeLimits = .default, resizeThreads: Int = 1) throws(DecodeError) {
        let info = try ImageDecoder.readInfo(bytes)
        encoded = bytes
        sourceFormat = info.format
        metadata = info.metadata
        iccProfile = info.metadata.iccProfile
        self.limits = limits
        self.resizeThreads = resizeThreads
    }

    /// The pixels, decoding the source on first use (applying the orientation when `orient` came first).
    /// - Throws: `DecodeError`.
    public mutating func image() throws(DecodeError) -> Image {
        if let decoded { return decoded }
        guard let bytes = encoded else { throw .empty }
        let result = try ImageDecoder.decode(bytes, options: DecodeOptions(limits: limits, applyOrientation: orientationApplied))
        decoded = result.image
        encoded = nil
        return result.image
    }

    /// Whether the pixels are still undecoded.
    public var isEncoded: Bool { decoded == nil }

    /// The encoded source while undecoded.
    public var encodedBytes: [UInt8]? { decoded == nil ? encoded : nil }

    /// Replaces the pixels.
    public mutating func set(_ image: Image) {
        decoded = image
        encoded = nil
    }
}
