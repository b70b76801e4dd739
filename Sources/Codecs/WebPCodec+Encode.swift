import CWebP
import Pixels

extension WebPCodec {
    /// Encodes an image as WebP.
    ///
    /// Lossy files use libwebp's default preset at `options.quality` with
    /// `method = options.effort` and nothing else changed (the configuration Pillow and
    /// libvips use). Lossless files set `lossless = 1`, pass `options.quality` as
    /// libwebp's lossless compression effort (0–100, higher is smaller and slower) and
    /// `options.effort` as its method, and set `exact = 1` so the colour of fully
    /// transparent pixels is kept: a lossless round trip is bit-exact.
    ///
    /// RGB and straight RGBA rows are imported by libwebp straight from the image
    /// buffer, honouring its row stride. Gray, gray+alpha and premultiplied input are
    /// written row by row into the picture's ARGB plane: gray is expanded to equal R, G
    /// and B, and premultiplied colour is converted to straight alpha first (WebP
    /// stores straight alpha; fully transparent pixels become black).
    ///
    /// With an ICC profile, EXIF block or XMP packet in `metadata`, the file is
    /// assembled by WebPMux as an extended (VP8X) file with `ICCP`, `EXIF` and `XMP `
    /// chunks; without, it is the simple format. Empty metadata values are not written.
    /// - Parameters:
    ///   - image: The image to encode, any layout and row stride.
    ///   - options: Quality 0–100, effort 0–6, alpha quality 0–100, lossless.
    ///   - metadata: The ICC profile, EXIF block and XMP packet to embed; other fields
    ///     have no place in WebP and are ignored.
    /// - Returns: The WebP file's bytes.
    /// - Throws: `EncodeError.invalidOption` for an option out of range, `.tooLarge`
    ///   when a side exceeds 16383 pixels, `.library` naming libwebp's
    ///   `WebPEncodingError`, `.metadata` when WebPMux cannot assemble the chunks.
    public static func encode(
        _ image: Image, options: WebPEncodeOptions = WebPEncodeOptions(), metadata: ImageMetadata = ImageMetadata()
    ) throws(EncodeError) -> [UInt8] {
        try validate(options)
        guard image.width <= maximumDimension, image.height <= maximumDimension else {
            throw .tooLarge(.webp, width: image.width, height: image.height, maximum: maximumDimension)
        }
        var config = try makeConfig(options)

        var picture = WebPPicture()
        guard WebPPictureInit(&picture) != 0 else {
            throw .library(.webp, message: "WebPPictureInit failed: libwebp version mismatch")
        }
        defer { WebPPictureFree(&picture) }
        picture.width = Int32(image.width)
        picture.height = Int32(image.height)
        // Lossless encodes ARGB; lossy imports RGB(A) straight to YUV(A).
        picture.use_argb = options.lossless ? 1 : 0
        try importPixels(image, into: &picture)

        var writer = WebPMemoryWriter()
        WebPMemoryWriterInit(&writer)
        defer { WebPMemoryWriterClear(&writer) }
        let encoded = withUnsafeMutablePointer(to: &writer) { writerPointer in
            picture.writer = WebPMemoryWrite
            picture.custom_ptr = UnsafeMutableRawPointer(writerPointer)
            return WebPEncode(&config, &picture)
        }
        guard encoded != 0 else { throw .library(.webp, message: describe(picture.error_code)) }

        let bitstream = UnsafeBufferPointer(start: writer.mem, count: writer.size)
        let chunks: [(fourcc: String, bytes: [UInt8])] = [
            ("ICCP", metadata.iccProfile ?? []), ("EXIF", metadata.exif ?? []), ("XMP ", Array((metadata.xmp ?? "").utf8)),
        ].filter { !$0.bytes.isEmpty }
        guard !chunks.isEmpty else { return Array(bitstream) }
        return try assemble(bitstream, chunks: chunks)
    }

