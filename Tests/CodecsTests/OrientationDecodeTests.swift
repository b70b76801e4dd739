import Pixels
import Testing
import Codecs

/// Every decoder applies the EXIF orientation the same way, and can keep stored order.
@Suite struct OrientationDecodeTests {
    /// A minimal big-endian EXIF block whose IFD0 holds only the orientation tag.
    static func exif(_ orientation: Orientation) -> [UInt8] {
        [0x4D, 0x4D, 0, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, UInt8(orientation.rawValue), 0, 0, 0, 0, 0, 0]
    }

    static func encode(_ image: Image, _ format: ImageFormat, _ metadata: ImageMetadata) throws -> [UInt8] {
        switch format {
        case .png: try PNGCodec.encode(image, metadata: metadata)
        case .webp: try WebPCodec.encode(image, options: WebPEncodeOptions(lossless: true), metadata: metadata)
        default: try JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 100, chromaSubsampling: .s444), metadata: metadata)
        }
    }

    @Test(arguments: [ImageFormat.png, .webp, .jpeg], Orientation.allCases)
    func decodersTurnImagesUpright(format: ImageFormat, orientation: Orientation) throws {
        // Big flat blocks survive JPEG at q100 almost exactly.
        var bytes: [UInt8] = []
        for y in 0..<24 { for x in 0..<40 { bytes += [x < 16 ? 250 : 10, y < 8 ? 240 : 20, 128] } }
        let stored = try Image(width: 40, height: 24, layout: .rgb, pixels: bytes)
        let file = try Self.encode(stored, format, ImageMetadata(exif: Self.exif(orientation)))
        let upright = try ImageDecoder.decode(file)
        let expected = stored.oriented(orientation)
        #expect(upright.info.metadata.orientation == orientation)
        #expect(upright.image.width == expected.width && upright.image.height == expected.height)
        var worst = 0
        for (a, b) in zip(upright.image.pixels, expected.pixels) { worst = max(worst, abs(Int(a) - Int(b))) }
        #expect(worst <= (format == .jpeg ? 12 : 0), "\(format) \(orientation): \(worst)")
        let kept = try ImageDecoder.decode(file, options: DecodeOptions(applyOrientation: false))
        #expect(kept.image.width == 40 && kept.image.height == 24)
    }

    @Test func resettingOrientationKeepsTheRestOfTheBlock() {
        let block = Self.exif(.left)
        let reset = ExifReader.withOrientationUp(block)
        #expect(ExifReader.orientation(in: reset) == .up)
        #expect(reset.count == block.count)
        #expect(zip(reset, block).filter { $0 != $1 }.count == 1)
        #expect(ExifReader.withOrientationUp([1, 2, 3]) == [1, 2, 3])
        #expect(ExifReader.orientation(in: [0x49, 0x49, 0x2A, 0, 0xFF, 0xFF, 0, 0]) == nil)
    }
}
