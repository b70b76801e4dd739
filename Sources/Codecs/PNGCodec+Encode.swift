import Pixels

extension PNGCodec {
    /// Encodes an 8-bit image as PNG (straight alpha; a premultiplied image is
    /// un-premultiplied first). Rows are filtered with SIMD and deflated by libdeflate
    /// (see `PNGWriter`).
    /// - Parameters:
    ///   - image: Any layout; rows are read with the image's stride.
    ///   - options: zlib level 0–9 and the row filter strategy.
    ///   - metadata: ICC profile (`iCCP`), EXIF (`eXIf`), XMP (`iTXt`
    ///     `XML:com.adobe.xmp`) and text chunks are written; a JPEG comment is written
    ///     as a `tEXt` chunk `Comment`.
    /// - Throws: `EncodeError.invalidOption` for a level outside 0–9 or a bad text
    ///   keyword, `.library` when compression fails.
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
        return try PNGWriter.encode(
            source, level: options.compressionLevel, filter: options.filter, texts: chunks,
            icc: metadata.iccProfile, exif: metadata.exif
        )
    }
}
