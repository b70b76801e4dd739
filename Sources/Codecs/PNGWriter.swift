import CCodecs
import CDeflate
import Pixels

/// Writes PNG files: rows filtered with `PNGRowFilterer` (one filter for all rows, or
/// libpng's minimum-sum-of-magnitudes choice per row), the image data deflated as one
/// zlib stream, and the chunks assembled with their CRCs.
///
/// Levels 1–9 first deflate with zlib's run-length strategy (Huffman codes, matches at
/// distance 1 only): on filtered photographs that is smaller than libdeflate's level 6
/// and several times faster. Only when that stream is under a third of the filtered
/// bytes (flat or synthetic images, where longer matches pay) does libdeflate run too,
/// at the same level, and the smaller stream is kept. Level 0 stores.
enum PNGWriter {
    /// Bytes of image data per IDAT chunk.
    static let idatChunkSize = 1 << 18

    /// Encodes a straight-alpha 8-bit image.
    /// - Throws: `EncodeError.library` when libdeflate cannot allocate or compress.
    static func encode(
        _ image: Image, level: Int, filter: PNGFilter, texts: [TextChunk], icc: [UInt8]?, exif: [UInt8]?
    ) throws(EncodeError) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(Int32(level)) else {
            throw .library(.png, message: "libdeflate could not allocate a level-\(level) compressor")
        }
        defer { libdeflate_free_compressor(compressor) }
        let filtered = filterRows(image, filter: filter)
        let data = try compressImageData(filtered, level: level, compressor)

        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out.reserveCapacity(data.count + 1024 + (icc?.count ?? 0))
        let colourType: UInt8 = [0, 4, 2, 6][image.channels - 1]
        appendChunk("IHDR", bigEndian(UInt32(image.width)) + bigEndian(UInt32(image.height)) + [8, colourType, 0, 0, 0], to: &out)
        if let icc, !icc.isEmpty {
            appendChunk("iCCP", Array("ICC profile".utf8) + [0, 0] + (try compress(icc, compressor)), to: &out)
        }
        if let exif, !exif.isEmpty { appendChunk("eXIf", exif, to: &out) }
        for text in texts {
            let keyword = latin1(text.keyword) + [0]
            switch text.kind {
            case .plain:
                appendChunk("tEXt", keyword + latin1(text.value), to: &out)
            case .compressed:
                appendChunk("zTXt", keyword + [0] + (try compress(latin1(text.value), compressor)), to: &out)
            case .international:
                appendChunk("iTXt", keyword + [0, 0] + Array(text.languageTag.utf8) + [0]
                            + Array(text.translatedKeyword.utf8) + [0] + Array(text.value.utf8), to: &out)
            }
        }
        var start = 0
        repeat {
            let end = min(data.count, start + idatChunkSize)
            appendChunk("IDAT", data[start..<end], to: &out)
            start = end
        } while start < data.count
        appendChunk("IEND", [], to: &out)
        return out
    }

    /// Every row with its filter-type byte in front, as the image data stream wants.
    private static func filterRows(_ image: Image, filter: PNGFilter) -> [UInt8] {
        let bpp = image.channels, rowBytes = image.rowBytes, height = image.height, stride = image.rowStride
        let fixed: UInt8? = switch filter {
        case .none: 0
        case .sub: 1
        case .up: 2
        case .average: 3
        case .paeth: 4
        case .adaptive: nil
        }
        let lineLength = rowBytes + 1
        let scratchLength = bpp + rowBytes + 16
        var current = [UInt8](repeating: 0, count: scratchLength)
        var previous = [UInt8](repeating: 0, count: scratchLength)
        var candidates = [UInt8](repeating: 0, count: 5 * (rowBytes + 16))
        var filtered = [UInt8](repeating: 0, count: height * lineLength + 16)
        image.withUnsafeBytes { pixels in
            filtered.withUnsafeMutableBufferPointer { out in
                candidates.withUnsafeMutableBufferPointer { trial in
                    for y in 0..<height {
                        current.withUnsafeMutableBufferPointer {
                            ($0.baseAddress! + bpp).update(from: pixels.bindMemory(to: UInt8.self).baseAddress! + y * stride, count: rowBytes)
                        }
                        current.withUnsafeBufferPointer { cur in
                            previous.withUnsafeBufferPointer { prev in
                                let line = out.baseAddress! + y * lineLength
                                if let fixed {
                                    line[0] = fixed
                                    _ = PNGRowFilterer.filterRow(fixed, current: cur.baseAddress!, previous: prev.baseAddress!,
                                                                 output: line + 1, count: rowBytes, bytesPerPixel: bpp)
                                    return
                                }
                                var best: UInt8 = 0
                                var bestCost = Int.max
                                for f: UInt8 in 0...4 {
                                    let cost = PNGRowFilterer.filterRow(
                                        f, current: cur.baseAddress!, previous: prev.baseAddress!,
                                        output: trial.baseAddress! + Int(f) * (rowBytes + 16), count: rowBytes, bytesPerPixel: bpp)
                                    if cost < bestCost { bestCost = cost; best = f }
                                }
                                line[0] = best
                                (line + 1).update(from: trial.baseAddress! + Int(best) * (rowBytes + 16), count: rowBytes)
                            }
                        }
                        swap(&current, &previous)
                    }
                }
            }
        }
        filtered.removeLast(16)
        return filtered
    }

    /// The image data stream: stored at level 0, otherwise the run-length stream, or
    /// libdeflate's when the run-length one is under a third of the input and larger.
    private static func compressImageData(_ bytes: [UInt8], level: Int, _ compressor: OpaquePointer) throws(EncodeError) -> [UInt8] {
        guard level > 0 else { return try compress(bytes, compressor) }
        let runLength = try compressRunLength(bytes, level: level)
        guard runLength.count * 3 < bytes.count else { return runLength }
        let searched = try compress(bytes, compressor)
        return searched.count < runLength.count ? searched : runLength
    }

    /// zlib's Z_RLE strategy over the whole buffer.
    static func compressRunLength(_ bytes: [UInt8], level: Int) throws(EncodeError) -> [UInt8] {
        let bound = dr_zlib_rle_bound(bytes.count)
        var size = 0
        let out = [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
            size = bytes.withUnsafeBufferPointer { dr_zlib_rle_compress($0.baseAddress, $0.count, Int32(level), buffer.baseAddress, bound) }
            initialized = size
        }
        guard size > 0 else { throw .library(.png, message: "zlib failed to compress \(bytes.count) bytes") }
        return out
    }

    private static func compress(_ bytes: [UInt8], _ compressor: OpaquePointer) throws(EncodeError) -> [UInt8] {
        let bound = libdeflate_zlib_compress_bound(compressor, bytes.count)
        var size = 0
        let out = [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
            size = bytes.withUnsafeBytes { libdeflate_zlib_compress(compressor, $0.baseAddress, $0.count, buffer.baseAddress, bound) }
            initialized = size
        }
        guard size > 0 else { throw .library(.png, message: "libdeflate failed to compress \(bytes.count) bytes") }
        return out
    }

    private static func appendChunk<C: Collection<UInt8>>(_ type: String, _ data: C, to out: inout [UInt8]) {
        out += bigEndian(UInt32(data.count))
        let start = out.count
        out += Array(type.utf8)
        out += data
        let crc = out.withUnsafeBufferPointer { libdeflate_crc32(0, $0.baseAddress! + start, out.count - start) }
        out += bigEndian(crc)
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
    }

    private static func latin1(_ s: String) -> [UInt8] { s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }
}
