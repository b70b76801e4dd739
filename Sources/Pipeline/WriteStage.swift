import Codecs
import Foundation
import Generation
import Pixels

/// The `write` tap: encodes the current image, names it from a template, and lets the
/// chain go on with the same image.
public struct WriteStage: ItemStage {
    /// The format, or `nil` for the source's own.
    public var format: ImageFormat?
    /// PNG options.
    public var png = PNGEncodeOptions()
    /// JPEG options.
    public var jpeg = JPEGEncodeOptions()
    /// WebP options.
    public var webp = WebPEncodeOptions()
    /// Colour under transparent pixels for JPEG.
    public var background = Colour.white
    /// Keep EXIF (orientation reset once applied), XMP, comments and text.
    public var keepMetadata = false
    /// The file name template.
    public var template = NameTemplate("{stem}.{ext}")

    /// Creates a write stage with defaults.
    public init() {}

    /// `write`.
    public var name: String { "write" }
    /// The options as text.
    public var configuration: String { "write(\(String(describing: format)),\(png),\(jpeg),\(webp),\(background),\(keepMetadata),\(template.text))" }

    /// Encodes the image and appends the output.
    /// - Throws: `PipelineError.itemFailed` for a decode or encode failure.
    public func apply(_ state: inout ItemState, context: StageContext, outputs: inout [EncodedOutput]) throws(PipelineError) {
        let image: Image
        do { image = try state.image() } catch { throw .itemFailed(item: context.name, stage: "decode", message: error.description) }
        let format = self.format ?? state.sourceFormat
        let settings: EncodeSettings
        switch format {
        case .png: settings = .png(png)
        case .jpeg: settings = .jpeg(jpeg)
        case .webp: settings = .webp(webp)
        default: throw .itemFailed(item: context.name, stage: "write", message: "cannot write \(format.displayName); give format png, jpeg or webp")
        }
        var metadata = ImageMetadata(iccProfile: state.iccProfile)
        if keepMetadata {
            metadata = state.metadata
            metadata.iccProfile = state.iccProfile
            if state.orientationApplied, let exif = metadata.exif { metadata.exif = ExifReader.withOrientationUp(exif) }
        }
        let bytes: [UInt8]
        do { bytes = try ImageEncoder.encode(image, as: settings, metadata: metadata, background: background) } catch {
            throw .itemFailed(item: context.name, stage: "write", message: error.description)
        }
        var hasher = SHA256()
        hasher.update(data: bytes)
        let hash8 = hasher.finalize().prefix(4).map { String(format: "%02x", $0) }.joined()
        let path = template.render(context.fields, width: image.width, height: image.height, hash8: hash8, ext: format.fileExtension)
        outputs.append(EncodedOutput(relativePath: path, bytes: bytes, format: format, width: image.width, height: image.height))
    }
}
