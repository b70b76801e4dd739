import Pixels

/// Decode + thumbnail along the fastest correct path, as libvips' `thumbnail`: the
/// geometry is planned from the header alone, a JPEG is decoded already reduced in the
/// DCT domain (the largest of 1/2, 1/4, 1/8 that keeps it at least the planned resize
/// size, so the filter still makes the last step), then `Image.thumbnail` resamples with
/// a box pre-reduction, crops or letterboxes, and sharpens lightly after a strong
/// reduction.
public enum Thumbnailer {
    /// Makes a thumbnail of an encoded image.
    /// - Parameters:
    ///   - bytes: A whole PNG, JPEG or WebP file.
    ///   - width: Box width, or `nil` to follow the aspect ratio.
    ///   - height: Box height, or `nil` to follow the aspect ratio.
    ///   - options: Fit, position, resampling and sharpening.
    ///   - decodeOptions: Limits and orientation; its `jpegScale` is chosen here.
    /// - Throws: `ThumbnailError`.
    public static func thumbnail(
        _ bytes: [UInt8], width: Int?, height: Int?, options: ThumbnailOptions = ThumbnailOptions(),
        decodeOptions: DecodeOptions = DecodeOptions()
    ) throws(ThumbnailError) -> Thumbnail {
        let info: ImageInfo
        do { info = try ImageDecoder.readInfo(bytes) } catch { throw .decode(error) }
        // The picture as the user sees it: orientation swaps the stored sides.
        let swaps = decodeOptions.applyOrientation && (info.metadata.orientation?.swapsDimensions ?? false)
        let (uprightW, uprightH) = swaps ? (info.height, info.width) : (info.width, info.height)
        let plan: FitPlan
        do {
            plan = try FitPlan.plan(sourceWidth: uprightW, sourceHeight: uprightH, width: width, height: height,
                                    fit: options.fit, withoutEnlargement: options.withoutEnlargement)
        } catch { throw .geometry(error) }
        var decodeOptions = decodeOptions
        decodeOptions.jpegScale = info.format == .jpeg
            ? shrinkOnLoadScale(sourceWidth: info.width, sourceHeight: info.height, plan: plan, swapped: swaps) : .full
        let decoded: DecodedImage
        do { decoded = try ImageDecoder.decode(bytes, options: decodeOptions) } catch { throw .decode(error) }
        let image: Image
        do { image = try decoded.image.thumbnail(plan, sourceWidth: uprightW, sourceHeight: uprightH, options: options) } catch {
            throw .geometry(error)
        }
        return Thumbnail(image: image, info: decoded.info, jpegScale: decodeOptions.jpegScale)
    }

    /// The JPEG shrink-on-load factor for a plan: the largest DCT reduction that keeps
    /// the decoded image at least as large as the plan's resize size on both sides.
    /// - Parameters:
    ///   - sourceWidth: Stored width of the JPEG.
    ///   - sourceHeight: Stored height of the JPEG.
    ///   - plan: The fit geometry, planned on the upright picture.
    ///   - swapped: Whether the EXIF orientation swaps width and height on decode.
    public static func shrinkOnLoadScale(sourceWidth: Int, sourceHeight: Int, plan: FitPlan, swapped: Bool = false) -> JPEGScale {
        let (needW, needH) = swapped ? (plan.resizeHeight, plan.resizeWidth) : (plan.resizeWidth, plan.resizeHeight)
        return JPEGScale.largest(fitting: sourceWidth, sourceHeight, atLeast: needW, needH)
    }
}
