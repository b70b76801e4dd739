import CWebP
import Pixels

/// WebP (lossy VP8, lossless VP8L, with or without alpha, simple or extended VP8X
/// files) decoded and encoded through libwebp, called from Swift directly.
///
/// Decoding yields `.rgba` with straight alpha when the file has alpha and `.rgb`
/// otherwise, written by libwebp straight into the image's buffer. The header is read
/// and checked against `DecodeLimits` before any pixel memory is allocated. ICC, EXIF
/// and XMP chunks of extended files are read with WebPDemux and written with WebPMux.
/// An animated file decodes to its first frame, composited on the canvas.
public enum WebPCodec {
    /// The largest width or height a WebP file can store (14 bits in VP8L, 16383 in
    /// libwebp's encoder).
    public static let maximumDimension = 16383

    /// Reads what the header says without decoding pixels: size, lossless or lossy,
    /// alpha, and the ICC, EXIF and XMP chunks of an extended (VP8X) file.
    ///
    /// A file cut short after its headers still yields its info (and whatever metadata
    /// chunks precede the cut); `decode` reports the truncation.
    /// - Parameter bytes: The file's bytes, starting with `RIFF`.
    /// - Returns: The header's info; `layout` is the layout `decode` will produce.
    /// - Throws: `DecodeError.empty`, `.unrecognisedFormat` when the bytes are not a
    ///   RIFF WebP container, `.truncated` when even the headers are incomplete,
    ///   `.corrupt` with libwebp's status when it rejects them (a zero width or height
    ///   included).
    public static func readInfo(_ bytes: [UInt8]) throws(DecodeError) -> ImageInfo {
        let features = try readFeatures(bytes)
        let container = readContainer(bytes)
        return info(features, container: container)
    }

    /// Decodes a WebP file to 8-bit pixels.
    ///
    /// The EXIF block is returned in `info.metadata.exif`; its orientation is applied
    /// unless `options.applyOrientation` is false.
    /// - Parameters:
    ///   - bytes: The file's bytes, starting with `RIFF`.
    ///   - options: Decode limits (checked against the header before allocating);
    ///     `jpegScale` does not apply to WebP.
    /// - Returns: The pixels (`.rgba` straight alpha when the file has alpha, `.rgb`
    ///   otherwise) and the file's info and metadata.
    /// - Throws: `DecodeError.empty`, `.unrecognisedFormat`, `.exceedsLimits` when the
    ///   header claims more than `options.limits`, `.truncated` saying how many bytes
    ///   are missing, `.corrupt` with libwebp's status when the data is damaged.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws(DecodeError) -> DecodedImage {
        let features = try readFeatures(bytes)
        let width = Int(features.width), height = Int(features.height)
        try options.limits.check(width: width, height: height, format: .webp)
        if let declared = declaredFileSize(bytes), bytes.count < declared {
            throw .truncated(.webp, detail: truncationDetail(bytes))
        }
        let layout: PixelLayout = features.has_alpha != 0 ? .rgba : .rgb
        let image: Image
        if features.has_animation != 0 {
            image = try decodeFirstFrame(bytes, width: width, height: height, layout: layout)
        } else {
            image = try decodePixels(bytes, width: width, height: height, layout: layout)
        }
        let container = readContainer(bytes)
        let info = info(features, container: container)
        if options.applyOrientation, let orientation = info.metadata.orientation, orientation != .up {
            return DecodedImage(image: image.oriented(orientation), info: info)
        }
        return DecodedImage(image: image, info: info)
    }
}

// MARK: - Header

extension WebPCodec {
    /// What the container adds to the bitstream features: metadata chunks and, for an
    /// animation, whether its first frame is lossless.
    typealias Container = (metadata: ImageMetadata, firstFrameLossless: Bool?)

    /// Checks the RIFF container's first 12 bytes and reads the bitstream features.
    static func readFeatures(_ bytes: [UInt8]) throws(DecodeError) -> WebPBitstreamFeatures {
        guard !bytes.isEmpty else { throw .empty }
        let riff: [UInt8] = Array("RIFF".utf8), webp: [UInt8] = Array("WEBP".utf8)
        let head = Array(bytes.prefix(12))
        let riffMatches = head.prefix(4).elementsEqual(riff.prefix(head.count))
        let webpMatches = head.count <= 8 || head[8...].elementsEqual(webp.prefix(head.count - 8))
        guard riffMatches, webpMatches else { throw .unrecognisedFormat(leadingBytes: Array(bytes.prefix(16))) }
        guard bytes.count >= 12 else { throw .truncated(.webp, detail: truncationDetail(bytes)) }

        var features = WebPBitstreamFeatures()
        let status = bytes.withUnsafeBufferPointer { WebPGetFeatures($0.baseAddress, $0.count, &features) }
        guard status == VP8_STATUS_OK else { throw failure(status, bytes) }
        return features
    }

