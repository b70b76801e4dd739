import CCodecs
import Pixels

extension JPEGCodec {
    /// The largest width or height a JPEG can store.
    public static let maximumDimension = 65500

    /// The largest XMP packet one APP1 segment holds (the XMP specification's limit).
    public static let maximumXMPBytes = 65502

    /// Encodes a gray or RGB image as JPEG (grayscale or YCbCr), straight from its rows.
    /// - Parameters:
    ///   - image: A `.gray` or `.rgb` image, at any row stride. JPEG has no alpha, so
    ///     `.rgba` and `.grayAlpha` are refused: flatten them first.
    ///   - options: Quality 1–100, progressive, chroma subsampling (ignored for gray),
    ///     optimised Huffman tables.
    ///   - metadata: Written when present: ICC profile (APP2 chunks), EXIF (APP1 with the
    ///     `Exif\0\0` prefix), XMP (APP1 with the Adobe namespace header), comment (COM).
    ///     PNG text chunks have no JPEG home and are left out.
    /// - Returns: The JPEG file.
    /// - Throws: `EncodeError.invalidOption` for a quality outside 1–100 or a layout with
    ///   alpha, `.tooLarge` beyond 65500 pixels a side, `.metadata` for a block too large
    ///   for its segment, `.library` with libjpeg's message.
    public static func encode(
        _ image: Image, options: JPEGEncodeOptions = JPEGEncodeOptions(), metadata: ImageMetadata = ImageMetadata()
    ) throws(EncodeError) -> [UInt8] {
        let input: dr_jpeg_input
        switch image.layout {
        case .gray: input = DR_JPEG_IN_GRAY
        case .rgb: input = DR_JPEG_IN_RGB
        case .rgba, .grayAlpha:
            throw .invalidOption(name: "layout", value: image.layout.rawValue, rule: "JPEG has no alpha; flatten the image first")
        }
        return try image.pixels.withUnsafeBufferPointer { (pixels) throws(EncodeError) -> [UInt8] in
            try encodeSamples(UnsafeRawBufferPointer(pixels), width: image.width, height: image.height, rowStride: image.rowStride,
                              input: input, ycck: false, options: options, metadata: metadata)
        }
    }

    /// Encodes 4-channel CMYK samples (written as given, with libjpeg's Adobe marker, so a
    /// reader treats them as Photoshop's inverted samples), stored as CMYK or YCCK. For
    /// tests of the CMYK and YCCK decode paths; not part of the public API.
    /// - Parameters:
    ///   - samples: `width * 4` bytes per row, rows packed.
    ///   - ycck: Store YCCK instead of CMYK.
    /// - Throws: `EncodeError` as `encode`.
    package static func encodeCMYK(
        _ samples: [UInt8], width: Int, height: Int, ycck: Bool, options: JPEGEncodeOptions = JPEGEncodeOptions()
    ) throws(EncodeError) -> [UInt8] {
        guard width >= 1, height >= 1, samples.count >= width * height * 4 else {
            throw .invalidOption(name: "samples", value: "\(samples.count) bytes", rule: "need width × height × 4 bytes")
        }
        return try samples.withUnsafeBufferPointer { (pixels) throws(EncodeError) -> [UInt8] in
            try encodeSamples(UnsafeRawBufferPointer(pixels), width: width, height: height, rowStride: width * 4,
                              input: DR_JPEG_IN_CMYK, ycck: ycck, options: options, metadata: ImageMetadata())
        }
    }

