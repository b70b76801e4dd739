import Foundation
import Pixels
import Testing
import Codecs

/// The fast PNG path against its references: libpng for whole files, a scalar
/// transcription of PNG §9 for the unfilter kernel.
@Suite struct PNGFastPathTests {
    /// PNG §9 filters, byte by byte, straight from the specification.
    static func referenceUnfilter(filter: UInt8, row: [UInt8], previous: [UInt8]?, bpp: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: row.count)
        for i in 0..<row.count {
            let a = i >= bpp ? Int(out[i - bpp]) : 0
            let b = previous.map { Int($0[i]) } ?? 0
            let c = i >= bpp ? (previous.map { Int($0[i - bpp]) } ?? 0) : 0
            let predictor: Int
            switch filter {
            case 0: predictor = 0
            case 1: predictor = a
            case 2: predictor = b
            case 3: predictor = (a + b) / 2
            default:
                let p = a + b - c
                let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
            }
            out[i] = UInt8((Int(row[i]) + predictor) & 0xFF)
        }
        return out
    }

    @Test(arguments: [1, 2, 3, 4])
    func unfilterMatchesSpecificationForEveryFilter(bpp: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(bpp)
        func random() -> UInt8 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
        for pixels in [1, 2, 5, 16, 17, 33, 100] {
            let count = pixels * bpp
            let previous = (0..<count).map { _ in random() }
            let row = (0..<count).map { _ in random() }
            for filter: UInt8 in 0...4 {
                for prev in [previous, nil] as [[UInt8]?] {
                    let expected = Self.referenceUnfilter(filter: filter, row: row, previous: prev, bpp: bpp)
                    var got = [UInt8](repeating: 0, count: count)
                    let ok = row.withUnsafeBufferPointer { src in
                        got.withUnsafeMutableBufferPointer { dst in
                            if let prev {
                                return prev.withUnsafeBufferPointer {
                                    PNGUnfilter.unfilterRow(filter: filter, source: src.baseAddress!, previous: $0.baseAddress!,
                                                            destination: dst.baseAddress!, count: count, bytesPerPixel: bpp)
                                }
                            }
                            return PNGUnfilter.unfilterRow(filter: filter, source: src.baseAddress!, previous: nil,
                                                           destination: dst.baseAddress!, count: count, bytesPerPixel: bpp)
                        }
                    }
                    #expect(ok)
                    #expect(got == expected, "filter \(filter), bpp \(bpp), \(pixels) pixels, previous row: \(prev != nil)")
                }
            }
        }
        var sink = [UInt8](repeating: 0, count: 4)
        let refused = [UInt8](repeating: 0, count: 4).withUnsafeBufferPointer { src in
            sink.withUnsafeMutableBufferPointer {
                PNGUnfilter.unfilterRow(filter: 5, source: src.baseAddress!, previous: nil, destination: $0.baseAddress!, count: 4, bytesPerPixel: 1)
            }
        }
        #expect(!refused)
    }

    static let suiteFolder = TestData.conformance.appendingPathComponent("pngsuite/png")
    static let files: [URL] = PNGSuiteTests.validFiles.map { suiteFolder.appendingPathComponent($0) }
        + TestData.corpusPNGs.map { TestData.corpus.appendingPathComponent($0) }

    @Test(arguments: files)
    func fastPathEqualsLibpng(file: URL) throws {
        let bytes = try TestData.bytes(file)
        let fast = try PNGCodec.decode(bytes)
        let reference = try PNGCodec.decode(bytes, options: DecodeOptions(pngDecoder: .libpng))
        #expect(fast == reference, "\(file.lastPathComponent)")
    }

    @Test func metadataFromFastPathEqualsLibpng() throws {
        let icc = try TestData.bytes(TestData.conformance.appendingPathComponent("jpeg/test3.icc"))
        let metadata = ImageMetadata(
            iccProfile: icc, exif: [0x49, 0x49, 0x2A, 0, 8, 0, 0, 0, 0, 0], xmp: "<x:xmpmeta>ok</x:xmpmeta>",
            text: [TextChunk(keyword: "a", value: "b", kind: .plain), TextChunk(keyword: "z", value: String(repeating: "zz", count: 99), kind: .compressed),
                   TextChunk(keyword: "i", value: "☀", kind: .international, languageTag: "en", translatedKeyword: "sun")]
        )
        let image = try PNGCodecTests.synthetic(width: 9, height: 5, layout: .rgba)
        let bytes = try PNGCodec.encode(image, metadata: metadata)
        let fast = try PNGCodec.decode(bytes)
        #expect(fast.info.metadata == metadata)
        #expect(fast == (try PNGCodec.decode(bytes, options: DecodeOptions(pngDecoder: .libpng))))
    }

    @Test func damagedFilesFallBackToLibpngErrors() throws {
        let good = try PNGCodec.encode(try PNGCodecTests.synthetic(width: 40, height: 30, layout: .rgb))
        // A flipped bit inside the image data: the CRC no longer matches.
        var flipped = good
        flipped[good.count / 2] ^= 0x10
        #expect(throws: DecodeError.self) { try PNGCodec.decode(flipped) }
        // Cut short: libpng's truncation message, not a fast-path failure.
        let error = #expect(throws: DecodeError.self) { try PNGCodec.decode(Array(good.prefix(good.count - 20))) }
        if case .truncated? = error {} else { Issue.record("expected truncated, got \(String(describing: error))") }
    }
}