    /// Refuses options outside libwebp's ranges.
    static func validate(_ options: WebPEncodeOptions) throws(EncodeError) {
        guard options.quality.isFinite, (0...100).contains(options.quality) else {
            let value = options.quality == options.quality.rounded() && options.quality.isFinite
                ? String(Int(options.quality)) : String(describing: options.quality)
            throw .invalidOption(
                name: "WebP quality", value: value,
                rule: "must be from 0 to 100 (lossy: higher keeps more detail; lossless: higher compresses harder)"
            )
        }
        guard (0...6).contains(options.effort) else {
            throw .invalidOption(
                name: "WebP effort", value: String(options.effort),
                rule: "must be from 0 (fastest) to 6 (smallest file)"
            )
        }
        guard (0...100).contains(options.alphaQuality) else {
            throw .invalidOption(
                name: "WebP alpha quality", value: String(options.alphaQuality),
                rule: "must be from 0 (smallest) to 100 (lossless alpha)"
            )
        }
    }

    /// The libwebp configuration for validated options.
    static func makeConfig(_ options: WebPEncodeOptions) throws(EncodeError) -> WebPConfig {
        var config = WebPConfig()
        guard WebPConfigPreset(&config, WEBP_PRESET_DEFAULT, options.quality) != 0 else {
            throw .library(.webp, message: "WebPConfigPreset failed: libwebp version mismatch")
        }
        config.method = Int32(options.effort)
        config.alpha_quality = Int32(options.alphaQuality)
        if options.lossless {
            config.lossless = 1
            config.exact = 1
        }
        guard WebPValidateConfig(&config) != 0 else {
            throw .library(.webp, message: "libwebp rejected the configuration (quality \(options.quality), effort \(options.effort), alpha quality \(options.alphaQuality))")
        }
        return config
    }

