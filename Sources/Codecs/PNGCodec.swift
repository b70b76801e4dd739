import CCodecs
import Pixels

/// PNG decoding and encoding.
///
/// Decoding takes a fast path for clean 8-bit, non-interlaced gray / gray+alpha / RGB /
/// RGBA files (libdeflate and SIMD unfiltering, see `PNGFastDecoder`); every other file,
/// and any file the fast path finds irregular, goes through libpng, which also words
/// the errors.
///
/// Every PNG variant decodes to 8-bit samples: palettes and 1/2/4-bit gray are
/// expanded, a `tRNS` chunk becomes an alpha channel, 16-bit samples are scaled to 8
/// bits with rounding, and interlaced images are de-interlaced. Gamma and chromaticity
/// chunks are reported but not applied (as sharp and libvips do).
public enum PNGCodec {
    /// The `iTXt` keyword under which XMP is stored in PNG.
    public static let xmpKeyword = "XML:com.adobe.xmp"

    /// Reads the header and the chunks before the image data, without decoding pixels.
    /// Text chunks placed after the image data are not seen here (`decode` sees them).
    /// - Parameter bytes: A whole PNG file.
    /// - Throws: `DecodeError` when the data is not a readable PNG.
    public static func readInfo(_ bytes: [UInt8]) throws(DecodeError) -> ImageInfo {
        try withReader(bytes) { (reader: OpaquePointer) throws(DecodeError) in
            let header = try readHeader(reader, bytes)
            return info(header, metadata: metadata(reader))
        }
    }

