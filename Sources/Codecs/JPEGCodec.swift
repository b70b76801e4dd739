import CCodecs
import Pixels

/// JPEG decoding and encoding through libjpeg-turbo (via the `CCodecs` shim).
///
/// Decoding reads baseline, progressive and arithmetic-coded 8-bit files, gray or colour
/// (YCbCr, RGB, CMYK, YCCK; CMYK and YCCK are converted to RGB), optionally scaled by
/// 1/2, 1/4 or 1/8 in the DCT domain, and turned upright by its EXIF orientation.
/// A truncated or damaged file is an error, never a partly gray image.
public enum JPEGCodec {
    /// Reads the headers only (no pixel decoding): size, bit depth, colour model
    /// (`gray`, `rgb` for YCbCr and RGB files, `cmyk`, `ycck`), progressive, and the
    /// metadata (ICC profile, EXIF, XMP, comment).
    /// - Parameter bytes: The JPEG file.
    /// - Returns: The file's info; `width` and `height` are as stored (before orientation).
    /// - Throws: `DecodeError`: `.empty`, `.truncated` when the data ends inside the
    ///   headers, `.corrupt` with libjpeg's message, `.unsupportedBitDepth` for 12-bit
    ///   files, `.zeroDimension`, `.unsupportedColourSpace`.
    public static func readInfo(_ bytes: [UInt8]) throws(DecodeError) -> ImageInfo {
        try run(bytes, options: DecodeOptions(), decodePixels: false).info
    }