    /// Validates the options, lays out the metadata markers and calls the shim.
    private static func encodeSamples(
        _ pixels: UnsafeRawBufferPointer, width: Int, height: Int, rowStride: Int, input: dr_jpeg_input,
        ycck: Bool, options: JPEGEncodeOptions, metadata: ImageMetadata
    ) throws(EncodeError) -> [UInt8] {
        guard (1...100).contains(options.quality) else {
            throw .invalidOption(name: "quality", value: String(options.quality), rule: "JPEG quality must be 1 to 100")
        }
        guard width <= maximumDimension, height <= maximumDimension else {
            throw .tooLarge(.jpeg, width: width, height: height, maximum: maximumDimension)
        }
        let markers = try markerPayloads(metadata)
        let icc = metadata.iccProfile ?? []
        // jpeg_write_icc_profile splits the profile into at most 255 chunks of 65519 bytes.
        guard icc.count <= 255 * 65519 else {
            throw .metadata(.jpeg, message: "the ICC profile is \(icc.count) bytes; a JPEG holds at most \(255 * 65519)")
        }

        var result = dr_jpeg_encode_result()
        let joined = markers.flatMap(\.data)
        joined.withUnsafeBufferPointer { blob in
            icc.withUnsafeBufferPointer { profile in
                var offset = 0
                var list: [dr_jpeg_marker] = []
                for marker in markers {
                    list.append(dr_jpeg_marker(code: marker.code, data: blob.baseAddress.map { $0 + offset }, length: marker.data.count))
                    offset += marker.data.count
                }
                let iccPosition = markers.firstIndex { $0.code != 0xE1 } ?? markers.count
                list.withUnsafeBufferPointer { markerList in
                    var params = dr_jpeg_encode_params()
                    params.width = Int32(width)
                    params.height = Int32(height)
                    params.input = Int32(bitPattern: input.rawValue)
                    params.quality = Int32(options.quality)
                    params.progressive = options.progressive ? 1 : 0
                    params.optimize_huffman = options.optimizeHuffman ? 1 : 0
                    params.chroma_444 = options.chromaSubsampling == .s444 || input == DR_JPEG_IN_CMYK ? 1 : 0
                    params.ycck = ycck ? 1 : 0
                    params.icc = icc.isEmpty ? nil : profile.baseAddress
                    params.icc_length = icc.count
                    params.markers = markerList.baseAddress
                    params.marker_count = Int32(markerList.count)
                    params.icc_position = Int32(iccPosition)
                    dr_jpeg_encode(&params, pixels.baseAddress?.assumingMemoryBound(to: UInt8.self), rowStride, &result)
                }
            }
        }
        guard UInt32(bitPattern: result.status) == DR_JPEG_OK.rawValue, let data = result.data else {
            let message = withUnsafeBytes(of: result.message) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            throw .library(.jpeg, message: message.isEmpty ? "libjpeg failed without a message" : message)
        }
        defer { dr_jpeg_free(data) }
        return Array(UnsafeBufferPointer(start: data, count: result.length))
    }

    /// The EXIF and XMP APP1 payloads and the COM payload, in the order they are written
    /// (the ICC profile goes after the APP1 segments).
    private static func markerPayloads(_ metadata: ImageMetadata) throws(EncodeError) -> [(code: Int32, data: [UInt8])] {
        let segmentLimit = 65533
        var markers: [(code: Int32, data: [UInt8])] = []
        if let exif = metadata.exif, !exif.isEmpty {
            let prefix: [UInt8] = Array("Exif".utf8) + [0, 0]
            let payload = exif.starts(with: prefix) ? exif : prefix + exif
            guard payload.count <= segmentLimit else {
                throw .metadata(.jpeg, message: "the EXIF block is \(payload.count - 6) bytes; a JPEG APP1 segment holds at most \(segmentLimit - 6)")
            }
            markers.append((0xE1, payload))
        }
        if let xmp = metadata.xmp, !xmp.isEmpty {
            let packet = Array(xmp.utf8)
            guard packet.count <= maximumXMPBytes else {
                throw .metadata(.jpeg, message: "the XMP packet is \(packet.count) bytes; a JPEG APP1 segment holds at most \(maximumXMPBytes) (extended XMP is not written)")
            }
            markers.append((0xE1, Array("http://ns.adobe.com/xap/1.0/".utf8) + [0] + packet))
        }
        if let comment = metadata.comment, !comment.isEmpty {
            let bytes = Array(comment.utf8)
            guard bytes.count <= segmentLimit else {
                throw .metadata(.jpeg, message: "the comment is \(bytes.count) bytes; a JPEG COM segment holds at most \(segmentLimit)")
            }
            markers.append((0xFE, bytes))
        }
        return markers
    }
}
