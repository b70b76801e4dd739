import Foundation
import Pixels
import Testing
import Codecs

/// The PNG encoder's run-length path (levels 1–9, see `PNGWriter`): every filter and level
/// round-trips through both decoders, and the default is no larger than Pillow's files.
@Suite struct PNGEncodeSpeedTests {
    /// The four response images (W5's workload) and two other shapes of the corpus.
    static let files = ["s01_evening-glow_1024x1024.png", "s04_ladybird_1024x1024.png",
                        "s06_cold-ripple_768x1344.png", "s08_headset_rgba_512x512.png"]

    static func decoded(_ file: String) throws -> Image {
        try PNGCodec.decode(try TestData.bytes(TestData.corpus.appendingPathComponent(file))).image
    }

    @Test(arguments: files)
    func everyFilterRoundTripsThroughBothDecoders(file: String) throws {
        let image = try Self.decoded(file)
        for filter in PNGFilter.allCases {
            let encoded = try PNGCodec.encode(image, options: PNGEncodeOptions(filter: filter))
            let fast = try PNGCodec.decode(encoded)
            let reference = try PNGCodec.decode(encoded, options: DecodeOptions(pngDecoder: .libpng))
            #expect(fast.image == image, "\(file) \(filter) fast decoder")
            #expect(reference.image == image, "\(file) \(filter) libpng")
        }
    }

    @Test func everyLevelRoundTripsAndIsDeterministic() throws {
        let image = try Self.decoded("s08_headset_rgba_512x512.png")
        for level in 0...9 {
            let options = PNGEncodeOptions(compressionLevel: level)
            let encoded = try PNGCodec.encode(image, options: options)
            #expect(try PNGCodec.decode(encoded, options: DecodeOptions(pngDecoder: .libpng)).image == image, "level \(level)")
            #expect(try PNGCodec.encode(image, options: options) == encoded, "level \(level) deterministic")
        }
    }

    /// The corpus files are Pillow's own output (zlib level 6, adaptive filters), so the
    /// default encoder's output must not be larger than they are on the four response
    /// images, summed (W5's size: Pillow 1314 KiB a file).
    @Test func defaultIsNoLargerThanPillowOnResponseImages() throws {
        var ours = 0, pillow = 0
        for file in ["s01_evening-glow_1024x1024.png", "s02_fallen-leaf_1024x1024.png",
                     "s03_colorful-cups_1024x1024.png", "s04_ladybird_1024x1024.png"] {
            let bytes = try TestData.bytes(TestData.corpus.appendingPathComponent(file))
            ours += try PNGCodec.encode(try PNGCodec.decode(bytes).image).count
            pillow += bytes.count
        }
        #expect(ours <= pillow, "\(ours) bytes against Pillow's \(pillow)")
    }

    /// A flat, synthetic image takes the libdeflate path too and must compress far
    /// better than the run-length stream alone would (long matches).
    @Test func flatImageStillGetsLZ77() throws {
        var pixels = [UInt8]()
        for y in 0..<256 { for x in 0..<256 { pixels += [UInt8((x / 32) * 30), UInt8((y / 32) * 30), UInt8(((x ^ y) & 64) * 2)] } }
        let image = try Image(width: 256, height: 256, layout: .rgb, pixels: pixels)
        let encoded = try PNGCodec.encode(image)
        #expect(try PNGCodec.decode(encoded).image == image)
        #expect(encoded.count < pixels.count / 100)
    }
}
