import ArgumentParser
import Codecs
import Pixels

/// `darkroom convert`: transcodes images (and API responses) to PNG, JPEG or WebP.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert images, images-API responses or base64 files to PNG, JPEG or WebP.",
        discussion: """
        Each input image is written as <name>.<ext> (response items as <name>-<index>.<ext>) \
        into --output DIR, or next to its input; -o FILE names the output of a single image. \
        Files are written atomically. The exit status is non-zero when any input failed. \
        Order of operations: orient, --to-srgb, resize/fit, --sharpen, --multiple-of, encode.
        """
    )

    @Argument(help: "Image files, response JSON files ({\"data\":[{\"b64_json\":…}]}) or .b64 files.")
    var inputs: [String]

    @Option(help: "Output format: png, jpeg (jpg) or webp.")
    var to: String

    @Option(help: "JPEG quality 1–100 (default 85) or WebP quality 0–100 (default 80).")
    var quality: Int?

    @Option(help: "WebP effort (method) 0–6, default 4.")
    var effort: Int?

    @Flag(help: "WebP: lossless.")
    var lossless = false

    @Option(help: "WebP: alpha plane quality 0–100, default 100.")
    var alphaQuality: Int?

    @Flag(help: "JPEG: progressive.")
    var progressive = false

    @Option(help: "JPEG chroma subsampling: 420 (default) or 444.")
    var chroma: String?

    @Flag(help: "JPEG: optimise Huffman tables.")
    var optimizeCoding = false

    @Option(help: "PNG level 0 (store) to 9, default 6: zlib run-length coding, plus libdeflate for flat images.")
    var compressionLevel: Int?

    @Option(help: "PNG row filter: none, sub, up, average, paeth, adaptive (default).")
    var filter: String?

    @Option(help: "Colour under transparent pixels when writing JPEG, and for --size-policy pad: #rrggbb, rgb(r,g,b) or a name. Default white.")
    var background: String?

    @Option(help: "Require width and height to be multiples of N (the API documents 8).")
    var multipleOf: Int?

    @Option(help: "With --multiple-of: fail (default), crop, pad or resize.")
    var sizePolicy: String = "fail"

    @Flag(help: "Keep EXIF, XMP, comments and text chunks (the ICC profile is always kept).")
    var keepMetadata = false

    @Flag(help: "Keep the stored pixel order instead of applying the EXIF orientation.")
    var noAutoOrient = false

    @Option(help: "Refuse images with more megapixels than this (default 100).")
    var maxMegapixels: Double = 100

    @Option(help: "Refuse images wider or taller than this (default 16384).")
    var maxDimension: Int = 16384

    @Option(help: "Width of the box to resize to (the height follows the aspect ratio when --height is not given).")
    var width: Int?

    @Option(help: "Height of the box to resize to (the width follows the aspect ratio when --width is not given).")
    var height: Int?

    @OptionGroup var fitting: FitArguments

    @Option(help: "Unsharp mask after resizing, AMOUNT 1 = 100 % (a bare --sharpen means 1).")
    var sharpen: Double?

    @Option(help: "Radius (sigma) of --sharpen in pixels, default 1.")
    var sharpenSigma: Double = 1

    @OptionGroup var destination: OutputArguments

    func validate() throws {
        _ = try settings()
        if let background, Colour(parsing: background) == nil {
            throw ValidationError("--background \(background) is not a colour; use #rrggbb, rgb(r,g,b) or a name like white")
        }
        if DimensionPolicy(rawValue: sizePolicy) == nil {
            throw ValidationError("--size-policy \(sizePolicy) is not one of fail, crop, pad, resize")
        }
        if let multipleOf, multipleOf < 1 { throw ValidationError("--multiple-of must be at least 1") }
        if maxMegapixels <= 0 || maxDimension < 1 { throw ValidationError("--max-megapixels and --max-dimension must be positive") }
        if (width ?? 1) < 1 || (height ?? 1) < 1 { throw ValidationError("--width and --height must be at least 1") }
        if width == nil && height == nil && fitting.givesFitOptions {
            throw ValidationError("--fit, --position, --kernel, --no-linear, --no-premultiply and --without-enlargement need --width or --height")
        }
        if let sharpen, !(0...10).contains(sharpen) { throw ValidationError("--sharpen AMOUNT must be 0–10") }
        if !(0.1...20).contains(sharpenSigma) { throw ValidationError("--sharpen-sigma must be 0.1–20") }
    }

    /// The encoder settings the options describe.
    func settings() throws -> EncodeSettings {
        guard let format = ImageFormat(name: to) else { throw ValidationError("--to \(to) is not one of png, jpeg, webp") }
        func refuse(_ flag: String, _ used: Bool) throws {
            if used { throw ValidationError("\(flag) does not apply to \(format.displayName) output") }
        }
        switch format {
        case .png:
            try refuse("--quality", quality != nil)
            try refuse("--effort", effort != nil)
            try refuse("--lossless", lossless)
            try refuse("--alpha-quality", alphaQuality != nil)
            try refuse("--progressive", progressive)
            try refuse("--chroma", chroma != nil)
            try refuse("--optimize-coding", optimizeCoding)
            var options = PNGEncodeOptions()
            if let compressionLevel {
                guard (0...9).contains(compressionLevel) else { throw ValidationError("--compression-level must be 0–9") }
                options.compressionLevel = compressionLevel
            }
            if let filter {
                guard let f = PNGFilter(rawValue: filter) else {
                    throw ValidationError("--filter \(filter) is not one of none, sub, up, average, paeth, adaptive")
                }
                options.filter = f
            }
            return .png(options)
        case .jpeg:
            try refuse("--effort", effort != nil)
            try refuse("--lossless", lossless)
            try refuse("--alpha-quality", alphaQuality != nil)
            try refuse("--compression-level", compressionLevel != nil)
            try refuse("--filter", filter != nil)
            var options = JPEGEncodeOptions()
            if let quality {
                guard (1...100).contains(quality) else { throw ValidationError("--quality for JPEG must be 1–100") }
                options.quality = quality
            }
            options.progressive = progressive
            options.optimizeHuffman = optimizeCoding
            if let chroma {
                switch chroma {
                case "420", "4:2:0": options.chromaSubsampling = .s420
                case "444", "4:4:4": options.chromaSubsampling = .s444
                default: throw ValidationError("--chroma \(chroma) is not 420 or 444")
                }
            }
            return .jpeg(options)
        default:
            try refuse("--progressive", progressive)
            try refuse("--chroma", chroma != nil)
            try refuse("--optimize-coding", optimizeCoding)
            try refuse("--compression-level", compressionLevel != nil)
            try refuse("--filter", filter != nil)
            var options = WebPEncodeOptions()
            if let quality {
                guard (0...100).contains(quality) else { throw ValidationError("--quality for WebP must be 0–100") }
                options.quality = Float(quality)
            }
            if let effort {
                guard (0...6).contains(effort) else { throw ValidationError("--effort must be 0–6") }
                options.effort = effort
            }
            if let alphaQuality {
                guard (0...100).contains(alphaQuality) else { throw ValidationError("--alpha-quality must be 0–100") }
                options.alphaQuality = alphaQuality
            }
            options.lossless = lossless
            return .webp(options)
        }
    }

    func run() throws {
        let settings = try settings()
        let background = background.flatMap(Colour.init(parsing:)) ?? .white
        let decodeOptions = DecodeOptions(
            limits: DecodeLimits(maxWidth: maxDimension, maxHeight: maxDimension, maxPixels: Int(maxMegapixels * 1_000_000)),
            applyOrientation: !noAutoOrient
        )
        try destination.run(inputs: inputs, besideInputSuffix: "") { item, threads in
            (try convert(item, settings: settings, decodeOptions: decodeOptions, background: background, threads: threads),
             settings.format, "")
        }
    }

    /// One image decoded, processed and encoded; `threads` is its resize's thread budget.
    private func convert(
        _ item: InputItem, settings: EncodeSettings, decodeOptions: DecodeOptions, background: Colour, threads: Int
    ) throws(CLIError) -> [UInt8] {
        let decoded: DecodedImage
        do { decoded = try ImageDecoder.decode(item.bytes, options: decodeOptions) } catch {
            throw CLIError(subject: item.name, message: error.description)
        }
        var image = decoded.image
        var profile = decoded.info.metadata.iccProfile
        if fitting.toSrgb {
            do { image = try ColourConverter.convertToSRGB(image, iccProfile: profile) } catch {
                throw CLIError(subject: item.name, message: error.description)
            }
            profile = nil
        }
        if width != nil || height != nil {
            var resize = fitting.resizeOptions()
            resize.threads = threads
            do {
                image = try image.fitted(width: width, height: height, fit: fitting.mode(default: .cover), position: fitting.fitPosition,
                                         background: background, withoutEnlargement: fitting.withoutEnlargement,
                                         options: resize)
            } catch { throw CLIError(subject: item.name, message: "cannot resize: \(error.description)") }
        }
        if let sharpen { image = image.sharpened(sigma: sharpenSigma, amount: sharpen) }
        if let multipleOf, let policy = DimensionPolicy(rawValue: sizePolicy) {
            do { image = try image.validated(DimensionRule(multiple: multipleOf), policy: policy, name: item.name, background: background) } catch {
                throw CLIError(subject: item.name, message: error.description.replacingPrefix(item.name + ": "))
            }
        }
        var metadata = ImageMetadata(iccProfile: profile)
        if keepMetadata {
            metadata = decoded.info.metadata
            metadata.iccProfile = profile
            if !noAutoOrient, let exif = metadata.exif { metadata.exif = ExifReader.withOrientationUp(exif) }
        }
        do { return try ImageEncoder.encode(image, as: settings, metadata: metadata, background: background) } catch {
            throw CLIError(subject: item.name, message: error.description)
        }
    }
}

extension String {
    /// The string without `prefix` when it starts with it.
    func replacingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