    /// The file size the RIFF header declares (its size field plus the 8 bytes before
    /// it), when at least 8 bytes are present.
    static func declaredFileSize(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 8 else { return nil }
        let size = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        return size + 8
    }

    /// Says how much of a truncated file is missing.
    static func truncationDetail(_ bytes: [UInt8]) -> String {
        guard let declared = declaredFileSize(bytes) else {
            return "\(bytes.count) bytes present, fewer than the 12-byte RIFF header"
        }
        if bytes.count < declared {
            return "\(bytes.count) of \(declared) bytes present (\(declared - bytes.count) missing)"
        }
        return "all \(declared) bytes the RIFF header declares are present, but the image data runs past them"
    }

    /// The error for a libwebp status other than `VP8_STATUS_OK`.
    static func failure(_ status: VP8StatusCode, _ bytes: [UInt8]) -> DecodeError {
        if status == VP8_STATUS_NOT_ENOUGH_DATA, let declared = declaredFileSize(bytes), bytes.count < declared {
            return .truncated(.webp, detail: truncationDetail(bytes))
        }
        if status == VP8_STATUS_NOT_ENOUGH_DATA, bytes.count < 12 {
            return .truncated(.webp, detail: truncationDetail(bytes))
        }
        return .corrupt(.webp, message: describe(status, bytes))
    }

    /// libwebp's status in words, with its name.
    static func describe(_ status: VP8StatusCode, _ bytes: [UInt8]) -> String {
        switch status {
        case VP8_STATUS_OUT_OF_MEMORY:
            "libwebp ran out of memory (VP8_STATUS_OUT_OF_MEMORY)"
        case VP8_STATUS_INVALID_PARAM:
            "libwebp refused the decoding parameters (VP8_STATUS_INVALID_PARAM)"
        case VP8_STATUS_BITSTREAM_ERROR:
            "the bitstream is invalid (VP8_STATUS_BITSTREAM_ERROR)"
        case VP8_STATUS_UNSUPPORTED_FEATURE:
            "the file uses a feature libwebp does not support (VP8_STATUS_UNSUPPORTED_FEATURE)"
        case VP8_STATUS_SUSPENDED:
            "decoding was suspended (VP8_STATUS_SUSPENDED)"
        case VP8_STATUS_USER_ABORT:
            "decoding was aborted (VP8_STATUS_USER_ABORT)"
        case VP8_STATUS_NOT_ENOUGH_DATA:
            "the image data ends early: \(truncationDetail(bytes)) (VP8_STATUS_NOT_ENOUGH_DATA)"
        default:
            "libwebp failed with status \(status.rawValue)"
        }
    }

    /// The info record for a file's features and container.
    static func info(_ features: WebPBitstreamFeatures, container: Container) -> ImageInfo {
        let alpha = features.has_alpha != 0
        let lossless = container.firstFrameLossless ?? (features.format == 2)
        return ImageInfo(
            format: .webp, width: Int(features.width), height: Int(features.height), bitDepth: 8,
            colourModel: alpha ? "rgba" : "rgb", layout: alpha ? .rgba : .rgb, interlaced: false,
            lossless: lossless, metadata: container.metadata
        )
    }

    /// Reads the ICC, EXIF and XMP chunks (and an animation's first frame format) of
    /// an extended file with WebPDemux. A simple file (`VP8 `/`VP8L` right after the
    /// RIFF header) has none, and is not parsed again. Works on a partial file too.
    static func readContainer(_ bytes: [UInt8]) -> Container {
        guard bytes.count >= 16, bytes[12...15].elementsEqual("VP8X".utf8) else { return (ImageMetadata(), nil) }
        return bytes.withUnsafeBufferPointer { file -> Container in
            var data = WebPData(bytes: file.baseAddress, size: file.count)
            var state = WEBP_DEMUX_PARSING_HEADER
            guard let demux = WebPDemuxInternal(&data, 1, &state, WEBP_DEMUX_ABI_VERSION) else {
                return (ImageMetadata(), nil)
            }
            defer { WebPDemuxDelete(demux) }

            func chunk(_ fourcc: String) -> [UInt8]? {
                var iterator = WebPChunkIterator()
                guard WebPDemuxGetChunk(demux, fourcc, 1, &iterator) != 0 else { return nil }
                defer { WebPDemuxReleaseChunkIterator(&iterator) }
                return Array(UnsafeBufferPointer(start: iterator.chunk.bytes, count: iterator.chunk.size))
            }

            var metadata = ImageMetadata()
            metadata.iccProfile = chunk("ICCP")
            if var exif = chunk("EXIF") {
                // Some writers keep JPEG's APP1 prefix; ImageMetadata holds the bare TIFF block.
                if exif.starts(with: [0x45, 0x78, 0x69, 0x66, 0, 0]) { exif.removeFirst(6) }
                metadata.exif = exif
            }
            metadata.xmp = chunk("XMP ").map { String(decoding: $0, as: UTF8.self) }

            var firstFrameLossless: Bool?
            if WebPDemuxGetI(demux, WEBP_FF_FORMAT_FLAGS) & ANIMATION_FLAG.rawValue != 0 {
                var frame = WebPIterator()
                if WebPDemuxGetFrame(demux, 1, &frame) != 0 {
                    defer { WebPDemuxReleaseIterator(&frame) }
                    var features = WebPBitstreamFeatures()
                    if WebPGetFeatures(frame.fragment.bytes, frame.fragment.size, &features) == VP8_STATUS_OK {
                        firstFrameLossless = features.format == 2
                    }
                }
            }
            return (metadata, firstFrameLossless)
        }
    }
}