    /// Fills the picture: RGB and straight RGBA through libwebp's importers (straight
    /// from the image rows), everything else row by row into the ARGB plane.
    static func importPixels(_ image: Image, into picture: inout WebPPicture) throws(EncodeError) {
        let stride = image.rowStride
        let direct = stride <= Int(Int32.max) && (image.layout == .rgb || (image.layout == .rgba && image.alphaMode == .straight))
        if direct {
            let imported = image.withUnsafeBytes { raw -> Int32 in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
                return image.layout == .rgb
                    ? WebPPictureImportRGB(&picture, base, Int32(stride))
                    : WebPPictureImportRGBA(&picture, base, Int32(stride))
            }
            guard imported != 0 else {
                throw .library(.webp, message: "could not import the \(image.width)x\(image.height) pixels: out of memory (\(describe(picture.error_code)))")
            }
            return
        }

        picture.use_argb = 1
        guard WebPPictureAlloc(&picture) != 0, let argb = picture.argb else {
            throw .library(.webp, message: "could not allocate a \(image.width)x\(image.height) picture: out of memory (\(describe(picture.error_code)))")
        }
        let argbStride = Int(picture.argb_stride)
        let width = image.width, layout = image.layout, premultiplied = image.alphaMode == .premultiplied
        image.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            for y in 0..<image.height {
                let row = base + y * stride
                let out = argb + y * argbStride
                switch layout {
                case .gray:
                    for x in 0..<width {
                        let g = UInt32(row[x])
                        out[x] = 0xFF00_0000 | g << 16 | g << 8 | g
                    }
                case .grayAlpha:
                    for x in 0..<width {
                        let a = UInt32(row[2 * x + 1])
                        let g = premultiplied ? unpremultiply(UInt32(row[2 * x]), a) : UInt32(row[2 * x])
                        out[x] = a << 24 | g << 16 | g << 8 | g
                    }
                case .rgb:
                    for x in 0..<width {
                        out[x] = 0xFF00_0000 | UInt32(row[3 * x]) << 16 | UInt32(row[3 * x + 1]) << 8 | UInt32(row[3 * x + 2])
                    }
                case .rgba:
                    for x in 0..<width {
                        let a = UInt32(row[4 * x + 3])
                        var r = UInt32(row[4 * x]), g = UInt32(row[4 * x + 1]), b = UInt32(row[4 * x + 2])
                        if premultiplied { (r, g, b) = (unpremultiply(r, a), unpremultiply(g, a), unpremultiply(b, a)) }
                        out[x] = a << 24 | r << 16 | g << 8 | b
                    }
                }
            }
        }
    }

    /// Straight colour from premultiplied `c` at alpha `a`, rounded, clamped to 255;
    /// 0 where alpha is 0.
    @inline(__always)
    static func unpremultiply(_ c: UInt32, _ a: UInt32) -> UInt32 {
        a == 0 ? 0 : min(255, (c * 255 + a / 2) / a)
    }

    /// Wraps a bitstream and metadata chunks in an extended (VP8X) file with WebPMux.
    static func assemble(_ bitstream: UnsafeBufferPointer<UInt8>, chunks: [(fourcc: String, bytes: [UInt8])]) throws(EncodeError) -> [UInt8] {
        guard let mux = WebPMuxNew() else { throw .metadata(.webp, message: "WebPMuxNew failed: out of memory") }
        defer { WebPMuxDelete(mux) }
        var image = WebPData(bytes: bitstream.baseAddress, size: bitstream.count)
        var status = WebPMuxSetImage(mux, &image, 0)
        guard status == WEBP_MUX_OK else {
            throw .metadata(.webp, message: "WebPMuxSetImage failed (\(describe(status)))")
        }
        for (fourcc, bytes) in chunks {
            status = bytes.withUnsafeBufferPointer { chunk in
                var data = WebPData(bytes: chunk.baseAddress, size: chunk.count)
                return WebPMuxSetChunk(mux, fourcc, &data, 1)
            }
            guard status == WEBP_MUX_OK else {
                throw .metadata(.webp, message: "cannot add the \(bytes.count)-byte \(String(fourcc.prefix { $0 != " " })) chunk (\(describe(status)))")
            }
        }
        var assembled = WebPData()
        WebPDataInit(&assembled)
        defer { WebPDataClear(&assembled) }
        status = WebPMuxAssemble(mux, &assembled)
        guard status == WEBP_MUX_OK else {
            throw .metadata(.webp, message: "WebPMuxAssemble failed (\(describe(status)))")
        }
        return Array(UnsafeBufferPointer(start: assembled.bytes, count: assembled.size))
    }

    /// libwebp's encoding error in words, with its name.
    static func describe(_ error: WebPEncodingError) -> String {
        switch error {
        case VP8_ENC_OK:
            "no error reported (VP8_ENC_OK)"
        case VP8_ENC_ERROR_OUT_OF_MEMORY:
            "out of memory (VP8_ENC_ERROR_OUT_OF_MEMORY)"
        case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY:
            "out of memory while flushing the bitstream (VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY)"
        case VP8_ENC_ERROR_NULL_PARAMETER:
            "a required parameter was missing (VP8_ENC_ERROR_NULL_PARAMETER)"
        case VP8_ENC_ERROR_INVALID_CONFIGURATION:
            "the configuration is invalid (VP8_ENC_ERROR_INVALID_CONFIGURATION)"
        case VP8_ENC_ERROR_BAD_DIMENSION:
            "the picture size is invalid (VP8_ENC_ERROR_BAD_DIMENSION)"
        case VP8_ENC_ERROR_PARTITION0_OVERFLOW:
            "the first partition exceeds 512 KiB; lower the quality (VP8_ENC_ERROR_PARTITION0_OVERFLOW)"
        case VP8_ENC_ERROR_PARTITION_OVERFLOW:
            "a partition exceeds 16 MiB; lower the quality (VP8_ENC_ERROR_PARTITION_OVERFLOW)"
        case VP8_ENC_ERROR_BAD_WRITE:
            "writing the output failed (VP8_ENC_ERROR_BAD_WRITE)"
        case VP8_ENC_ERROR_FILE_TOO_BIG:
            "the file would exceed 4 GiB (VP8_ENC_ERROR_FILE_TOO_BIG)"
        case VP8_ENC_ERROR_USER_ABORT:
            "encoding was aborted (VP8_ENC_ERROR_USER_ABORT)"
        default:
            "libwebp encoding error \(error.rawValue)"
        }
    }

    /// WebPMux's error in words, with its name.
    static func describe(_ error: WebPMuxError) -> String {
        switch error {
        case WEBP_MUX_OK: "WEBP_MUX_OK"
        case WEBP_MUX_NOT_FOUND: "a chunk was not found (WEBP_MUX_NOT_FOUND)"
        case WEBP_MUX_INVALID_ARGUMENT: "invalid argument (WEBP_MUX_INVALID_ARGUMENT)"
        case WEBP_MUX_BAD_DATA: "invalid data (WEBP_MUX_BAD_DATA)"
        case WEBP_MUX_MEMORY_ERROR: "out of memory (WEBP_MUX_MEMORY_ERROR)"
        case WEBP_MUX_NOT_ENOUGH_DATA: "not enough data (WEBP_MUX_NOT_ENOUGH_DATA)"
        default: "WebPMux error \(error.rawValue)"
        }
    }
}
