import Codecs
import Generation
import Pixels

/// The per-item pixel stages: `validate`, `orient`, `to_srgb`, `resize`/`fit`,
/// `thumbnail`, `crop`, `sharpen`, `flatten` (the `write` tap is `WriteStage`).
public enum PixelStage: ItemStage {
    /// Width and height must be multiples of `multiple` (`nil`: the model's own rule, else 8).
    case validate(multiple: Int?, policy: DimensionPolicy, background: Colour)
    /// Apply the EXIF orientation.
    case orient
    /// Convert from the embedded ICC profile to sRGB.
    case toSRGB
    /// Resize / fit to a box (sharp's `resize`).
    case fit(stageName: String, width: Int?, height: Int?, mode: FitMode, position: FitPosition, background: Colour,
             withoutEnlargement: Bool, options: ResizeOptions)
    /// libvips-style thumbnail into a `width`×`height` box.
    case thumbnail(width: Int, height: Int, options: ThumbnailOptions)
    /// Cut out a rectangle.
    case crop(x: Int, y: Int, width: Int, height: Int)
    /// Unsharp mask.
    case sharpen(amount: Double, sigma: Double, threshold: Int)
    /// Composite onto a background colour, dropping alpha.
    case flatten(background: Colour)

    /// The stage's name in pipeline files.
    public var name: String {
        switch self {
        case .validate: "validate"
        case .orient: "orient"
        case .toSRGB: "to_srgb"
        case let .fit(stageName, _, _, _, _, _, _, _): stageName
        case .thumbnail: "thumbnail"
        case .crop: "crop"
        case .sharpen: "sharpen"
        case .flatten: "flatten"
        }
    }

    /// The stage and its options as text (part of item keys).
    public var configuration: String { "\(self)" }

    /// Applies the stage to the item's image.
    /// - Throws: `PipelineError.itemFailed` naming the item, the stage and the cause.
    public func apply(_ state: inout ItemState, context: StageContext, outputs: inout [EncodedOutput]) throws(PipelineError) {
        func fail(_ message: String) -> PipelineError { .itemFailed(item: context.name, stage: name, message: message) }
        if case .orient = self {
            if state.isEncoded { state.orientationApplied = true; return }
            if !state.orientationApplied, let o = state.metadata.orientation {
                let image = try pixels(&state, context)
                state.set(image.oriented(o))
            }
            state.orientationApplied = true
            return
        }
        if case let .thumbnail(width, height, options) = self, let bytes = state.encodedBytes {
            var options = options
            options.resize.threads = state.resizeThreads
            do {
                let thumb = try Thumbnailer.thumbnail(bytes, width: width, height: height, options: options,
                                                      decodeOptions: DecodeOptions(limits: state.limits, applyOrientation: state.orientationApplied))
                state.set(thumb.image)
            } catch { throw fail("\(error)") }
            return
        }
        let image = try pixels(&state, context)
        switch self {
        case let .validate(multiple, policy, background):
            let rule = multiple ?? context.model.flatMap { ModelCatalogue.bundled.model($0)?.size.multiple } ?? 8
            do { state.set(try image.validated(DimensionRule(multiple: rule), policy: policy, name: context.name, background: background)) } catch {
                throw fail(error.description.hasPrefix(context.name + ": ") ? String(error.description.dropFirst(context.name.count + 2)) : error.description)
            }
        case .toSRGB:
            do { state.set(try ColourConverter.convertToSRGB(image, iccProfile: state.iccProfile)) } catch { throw fail("\(error)") }
            state.iccProfile = nil
        case let .fit(_, width, height, mode, position, background, withoutEnlargement, options):
            var options = options
            options.threads = state.resizeThreads
            do {
                state.set(try image.fitted(width: width, height: height, fit: mode, position: position, background: background,
                                           withoutEnlargement: withoutEnlargement, options: options))
            } catch { throw fail("cannot resize: \(error)") }
        case let .thumbnail(width, height, options):
            var options = options
            options.resize.threads = state.resizeThreads
            do { state.set(try image.thumbnail(width: width, height: height, options: options)) } catch { throw fail("\(error)") }
        case let .crop(x, y, width, height):
            guard x + width <= image.width, y + height <= image.height else {
                throw fail("the rectangle \(width)x\(height) at (\(x), \(y)) is not inside the \(image.width)x\(image.height) image")
            }
            do { state.set(try image.cropped(x: x, y: y, width: width, height: height)) } catch { throw fail("\(error)") }
        case let .sharpen(amount, sigma, threshold):
            state.set(image.sharpened(sigma: sigma, amount: amount, threshold: threshold))
        case let .flatten(background):
            state.set(image.layout.hasAlpha ? image.flattened(onto: background) : image)
        case .orient:
            break
        }
    }

    private func pixels(_ state: inout ItemState, _ context: StageContext) throws(PipelineError) -> Image {
        do { return try state.image() } catch { throw .itemFailed(item: context.name, stage: "decode", message: error.description) }
    }
}