// MARK: - Pixels

extension WebPCodec {
    /// Decodes a still image straight into a new image buffer (libwebp's advanced
    /// API with external memory: no intermediate copy).
    static func decodePixels(_ bytes: [UInt8], width: Int, height: Int, layout: PixelLayout) throws(DecodeError) -> Image {
        var config = WebPDecoderConfig()
        guard WebPInitDecoderConfig(&config) != 0 else {
            throw .corrupt(.webp, message: "libwebp refused to initialise a decoder (WebPInitDecoderConfig: library version mismatch)")
        }
        config.output.colorspace = layout == .rgba ? MODE_RGBA : MODE_RGB
        config.output.is_external_memory = 1
        config.options.use_threads = 1
        let stride = width * layout.channels
        let count = stride * height
        var status = VP8_STATUS_OK
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            config.output.u.RGBA.rgba = buffer.baseAddress
            config.output.u.RGBA.stride = Int32(stride)
            config.output.u.RGBA.size = count
            status = bytes.withUnsafeBufferPointer { WebPDecode($0.baseAddress, $0.count, &config) }
            initialized = status == VP8_STATUS_OK ? count : 0
        }
        WebPFreeDecBuffer(&config.output)
        guard status == VP8_STATUS_OK else { throw failure(status, bytes) }
        return try wrap(pixels, width: width, height: height, layout: layout)
    }

    /// Decodes the first frame of an animation, composited on the canvas, with
    /// WebPAnimDecoder.
    static func decodeFirstFrame(_ bytes: [UInt8], width: Int, height: Int, layout: PixelLayout) throws(DecodeError) -> Image {
        var options = WebPAnimDecoderOptions()
        guard WebPAnimDecoderOptionsInit(&options) != 0 else {
            throw .corrupt(.webp, message: "libwebp refused to initialise an animation decoder (library version mismatch)")
        }
        options.color_mode = MODE_RGBA
        options.use_threads = 1
        let pixels: [UInt8]? = bytes.withUnsafeBufferPointer { file in
            var data = WebPData(bytes: file.baseAddress, size: file.count)
            guard let decoder = WebPAnimDecoderNew(&data, &options) else { return nil }
            defer { WebPAnimDecoderDelete(decoder) }
            var info = WebPAnimInfo()
            var canvas: UnsafeMutablePointer<UInt8>?
            var timestamp: Int32 = 0
            guard WebPAnimDecoderGetInfo(decoder, &info) != 0, Int(info.canvas_width) == width,
                  Int(info.canvas_height) == height,
                  WebPAnimDecoderGetNext(decoder, &canvas, &timestamp) != 0, let canvas else { return nil }
            let rgba = UnsafeBufferPointer(start: canvas, count: width * height * 4)
            if layout == .rgba { return Array(rgba) }
            return [UInt8](unsafeUninitializedCapacity: width * height * 3) { rgb, initialized in
                for i in 0..<width * height {
                    rgb[3 * i] = rgba[4 * i]
                    rgb[3 * i + 1] = rgba[4 * i + 1]
                    rgb[3 * i + 2] = rgba[4 * i + 2]
                }
                initialized = width * height * 3
            }
        }
        guard let pixels else {
            throw .corrupt(.webp, message: "libwebp could not decode the first frame of the animation (WebPAnimDecoder failed)")
        }
        return try wrap(pixels, width: width, height: height, layout: layout)
    }

    /// Wraps decoded bytes (exactly `width * channels * height` of them) in an image
    /// without copying.
    static func wrap(_ pixels: [UInt8], width: Int, height: Int, layout: PixelLayout) throws(DecodeError) -> Image {
        do {
            return try Image(width: width, height: height, layout: layout, pixels: pixels)
        } catch {
            throw .corrupt(.webp, message: "decoded pixels do not form a \(width)x\(height) image: \(error)")
        }
    }
}
