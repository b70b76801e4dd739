import Foundation
import Pixels
import Testing
import Codecs

/// PNG round trips, options, metadata, limits and damaged data on the real corpus.
@Suite struct PNGCodecTests {
    /// A deterministic image in `layout`: smooth gradients plus noise, alpha varying.
    static func synthetic(width: Int, height: Int, layout: PixelLayout, seed: UInt64 = 1) throws -> Image {
        var state = seed
        func next() -> UInt8 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(width * height * layout.channels)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<layout.channels {
                    let base = (x * 255 / max(1, width - 1) + y * 97 + c * 61) & 0xFF
                    bytes.append(UInt8((base + Int(next() & 15)) & 0xFF))
                }
            }
        }
        return try Image(width: width, height: height, layout: layout, pixels: bytes)
    }

    @Test(arguments: PixelLayout.allCases)
    func roundTripsEveryLayoutExactly(layout: PixelLayout) throws {
        for (w, h) in [(1, 1), (13, 7), (64, 3), (3, 64)] {
            let image = try Self.synthetic(width: w, height: h, layout: layout)
            let encoded = try PNGCodec.encode(image)
            #expect(ImageFormat.sniff(encoded) == .png)
            let decoded = try PNGCodec.decode(encoded)
            #expect(decoded.image == image)
            #expect(decoded.info.layout == layout)
        }
    }

    @Test func respectsRowStride() throws {
        let packed = try Self.synthetic(width: 5, height: 4, layout: .rgb)
        var padded = [UInt8]()
        for y in 0..<4 { padded += packed.pixels[y * 15..<y * 15 + 15] + [9, 9, 9] }
        let strided = try Image(width: 5, height: 4, layout: .rgb, rowStride: 18, pixels: padded)
        #expect(try PNGCodec.decode(try PNGCodec.encode(strided)).image == packed)
    }

    @Test(arguments: TestData.corpusPNGs)
    func corpusRoundTrip(file: String) throws {
        let bytes = try TestData.bytes(TestData.corpus.appendingPathComponent(file))
        let decoded = try PNGCodec.decode(bytes)
        #expect(file.contains("\(decoded.image.width)x\(decoded.image.height)"))
        #expect(decoded.image.layout == (file.contains("rgba") ? .rgba : .rgb))
        let again = try PNGCodec.decode(try PNGCodec.encode(decoded.image, options: PNGEncodeOptions(compressionLevel: 1)))
        #expect(again.image == decoded.image)
    }

    @Test func compressionLevelAndFilterChangeSizeNotPixels() throws {
        let image = try PNGCodec.decode(try TestData.bytes(TestData.corpus.appendingPathComponent("s07_yellow-flower_512x512.png"))).image
        let stored = try PNGCodec.encode(image, options: PNGEncodeOptions(compressionLevel: 0, filter: .none))
        let best = try PNGCodec.encode(image, options: PNGEncodeOptions(compressionLevel: 9, filter: .adaptive))
        #expect(stored.count > image.pixels.count)
        #expect(best.count < stored.count * 3 / 4)
        for filter in PNGFilter.allCases {
            let encoded = try PNGCodec.encode(image, options: PNGEncodeOptions(compressionLevel: 3, filter: filter))
            #expect(try PNGCodec.decode(encoded).image == image, "filter \(filter)")
        }
        #expect(throws: EncodeError.self) { try PNGCodec.encode(image, options: PNGEncodeOptions(compressionLevel: 10)) }
    }

    @Test func metadataRoundTrip() throws {
        let icc = try TestData.bytes(TestData.conformance.appendingPathComponent("jpeg/test3.icc"))
        let exif: [UInt8] = [0x4D, 0x4D, 0, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]
        let metadata = ImageMetadata(
            iccProfile: icc, exif: exif, xmp: "<x:xmpmeta xmlns:x='adobe:ns:meta/'>prompt ☀</x:xmpmeta>",
            text: [
                TextChunk(keyword: "prompt", value: "a lighthouse at dusk", kind: .plain),
                TextChunk(keyword: "negative", value: String(repeating: "blurry, ", count: 50), kind: .compressed),
                TextChunk(keyword: "Beschreibung", value: "Leuchtturm in der Dämmerung ☀", kind: .international, languageTag: "de", translatedKeyword: "Description"),
            ]
        )
        let image = try Self.synthetic(width: 8, height: 8, layout: .rgb)
        let decoded = try PNGCodec.decode(try PNGCodec.encode(image, metadata: metadata), options: DecodeOptions(applyOrientation: false))
        #expect(decoded.info.metadata == metadata)
        #expect(decoded.info.metadata.orientation == .right)
        #expect(decoded.image == image)
    }

    @Test func refusesBadTextKeywords() throws {
        let image = try Self.synthetic(width: 2, height: 2, layout: .gray)
        #expect(throws: EncodeError.self) {
            try PNGCodec.encode(image, metadata: ImageMetadata(text: [TextChunk(keyword: "", value: "x")]))
        }
        #expect(throws: EncodeError.self) {
            try PNGCodec.encode(image, metadata: ImageMetadata(text: [TextChunk(keyword: "k", value: "☀", kind: .plain)]))
        }
    }

    /// Rewrites the IHDR size of a PNG and fixes the chunk's CRC.
    static func withHeaderSize(_ png: [UInt8], width: UInt32, height: UInt32) -> [UInt8] {
        var bytes = png
        for (i, v) in [width, height].enumerated() {
            for b in 0..<4 { bytes[16 + i * 4 + b] = UInt8(truncatingIfNeeded: v >> (24 - 8 * UInt32(b))) }
        }
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes[12..<29] {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        for b in 0..<4 { bytes[29 + b] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * UInt32(b))) }
        return bytes
    }

    @Test func refusesOversizedHeaderBeforeAllocating() throws {
        let small = try PNGCodec.encode(try Self.synthetic(width: 4, height: 4, layout: .rgb))
        let huge = Self.withHeaderSize(small, width: 20000, height: 20000)
        #expect(throws: DecodeError.exceedsLimits(.png, width: 20000, height: 20000, limits: .default)) {
            try PNGCodec.decode(huge)
        }
        let tight = DecodeLimits(maxWidth: 100, maxHeight: 100, maxPixels: 50)
        #expect(throws: DecodeError.exceedsLimits(.png, width: 8, height: 8, limits: tight)) {
            try PNGCodec.decode(Self.withHeaderSize(small, width: 8, height: 8), options: DecodeOptions(limits: tight))
        }
        #expect(throws: DecodeError.zeroDimension(.png, width: 0, height: 4)) {
            try PNGCodec.decode(Self.withHeaderSize(small, width: 0, height: 4))
        }
    }

    @Test(arguments: [0.02, 0.3, 0.6, 0.99])
    func truncatedCorpusFileSaysHowMuchIsMissing(fraction: Double) throws {
        let bytes = try TestData.bytes(TestData.corpus.appendingPathComponent("s07_yellow-flower_512x512.png"))
        let cut = Array(bytes.prefix(Int(Double(bytes.count) * fraction)))
        let error = #expect(throws: DecodeError.self) { try PNGCodec.decode(cut) }
        guard case let .truncated(format, detail)? = error else {
            Issue.record("expected a truncation error, got \(String(describing: error))")
            return
        }
        #expect(format == .png)
        #expect(detail.contains("more bytes were needed"))
        #expect(detail.contains("rows were decoded") || detail.contains("before the image data"))
    }

    @Test func refusesNonPNGAndEmptyData() {
        #expect(throws: DecodeError.empty) { try PNGCodec.decode([]) }
        #expect(throws: DecodeError.self) { try PNGCodec.decode(Array("not a png at all".utf8)) }
        #expect(throws: DecodeError.self) { try PNGCodec.decode([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) }
    }

    @Test func premultipliedImagesAreWrittenStraight() throws {
        let straight = try Image(width: 2, height: 1, layout: .rgba, pixels: [200, 100, 50, 128, 10, 20, 30, 255])
        let decoded = try PNGCodec.decode(try PNGCodec.encode(straight.premultiplied())).image
        #expect(decoded.alphaMode == .straight)
        for (a, b) in zip(decoded.pixels, straight.pixels) { #expect(abs(Int(a) - Int(b)) <= 1) }
    }
}
