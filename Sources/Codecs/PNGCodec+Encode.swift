import CCodecs
import Pixels

extension PNGCodec {
    /// Encodes an 8-bit image as PNG (straight alpha; a premultiplied image is
    /// un-premultiplied first).
    /// - Parameters:
    ///   - image: Any layout; rows are read with the image's stride.
    ///   - options: zlib level 0–9 and the row filter strategy.
    ///   - metadata: ICC profile (`iCCP`), EXIF (`eXIf`), XMP (`iTXt`
    ///     `XML:com.adobe.xmp`) and text chunks are written; a JPEG comment is written
    ///     as a `tEXt` chunk `Comment`.
    /// - Throws: `EncodeError.invalidOption` for a level outside 0–9 or a bad text
    ///   keyword, `.library` with libpng's message.
    public static func encode(
        _ image: Image, options: PNGEncodeOptions = PNGEncodeOptions(), metadata: ImageMetadata = ImageMetadata()
    ) throws(EncodeError) -> [UInt8] {
        guard (0...9).contains(options.compressionLevel) else {
            throw .invalidOption(name: "PNG compression level", value: "\(options.compressionLevel)", rule: "use 0 (none) to 9 (smallest)")
        }
        let source = image.alphaMode == .premultiplied ? image.unpremultiplied() : image
        var chunks = metadata.text
        if let comment = metadata.comment { chunks.append(TextChunk(keyword: "Comment", value: comment, kind: .plain)) }
        if let xmp = metadata.xmp { chunks.append(TextChunk(keyword: xmpKeyword, value: xmp, kind: .international)) }
        for chunk in chunks {
            guard (1...79).contains(chunk.keyword.unicodeScalars.count),
                  chunk.keyword.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value <= 255 && $0.value != 127 }) else {
                throw .invalidOption(name: "PNG text keyword", value: "\"\(chunk.keyword)\"", rule: "keywords are 1–79 printable Latin-1 characters")
            }
            if chunk.kind != .international, !chunk.value.unicodeScalars.allSatisfy({ $0.value <= 255 }) {
                throw .invalidOption(name: "PNG text", value: "for \"\(chunk.keyword)\"", rule: "tEXt and zTXt hold Latin-1 only; use an international (iTXt) chunk")
            }
        }
        // C strings for every text field, kept alive for the call.
        let encoded: [(key: [CChar], text: [CChar], lang: [CChar], langKey: [CChar], compression: Int32, length: Int)] = chunks.map { chunk in
            let key = latin1CString(chunk.keyword)
            switch chunk.kind {
            case .international:
                let utf8 = Array(chunk.value.utf8)
                return (key, utf8.map { CChar(bitPattern: $0) } + [0], Array(chunk.languageTag.utf8CString), Array(chunk.translatedKeyword.utf8CString), 1, utf8.count)
            case .plain, .compressed:
                let text = latin1CString(chunk.value)
                return (key, text, [0], [0], chunk.kind == .plain ? -1 : 0, text.count - 1)
            }
        }
        var message = [CChar](repeating: 0, count: 256)
        var out = dr_png_buffer()
        let status: Int32 = withTextArray(encoded) { texts in
            var params = dr_png_write_params()
            params.width = UInt32(source.width)
            params.height = UInt32(source.height)
            params.channels = Int32(source.channels)
            params.compression_level = Int32(options.compressionLevel)
            params.filters = options.filter.libpngMask
            params.texts = texts.baseAddress
            params.text_count = Int32(texts.count)
            return withOptionalBytes(metadata.iccProfile) { icc in
                params.icc = icc.baseAddress
                params.icc_length = UInt32(icc.count)
                return withOptionalBytes(metadata.exif) { exif in
                    params.exif = exif.baseAddress
                    params.exif_length = UInt32(exif.count)
                    return source.withUnsafeBytes { pixels in
                        dr_png_write(&params, pixels.baseAddress!.assumingMemoryBound(to: UInt8.self), source.rowStride,
                                     &out, &message, message.count)
                    }
                }
            }
        }
        defer { dr_png_buffer_free(&out) }
        guard status == 0, let data = out.data else {
            throw .library(.png, message: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return Array(UnsafeBufferPointer(start: data, count: out.size))
    }

    private static func latin1CString(_ string: String) -> [CChar] {
        string.unicodeScalars.map { CChar(bitPattern: UInt8(truncatingIfNeeded: $0.value)) } + [0]
    }

    private static func withTextArray<R>(
        _ texts: [(key: [CChar], text: [CChar], lang: [CChar], langKey: [CChar], compression: Int32, length: Int)],
        _ body: (UnsafeBufferPointer<dr_png_text>) -> R
    ) -> R {
        // Pointers into each array stay valid while nested withUnsafeBufferPointer calls
        // are open; a flat recursion keeps every one of them open for `body`.
        func build(_ index: Int, _ built: inout [dr_png_text]) -> R {
            if index == texts.count { return built.withUnsafeBufferPointer(body) }
            let t = texts[index]
            return t.key.withUnsafeBufferPointer { key in
                t.text.withUnsafeBufferPointer { text in
                    t.lang.withUnsafeBufferPointer { lang in
                        t.langKey.withUnsafeBufferPointer { langKey in
                            built.append(dr_png_text(
                                key: key.baseAddress, text: text.baseAddress, length: t.length, compression: t.compression,
                                lang: t.compression > 0 ? lang.baseAddress : nil, lang_key: t.compression > 0 ? langKey.baseAddress : nil
                            ))
                            return build(index + 1, &built)
                        }
                    }
                }
            }
        }
        var built: [dr_png_text] = []
        built.reserveCapacity(texts.count)
        return build(0, &built)
    }

    private static func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let bytes, !bytes.isEmpty else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return bytes.withUnsafeBufferPointer(body)
    }
}

extension PNGFilter {
    /// libpng's filter mask for this strategy.
    var libpngMask: Int32 {
        switch self {
        case .none: Int32(DR_PNG_FILTER_NONE)
        case .sub: Int32(DR_PNG_FILTER_SUB)
        case .up: Int32(DR_PNG_FILTER_UP)
        case .average: Int32(DR_PNG_FILTER_AVG)
        case .paeth: Int32(DR_PNG_FILTER_PAETH)
        case .adaptive: Int32(DR_PNG_ALL_FILTERS)
        }
    }
}