    /// Decodes a PNG to an 8-bit image.
    /// - Parameters:
    ///   - bytes: A whole PNG file.
    ///   - options: Limits (checked against the header before allocating pixels);
    ///     `applyOrientation` applies an `eXIf` orientation.
    /// - Throws: `DecodeError`: `.truncated` (with how much was missing), `.corrupt`
    ///   (libpng's message), `.exceedsLimits`, `.zeroDimension`.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws(DecodeError) -> DecodedImage {
        if options.pngDecoder != .libpng, let fast = try PNGFastDecoder.decode(bytes, limits: options.limits) {
            return oriented(fast, options)
        }
        return try decodeWithLibpng(bytes, options: options)
    }

    private static func oriented(_ decoded: DecodedImage, _ options: DecodeOptions) -> DecodedImage {
        guard options.applyOrientation, let orientation = decoded.info.metadata.orientation, orientation != .up else { return decoded }
        return DecodedImage(image: decoded.image.oriented(orientation), info: decoded.info)
    }

    private static func decodeWithLibpng(_ bytes: [UInt8], options: DecodeOptions) throws(DecodeError) -> DecodedImage {
        try withReader(bytes) { (reader: OpaquePointer) throws(DecodeError) in
            let header = try readHeader(reader, bytes)
            try options.limits.check(width: Int(header.width), height: Int(header.height), format: .png)
            let layout = try outputLayout(header)
            var failure: DecodeError?
            let image: Image
            do {
                image = try Image(width: Int(header.width), height: Int(header.height), layout: layout) { buffer, stride in
                    if dr_png_read_pixels(reader, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), stride) != 0 {
                        failure = readFailure(reader, header: header)
                    }
                }
            } catch {
                throw .corrupt(.png, message: "\(error)")
            }
            if let failure { throw failure }
            return oriented(DecodedImage(image: image, info: info(header, metadata: metadata(reader))), options)
        }
    }

    // MARK: - Reading helpers

    private static func withReader<T>(
        _ bytes: [UInt8], _ body: (OpaquePointer) throws(DecodeError) -> T
    ) throws(DecodeError) -> T {
        guard !bytes.isEmpty else { throw .empty }
        guard ImageFormat.sniff(bytes) == .png else {
            throw .corrupt(.png, message: "missing PNG signature")
        }
        var result: Result<T, DecodeError>!
        bytes.withUnsafeBufferPointer { buffer in
            guard let reader = dr_png_reader_new(buffer.baseAddress, buffer.count) else {
                result = .failure(.corrupt(.png, message: "out of memory creating the PNG reader"))
                return
            }
            defer { dr_png_reader_free(reader) }
            do throws(DecodeError) { result = .success(try body(reader)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    private static func readHeader(_ reader: OpaquePointer, _ bytes: [UInt8]) throws(DecodeError) -> dr_png_header {
        var header = dr_png_header()
        guard dr_png_read_header(reader, &header) == 0 else {
            // libpng refuses a zero size as "Invalid IHDR data"; say what it was.
            if bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) {
                let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
                let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
                if width == 0 || height == 0 { throw .zeroDimension(.png, width: width, height: height) }
            }
            throw readFailure(reader, header: nil)
        }
        return header
    }

    private static func readFailure(_ reader: OpaquePointer, header: dr_png_header?) -> DecodeError {
        var missing = 0
        var rows: UInt32 = 0
        if dr_png_reader_truncation(reader, &missing, &rows) != 0 {
            var detail = "the data ends while at least \(missing) more bytes were needed"
            if let header {
                detail += header.interlaced != 0
                    ? " (inside the interlaced image data)"
                    : "; \(rows) of \(header.height) rows were decoded"
            } else {
                detail += " (before the image data)"
            }
            return .truncated(.png, detail: detail)
        }
        return .corrupt(.png, message: String(cString: dr_png_reader_error(reader)))
    }

    private static func outputLayout(_ header: dr_png_header) throws(DecodeError) -> PixelLayout {
        switch header.channels {
        case 1: return .gray
        case 2: return .grayAlpha
        case 3: return .rgb
        case 4: return .rgba
        default: throw .corrupt(.png, message: "unexpected channel count \(header.channels)")
        }
    }

    private static func info(_ header: dr_png_header, metadata: ImageMetadata) -> ImageInfo {
        let model: String
        switch (header.color_type, header.has_trns != 0) {
        case (0, false): model = "gray"
        case (0, true): model = "gray+trns"
        case (2, false): model = "rgb"
        case (2, true): model = "rgb+trns"
        case (3, false): model = "palette"
        case (3, true): model = "palette+alpha"
        case (4, _): model = "gray+alpha"
        default: model = "rgba"
        }
        let layout = (try? outputLayout(header)) ?? .rgba
        return ImageInfo(
            format: .png, width: Int(header.width), height: Int(header.height), bitDepth: Int(header.bit_depth),
            colourModel: model, layout: layout, interlaced: header.interlaced != 0, metadata: metadata
        )
    }

    private static func metadata(_ reader: OpaquePointer) -> ImageMetadata {
        var metadata = ImageMetadata()
        var profile: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        if dr_png_iccp(reader, &profile, &length) == 1, let profile {
            metadata.iccProfile = Array(UnsafeBufferPointer(start: profile, count: Int(length)))
        }
        var exif: UnsafePointer<UInt8>?
        if dr_png_exif(reader, &exif, &length) == 1, let exif {
            metadata.exif = Array(UnsafeBufferPointer(start: exif, count: Int(length)))
        }
        for index in 0..<dr_png_text_count(reader) {
            var text = dr_png_text()
            guard dr_png_text_at(reader, index, &text) == 0, let keyPointer = text.key else { continue }
            let value: String
            if let pointer = text.text {
                let raw = UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self)
                let bytes = UnsafeBufferPointer(start: raw, count: text.length)
                value = text.compression > 0 ? String(decoding: bytes, as: UTF8.self) : latin1(bytes)
            } else {
                value = ""
            }
            let keyBytes = UnsafeRawPointer(keyPointer).assumingMemoryBound(to: UInt8.self)
            var keyLength = 0
            while keyBytes[keyLength] != 0 { keyLength += 1 }
            let key = latin1(UnsafeBufferPointer(start: keyBytes, count: keyLength))
            if text.compression > 0 && key == xmpKeyword {
                metadata.xmp = value
                continue
            }
            let kind: TextChunk.Kind = text.compression > 0 ? .international : (text.compression == 0 ? .compressed : .plain)
            metadata.text.append(TextChunk(
                keyword: key, value: value, kind: kind,
                languageTag: text.lang.map { String(cString: $0) } ?? "",
                translatedKeyword: text.lang_key.map { String(cString: $0) } ?? ""
            ))
        }
        return metadata
    }

    private static func latin1(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
