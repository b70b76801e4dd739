import Foundation
import Pixels
import Testing
import Codecs

/// PngSuite: every valid file decodes to the reference pixels, every corrupt one is refused.
@Suite struct PNGSuiteTests {
    static let folder = TestData.conformance.appendingPathComponent("pngsuite")

    static let allFiles: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("png").path)) ?? [])
        .filter { $0.hasSuffix(".png") }.sorted()
    static let validFiles = allFiles.filter { !$0.hasPrefix("x") }
    static let corruptFiles = allFiles.filter { $0.hasPrefix("x") }

    @Test func suiteIsPresent() {
        #expect(Self.validFiles.count == 161)
        #expect(Self.corruptFiles.count == 14)
    }

    /// The reference pixels as RGBA bytes; 16-bit files use their 8-bit conversion.
    static func reference(for file: String) throws -> (pixels: [Int], isSixteenBit: Bool) {
        let base = String(file.dropLast(4))
        let jsonFolder = folder.appendingPathComponent("json")
        let to8 = jsonFolder.appendingPathComponent(base + "_to8.json")
        let url = FileManager.default.fileExists(atPath: to8.path) ? to8 : jsonFolder.appendingPathComponent(base + ".json")
        let values = try JSONDecoder().decode([Int].self, from: Data(contentsOf: url))
        return (values, url == to8)
    }

    @Test(arguments: validFiles)
    func decodesToReferencePixels(file: String) throws {
        let bytes = try TestData.bytes(Self.folder.appendingPathComponent("png/" + file))
        let decoded = try PNGCodec.decode(bytes)
        var (expected, sixteen) = try Self.reference(for: file)
        if decoded.info.bitDepth == 16 && !sixteen {
            // Only 16-bit reference values exist for this file: scale them to 8 bits.
            expected = expected.map { ($0 * 255 + 32767) / 65535 }
            sixteen = true
        }
        let rgba = decoded.image.converted(to: .rgba)
        #expect(rgba.width * rgba.height * 4 == expected.count)
        var worst = 0
        for (a, b) in zip(rgba.pixels, expected) { worst = max(worst, abs(Int(a) - b)) }
        #expect(worst <= (sixteen ? 1 : 0), "\(file): largest difference \(worst)")
        #expect(decoded.info.width == decoded.image.width && decoded.info.height == decoded.image.height)
    }

    @Test(arguments: corruptFiles)
    func refusesCorruptFile(file: String) throws {
        let bytes = try TestData.bytes(Self.folder.appendingPathComponent("png/" + file))
        do {
            let decoded = try PNGCodec.decode(bytes)
            Issue.record("\(file) decoded to \(decoded.image.width)x\(decoded.image.height) instead of failing")
        } catch {
            #expect(!error.description.isEmpty)
            #expect(error.description.contains("PNG"), "\(file): \(error)")
        }
    }

    @Test(arguments: [
        ("basn0g01.png", 1, "gray", PixelLayout.gray, false),
        ("basi3p02.png", 2, "palette", .rgb, true),
        ("basn4a16.png", 16, "gray+alpha", .grayAlpha, false),
        ("basn6a08.png", 8, "rgba", .rgba, false),
        ("tbbn3p08.png", 8, "palette+alpha", .rgba, false),
        ("tbbn0g04.png", 4, "gray+trns", .grayAlpha, false),
        ("tbrn2c08.png", 8, "rgb+trns", .rgba, false),
    ])
    func headerInfo(file: String, depth: Int, model: String, layout: PixelLayout, interlaced: Bool) throws {
        let info = try PNGCodec.readInfo(try TestData.bytes(Self.folder.appendingPathComponent("png/" + file)))
        #expect(info.bitDepth == depth)
        #expect(info.colourModel == model)
        #expect(info.layout == layout)
        #expect(info.interlaced == interlaced)
    }

    @Test func readsTextChunksOfAllKinds() throws {
        // ct1n0g04: tEXt; ctzn0g04: zTXt; ctjn0g04: iTXt in Japanese.
        let plain = try PNGCodec.decode(try TestData.bytes(Self.folder.appendingPathComponent("png/ct1n0g04.png"))).info.metadata
        #expect(plain.text.contains { $0.keyword == "Title" && $0.value == "PngSuite" && $0.kind == .plain })
        let zipped = try PNGCodec.decode(try TestData.bytes(Self.folder.appendingPathComponent("png/ctzn0g04.png"))).info.metadata
        #expect(zipped.text.contains { $0.kind == .compressed && !$0.value.isEmpty })
        let intl = try PNGCodec.decode(try TestData.bytes(Self.folder.appendingPathComponent("png/ctjn0g04.png"))).info.metadata
        #expect(intl.text.contains { $0.kind == .international && $0.languageTag == "ja" && !$0.translatedKeyword.isEmpty })
    }

    @Test func readsExifChunk() throws {
        let info = try PNGCodec.readInfo(try TestData.bytes(Self.folder.appendingPathComponent("png/exif2c08.png")))
        let exif = try #require(info.metadata.exif)
        #expect(exif.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) || exif.starts(with: [0x49, 0x49, 0x2A, 0x00]))
    }
}
