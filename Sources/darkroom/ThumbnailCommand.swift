import ArgumentParser
import Codecs
import Pixels

/// `darkroom thumbnail`: small images along the fastest correct path (libvips' `thumbnail`).
struct ThumbnailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thumbnail",
        abstract: "Make thumbnails that fit a SIZE×SIZE box (JPEG shrink-on-load, box pre-reduction, light sharpening).",
        discussion: """
        The default fit is inside, as libvips' thumbnail: the whole picture, its longer side \
        SIZE. --fit cover gives exactly SIZE×SIZE, cropped. A reduction of 2× or more is \
        followed by a light unsharp mask (amount 0.4, sigma 0.5; --sharpen AMOUNT or \
        --no-sharpen change it). Outputs are <name>.<ext> in --output DIR, or \
        <name>-thumb.<ext> next to the input; -o FILE names the output of a single image.
        """
    )

    @Argument(help: "Image files, response JSON files ({\"data\":[{\"b64_json\":…}]}) or .b64 files.")
    var inputs: [String]

    @Option(help: "The box side in pixels.")
    var size: Int

    @OptionGroup var fitting: FitArguments

    @Option(help: "Output format: png, jpeg (jpg) or webp; default the input's format.")
    var to: String?

    @Option(help: "JPEG quality 1–100 (default 85) or WebP quality 0–100 (default 80).")
    var quality: Int?

    @Option(help: "Letterbox colour of --fit contain, and the colour under transparency for JPEG. Default white.")
    var background: String?

    @Option(help: "Strength of the unsharp mask after a reduction of 2× or more (default 0.4).")
    var sharpen: Double?

    @Flag(help: "No unsharp mask.")
    var noSharpen = false

    @OptionGroup var destination: OutputArguments

    func validate() throws {
        if size < 1 { throw ValidationError("--size must be at least 1") }
        if let to, ImageFormat(name: to) == nil || ImageFormat(name: to)?.isSupported == false {
            throw ValidationError("--to \(to) is not one of png, jpeg, webp")
        }
        if let background, Colour(parsing: background) == nil {
            throw ValidationError("--background \(background) is not a colour; use #rrggbb, rgb(r,g,b) or a name like white")
        }
        if let sharpen, !(0...10).contains(sharpen) { throw ValidationError("--sharpen AMOUNT must be 0–10") }
        if sharpen != nil && noSharpen { throw ValidationError("give either --sharpen AMOUNT or --no-sharpen, not both") }
        if let quality, !(0...100).contains(quality) { throw ValidationError("--quality must be 0–100 (1–100 for JPEG)") }
    }

    /// The thumbnail options the flags describe.
    var options: ThumbnailOptions {
        var options = ThumbnailOptions(
            fit: fitting.mode(default: .inside), position: fitting.fitPosition,
            background: background.flatMap(Colour.init(parsing:)) ?? .white,
            withoutEnlargement: fitting.withoutEnlargement, resize: fitting.resizeOptions(reducingGap: 2.5))
        if let sharpen { options.sharpenAmount = sharpen }
        if noSharpen { options.sharpenAmount = 0 }
        return options
    }

    func run() throws {
        let shared = self.options
        try destination.run(inputs: inputs, besideInputSuffix: "-thumb") { item, threads in
            var options = shared
            options.resize.threads = threads
            let thumb: Thumbnail
            do { thumb = try Thumbnailer.thumbnail(item.bytes, width: size, height: size, options: options) } catch {
                throw CLIError(subject: item.name, message: "\(error)")
            }
            let format = to.flatMap(ImageFormat.init(name:)) ?? thumb.info.format
            var image = thumb.image
            var profile = thumb.info.metadata.iccProfile
            if fitting.toSrgb {
                do { image = try ColourConverter.convertToSRGB(image, iccProfile: profile) } catch {
                    throw CLIError(subject: item.name, message: "\(error)")
                }
                profile = nil
            }
            let settings = try settings(for: format)
            do {
                let bytes = try ImageEncoder.encode(image, as: settings, metadata: ImageMetadata(iccProfile: profile),
                                                    background: options.background)
                return (bytes, format, " (\(image.width)x\(image.height))")
            } catch { throw CLIError(subject: item.name, message: "\(error)") }
        }
    }

    /// Encoder settings for `format` with `--quality`.
    private func settings(for format: ImageFormat) throws(CLIError) -> EncodeSettings {
        switch format {
        case .jpeg: return .jpeg(JPEGEncodeOptions(quality: max(1, quality ?? 85)))
        case .webp: return .webp(WebPEncodeOptions(quality: Float(quality ?? 80)))
        case .png: return .png(PNGEncodeOptions())
        default: throw CLIError(subject: format.rawValue, message: "cannot write \(format.displayName); use --to png, jpeg or webp")
        }
    }
}