    /// Decodes a JPEG into 8-bit pixels: `.gray` for grayscale files, `.rgb` for all others.
    /// - Parameters:
    ///   - bytes: The JPEG file.
    ///   - options: Size limits (checked against the stored size in the header before any
    ///     pixel memory is allocated; the stored size, not the scaled one, because libjpeg's
    ///     own buffers grow with it), the DCT scale (`jpegScale`) and whether to apply the
    ///     EXIF orientation.
    /// - Returns: The pixels (upright unless `applyOrientation` is false; scaled to
    ///   libjpeg's output size) and the file's info (stored, unscaled size).
    /// - Throws: `DecodeError`: `.empty`; `.truncated` saying how much of the image was
    ///   there (also when only the end marker is missing); `.corrupt` with libjpeg's
    ///   message, for errors and for warnings that mean damaged scan data (bad Huffman or
    ///   arithmetic codes, a marker inside the scan; stray bytes between segments are
    ///   tolerated); `.unsupportedBitDepth` (12-bit files);
    ///   `.zeroDimension`; `.exceedsLimits`; `.unsupportedColourSpace`.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws(DecodeError) -> DecodedImage {
        let (info, stored) = try run(bytes, options: options, decodePixels: true)
        guard var image = stored else {
            throw .corrupt(.jpeg, message: "no image was decoded")
        }
        if options.applyOrientation, let orientation = info.metadata.orientation, orientation != .up {
            image = image.oriented(orientation)
        }
        return DecodedImage(image: image, info: info)
    }

    // MARK: - Decoding

    /// The two-phase decode: headers and metadata first, then (after the limits check)
    /// the pixels straight into the image's buffer. The input stays pinned throughout,
    /// since libjpeg's memory source reads it in every phase.
    private static func run(
        _ bytes: [UInt8], options: DecodeOptions, decodePixels: Bool
    ) throws(DecodeError) -> (info: ImageInfo, image: Image?) {
        guard !bytes.isEmpty else { throw .empty }
        guard let decoder = dr_jpeg_decoder_create() else {
            throw .corrupt(.jpeg, message: "out of memory creating the decoder")
        }
        defer { dr_jpeg_decoder_destroy(decoder) }
        return try bytes.withUnsafeBufferPointer { (input) throws(DecodeError) -> (info: ImageInfo, image: Image?) in
            var header = dr_jpeg_header()
            let scale = decodePixels ? options.jpegScale.denominator : 1
            try check(dr_jpeg_read_header(decoder, input.baseAddress, input.count, Int32(scale), &header), decoder)
            let metadata = try readMetadata(decoder)
            let model = try colourModel(header)
            let info = ImageInfo(
                format: .jpeg, width: Int(header.width), height: Int(header.height), bitDepth: Int(header.bits),
                colourModel: model.name, layout: model.layout, interlaced: header.progressive != 0, metadata: metadata
            )
            guard decodePixels else { return (info, nil) }

            try options.limits.check(width: info.width, height: info.height, format: .jpeg)
            let width = Int(header.output_width), height = Int(header.output_height)
            try check(dr_jpeg_start(decoder, Int32(model.decodedChannels)), decoder)
            let image: Image
            do {
                image = try Image(width: width, height: height, layout: model.layout) { buffer, stride in
                    if model.decodedChannels == 4 {
                        try readCMYKRows(decoder, into: buffer, stride: stride, width: width, height: height,
                                         inverted: header.saw_adobe_marker != 0)
                    } else {
                        try readRows(decoder, into: buffer, stride: stride, height: height)
                    }
                }
            } catch let error as DecodeError {
                throw error
            } catch {
                throw .exceedsLimits(.jpeg, width: width, height: height, limits: options.limits)
            }
            return (info, image)
        }
    }

    /// The colour model name, the layout decoding yields and the channels libjpeg outputs.
    private static func colourModel(
        _ header: dr_jpeg_header
    ) throws(DecodeError) -> (name: String, layout: PixelLayout, decodedChannels: Int) {
        switch UInt32(bitPattern: header.colour_space) {
        case DR_JPEG_CS_GRAY.rawValue: return ("gray", .gray, 1)
        case DR_JPEG_CS_YCBCR.rawValue, DR_JPEG_CS_RGB.rawValue: return ("rgb", .rgb, 3)
        case DR_JPEG_CS_CMYK.rawValue: return ("cmyk", .rgb, 4)
        case DR_JPEG_CS_YCCK.rawValue: return ("ycck", .rgb, 4)
        default:
            throw .unsupportedColourSpace(.jpeg, name: "unknown (\(header.components) components)")
        }
    }

    /// Decodes every row straight into the image buffer.
    private static func readRows(
        _ decoder: OpaquePointer, into buffer: UnsafeMutableRawBufferPointer, stride: Int, height: Int
    ) throws(DecodeError) {
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var read: Int32 = 0
        try check(dr_jpeg_read_rows(decoder, base, stride, Int32(height), &read), decoder)
        guard Int(read) == height else {
            throw .truncated(.jpeg, detail: "data ended after \(read) of \(height) rows")
        }
    }

    /// Decodes CMYK rows (libjpeg converts YCCK to CMYK) a band at a time and converts
    /// them to RGB in the image buffer. Files with an Adobe marker store inverted samples
    /// (as Photoshop writes them); others store ink amounts.
    private static func readCMYKRows(
        _ decoder: OpaquePointer, into buffer: UnsafeMutableRawBufferPointer, stride: Int,
        width: Int, height: Int, inverted: Bool
    ) throws(DecodeError) {
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let band = 16
        var cmyk = [UInt8](repeating: 0, count: width * 4 * band)
        var y = 0
        while y < height {
            let rows = min(band, height - y)
            var read: Int32 = 0
            let status = cmyk.withUnsafeMutableBufferPointer { band in
                dr_jpeg_read_rows(decoder, band.baseAddress, width * 4, Int32(rows), &read)
            }
            try check(status, decoder)
            guard Int(read) == rows else {
                throw .truncated(.jpeg, detail: "data ended after \(y + Int(read)) of \(height) rows")
            }
            cmyk.withUnsafeBufferPointer { band in
                guard let samples = band.baseAddress else { return }
                for r in 0..<rows {
                    convertCMYKRow(samples + r * width * 4, to: base + (y + r) * stride, count: width, inverted: inverted)
                }
            }
            y += rows
        }
    }

    /// One row of CMYK to RGB: each colour is (255 − ink) × (255 − black) / 255, rounded.
    /// With `inverted` samples (Adobe), the samples already are 255 − ink.
    @inline(__always)
    private static func convertCMYKRow(
        _ src: UnsafePointer<UInt8>, to dst: UnsafeMutablePointer<UInt8>, count: Int, inverted: Bool
    ) {
        let flip: UInt32 = inverted ? 0 : 255
        for i in 0..<count {
            let k = UInt32(src[i * 4 + 3]) ^ flip
            for ch in 0..<3 {
                let t = (UInt32(src[i * 4 + ch]) ^ flip) * k + 128
                dst[i * 3 + ch] = UInt8(truncatingIfNeeded: (t + (t >> 8)) >> 8)
            }
        }
    }

    /// Collects EXIF (without its `Exif\0\0` prefix), XMP, the comment and the ICC profile
    /// from the markers saved while reading the headers.
    private static func readMetadata(_ decoder: OpaquePointer) throws(DecodeError) -> ImageMetadata {
        var metadata = ImageMetadata()
        let exifPrefix: [UInt8] = Array("Exif".utf8) + [0, 0]
        let xmpPrefix: [UInt8] = Array("http://ns.adobe.com/xap/1.0/".utf8) + [0]
        var comments: [String] = []
        for index in 0..<dr_jpeg_marker_count(decoder) {
            var code: Int32 = 0
            var data: UnsafePointer<UInt8>?
            var length = 0
            guard dr_jpeg_marker_at(decoder, index, &code, &data, &length) != 0 else { continue }
            let payload = UnsafeBufferPointer(start: data, count: data == nil ? 0 : length)
            switch code {
            case 0xE1:
                if metadata.exif == nil, payload.starts(with: exifPrefix) {
                    metadata.exif = Array(payload.dropFirst(exifPrefix.count))
                } else if metadata.xmp == nil, payload.starts(with: xmpPrefix) {
                    metadata.xmp = String(decoding: payload.dropFirst(xmpPrefix.count), as: UTF8.self)
                }
            case 0xFE:
                comments.append(String(decoding: payload, as: UTF8.self))
            default:
                break
            }
        }
        if !comments.isEmpty { metadata.comment = comments.joined(separator: "\n") }

        var profile: UnsafeMutablePointer<UInt8>?
        var profileLength = 0
        try check(dr_jpeg_read_icc(decoder, &profile, &profileLength), decoder)
        if let profile {
            metadata.iccProfile = Array(UnsafeBufferPointer(start: profile, count: profileLength))
            dr_jpeg_free(profile)
        }
        return metadata
    }

    /// Turns a shim status into the matching `DecodeError`, keeping libjpeg's message.
    private static func check(_ status: Int32, _ decoder: OpaquePointer) throws(DecodeError) {
        let code = UInt32(bitPattern: status)
        guard code != DR_JPEG_OK.rawValue else { return }
        let failure = dr_jpeg_decoder_failure(decoder)
        let message = String(cString: dr_jpeg_decoder_message(decoder))
        switch code {
        case DR_JPEG_TRUNCATED.rawValue:
            throw .truncated(.jpeg, detail: truncationDetail(failure))
        case DR_JPEG_BAD_PRECISION.rawValue:
            throw .unsupportedBitDepth(.jpeg, bits: Int(failure.bits))
        case DR_JPEG_EMPTY_IMAGE.rawValue:
            throw .zeroDimension(.jpeg, width: Int(failure.width), height: Int(failure.height))
        case DR_JPEG_NO_MEMORY.rawValue:
            throw .corrupt(.jpeg, message: "libjpeg ran out of memory (\(message))")
        case DR_JPEG_BAD_STATE.rawValue:
            throw .corrupt(.jpeg, message: "the decoder was used out of order after an earlier failure")
        default:
            // libjpeg words some messages "Corrupt JPEG data: …"; the error already says so.
            let prefix = "Corrupt JPEG data: "
            let words = message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
            throw .corrupt(.jpeg, message: words.isEmpty ? "libjpeg failed without a message" : words)
        }
    }

    /// How much of the image was there when the data ran out.
    private static func truncationDetail(_ failure: dr_jpeg_failure) -> String {
        let bytes = failure.bytes_total
        switch UInt32(bitPattern: failure.phase) {
        case DR_JPEG_PHASE_HEADER.rawValue:
            return "data ended after \(bytes) bytes, inside the headers, before any image data"
        case DR_JPEG_PHASE_START.rawValue:
            return "data ended after \(bytes) bytes, before all scans of the multi-scan (progressive) image were read; no rows are complete"
        default:
            return "data ended after \(failure.rows_done) of \(failure.rows_total) rows (\(bytes) bytes)"
        }
    }
}
