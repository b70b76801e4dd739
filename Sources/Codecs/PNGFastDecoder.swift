import CDeflate
import Pixels

/// The fast PNG decoder for the images generators return — 8-bit gray, gray+alpha,
/// RGB or RGBA, not interlaced: chunks are checked (CRC) and walked in Swift, the image
/// data is inflated in one call to libdeflate (about twice zlib's speed), and rows are
/// unfiltered with SIMD straight into the image. Files it does not take, or that are
/// anything but clean, return `nil` and go to libpng, which also gives the error.
enum PNGFastDecoder {
    /// Decodes `bytes`, or returns `nil` when libpng should.
    /// - Throws: `DecodeError.exceedsLimits` when the header is over `limits` (checked
    ///   before allocating).
    static func decode(_ bytes: [UInt8], limits: DecodeLimits) throws(DecodeError) -> DecodedImage? {
        var result: Result<DecodedImage?, DecodeError> = .success(nil)
        bytes.withUnsafeBytes { raw in
            guard let scan = PNGChunkScan(raw) else { return }
            do throws(DecodeError) {
                try limits.check(width: scan.width, height: scan.height, format: .png)
            } catch {
                result = .failure(error)
                return
            }
            guard let image = pixels(raw, scan), let metadata = metadata(raw, scan) else { return }
            let model = ["gray", "", "rgb", "", "gray+alpha", "", "rgba"][Int(scan.colourType)]
            let info = ImageInfo(format: .png, width: scan.width, height: scan.height, bitDepth: 8, colourModel: model,
                                 layout: image.layout, interlaced: false, metadata: metadata)
            result = .success(DecodedImage(image: image, info: info))
        }
        return try result.get()
    }

    private static func pixels(_ raw: UnsafeRawBufferPointer, _ scan: PNGChunkScan) -> Image? {
        let rowBytes = scan.width * scan.channels
        let (filtered, overflow) = (rowBytes + 1).multipliedReportingOverflow(by: scan.height)
        guard !overflow else { return nil }
        // One contiguous zlib stream: a single IDAT is used in place, several are joined.
        let joined: [UInt8]? = scan.imageData.count == 1 ? nil : scan.imageData.flatMap { raw[$0] }
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var ok = false
        let inflated = [UInt8](unsafeUninitializedCapacity: filtered) { buffer, initialized in
            var actual = 0
            let status: libdeflate_result
            if let joined {
                status = joined.withUnsafeBytes {
                    libdeflate_zlib_decompress(decompressor, $0.baseAddress, $0.count, buffer.baseAddress, filtered, &actual)
                }
            } else {
                let range = scan.imageData[0]
                status = libdeflate_zlib_decompress(decompressor, raw.baseAddress! + range.lowerBound, range.count,
                                                    buffer.baseAddress, filtered, &actual)
            }
            ok = status == LIBDEFLATE_SUCCESS && actual == filtered
            initialized = ok ? filtered : 0
        }
        guard ok else { return nil }
        let layout: PixelLayout = [.gray, .grayAlpha, .rgb, .rgba][scan.channels - 1]
        struct BadFilter: Error {}
        return try? Image(width: scan.width, height: scan.height, layout: layout) { dst, stride in
            try inflated.withUnsafeBufferPointer { src in
                let out = dst.bindMemory(to: UInt8.self).baseAddress!
                for y in 0..<scan.height {
                    let row = src.baseAddress! + y * (rowBytes + 1)
                    let previous: UnsafePointer<UInt8>? = y == 0 ? nil : UnsafePointer(out + (y - 1) * stride)
                    guard PNGUnfilter.unfilterRow(
                        filter: row[0], source: row + 1, previous: previous, destination: out + y * stride,
                        count: rowBytes, bytesPerPixel: scan.channels
                    ) else { throw BadFilter() }
                }
            }
        }
    }

    /// Text, iCCP and eXIf chunks as libpng reports them; `nil` when one is malformed
    /// (libpng then reads the file and decides).
    private static func metadata(_ raw: UnsafeRawBufferPointer, _ scan: PNGChunkScan) -> ImageMetadata? {
        var metadata = ImageMetadata()
        for (type, range) in scan.metadataChunks {
            let data = Array(raw[range])
            switch type {
            case "eXIf":
                if metadata.exif == nil { metadata.exif = data }
            case "iCCP":
                guard let nul = data.firstIndex(of: 0), nul + 2 <= data.count, data[nul + 1] == 0,
                      let profile = inflate(Array(data[(nul + 2)...])) else { return nil }
                if metadata.iccProfile == nil { metadata.iccProfile = profile }
            case "tEXt":
                guard let nul = data.firstIndex(of: 0) else { return nil }
                metadata.text.append(TextChunk(keyword: latin1(data[..<nul]), value: latin1(data[(nul + 1)...]), kind: .plain))
            case "zTXt":
                guard let nul = data.firstIndex(of: 0), nul + 2 <= data.count, data[nul + 1] == 0,
                      let text = inflate(Array(data[(nul + 2)...])) else { return nil }
                metadata.text.append(TextChunk(keyword: latin1(data[..<nul]), value: latin1(text[...]), kind: .compressed))
            default: // iTXt
                guard let nul = data.firstIndex(of: 0), nul + 3 <= data.count else { return nil }
                let compressed = data[nul + 1] == 1
                let rest = data[(nul + 3)...]
                guard let langEnd = rest.firstIndex(of: 0), let keyEnd = rest[(langEnd + 1)...].firstIndex(of: 0) else { return nil }
                var text = Array(rest[(keyEnd + 1)...])
                if compressed {
                    guard data[nul + 2] == 0, let inflated = inflate(text) else { return nil }
                    text = inflated
                }
                let keyword = latin1(data[..<nul])
                let value = String(decoding: text, as: UTF8.self)
                if keyword == PNGCodec.xmpKeyword {
                    metadata.xmp = value
                } else {
                    metadata.text.append(TextChunk(
                        keyword: keyword, value: value, kind: .international,
                        languageTag: String(decoding: rest[rest.startIndex..<langEnd], as: UTF8.self),
                        translatedKeyword: String(decoding: rest[(langEnd + 1)..<keyEnd], as: UTF8.self)
                    ))
                }
            }
        }
        return metadata
    }

    /// Inflates a zlib stream of unknown size (up to 64 MiB).
    private static func inflate(_ data: [UInt8]) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var capacity = max(1024, data.count * 4)
        while capacity <= 1 << 26 {
            var actual = 0
            var status = LIBDEFLATE_BAD_DATA
            let out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                status = data.withUnsafeBytes {
                    libdeflate_zlib_decompress(decompressor, $0.baseAddress, $0.count, buffer.baseAddress, capacity, &actual)
                }
                initialized = status == LIBDEFLATE_SUCCESS ? actual : 0
            }
            if status == LIBDEFLATE_SUCCESS { return out }
            guard status == LIBDEFLATE_INSUFFICIENT_SPACE else { return nil }
            capacity *= 4
        }
        return nil
    }

    private static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
