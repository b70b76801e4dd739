import Codecs
import DarkroomTestSupport
import Foundation
import Pixels
import Testing

/// JPEG decode and encode through libjpeg-turbo, on libjpeg-turbo's own test images and
/// on images built here.
@Suite struct JPEGCodecTests {
    static let folder = TestData.conformance.appendingPathComponent("jpeg")
    static func file(_ name: String) throws -> [UInt8] { try TestData.bytes(folder.appendingPathComponent(name)) }

    // MARK: Helpers

    /// Parses a binary PPM (P6, maxval 255) into an RGB image.
    static func parsePPM(_ bytes: [UInt8]) throws -> Image {
        var index = 0
        func token() throws -> String {
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "#") {
                    while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                } else if [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) {
                    index += 1
                } else {
                    break
                }
            }
            let start = index
            while index < bytes.count, ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        try #require(try token() == "P6")
        let width = try #require(Int(try token()))
        let height = try #require(Int(try token()))
        try #require(try token() == "255")
        index += 1  // the single whitespace byte before the samples
        let samples = Array(bytes[index...])
        try #require(samples.count == width * height * 3)
        return try Image(width: width, height: height, layout: .rgb, pixels: samples)
    }

    /// Mean absolute difference per sample of two images of equal geometry and layout.
    static func meanAbsoluteDifference(_ a: Image, _ b: Image) throws -> Double {
        try #require(a.width == b.width && a.height == b.height && a.layout == b.layout)
        let pa = a.packed().pixels, pb = b.packed().pixels
        var total = 0
        for i in 0..<pa.count { total += abs(Int(pa[i]) - Int(pb[i])) }
        return Double(total) / Double(pa.count)
    }

    /// A smooth colour gradient with some noise, `.rgb` or `.gray`.
    static func syntheticImage(width: Int, height: Int, layout: PixelLayout, rowStride: Int? = nil) throws -> Image {
        let c = layout.channels
        let stride = rowStride ?? width * c
        var state: UInt32 = 2024
        var bytes = [UInt8](repeating: 0x55, count: stride * height)
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 1_664_525 &+ 1_013_904_223
                let noise = Int(state >> 29) - 4
                let base = [x * 255 / max(width - 1, 1), y * 255 / max(height - 1, 1), (x + y) * 255 / max(width + height - 2, 1)]
                for ch in 0..<c {
                    bytes[y * stride + x * c + ch] = UInt8(clamping: base[ch] + noise)
                }
            }
        }
        return try Image(width: width, height: height, layout: layout, rowStride: stride, pixels: bytes)
    }

    /// A minimal TIFF structure (EXIF block without the JPEG prefix) whose IFD0 holds one
    /// entry, the orientation.
    static func exifBlock(orientation: Int, bigEndian: Bool = false) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] {
            bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)]
        }
        func u32(_ v: Int) -> [UInt8] {
            bigEndian ? u16(v >> 16) + u16(v & 0xFFFF) : u16(v & 0xFFFF) + u16(v >> 16)
        }
        let order: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        return order + u16(42) + u32(8)                     // header, IFD0 at offset 8
            + u16(1)                                        // one entry
            + u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0)  // SHORT, count 1
            + u32(0)                                        // no next IFD
    }

    /// The offset of the first SOFn marker (FFC0…FFCF except DHT, JPG, DAC).
    static func frameHeaderOffset(_ jpeg: [UInt8]) throws -> Int {
        var i = 2
        while i + 4 <= jpeg.count {
            try #require(jpeg[i] == 0xFF)
            let marker = jpeg[i + 1]
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) { return i }
            i += 2 + Int(jpeg[i + 2]) << 8 + Int(jpeg[i + 3])
        }
        Issue.record("no frame header")
        return 0
    }

    /// The offset just past the first SOS segment (where entropy-coded data starts).
    static func scanDataOffset(_ jpeg: [UInt8]) throws -> Int {
        var i = 2
        while i + 4 <= jpeg.count {
            try #require(jpeg[i] == 0xFF)
            let length = Int(jpeg[i + 2]) << 8 + Int(jpeg[i + 3])
            if jpeg[i + 1] == 0xDA { return i + 2 + length }
            i += 2 + length
        }
        Issue.record("no scan")
        return 0
    }

    /// (component id, horizontal, vertical) sampling factors from the frame header.
    static func samplingFactors(_ jpeg: [UInt8]) throws -> [[Int]] {
        let sof = try frameHeaderOffset(jpeg)
        let components = Int(jpeg[sof + 9])
        return (0..<components).map { c in
            let f = jpeg[sof + 10 + c * 3 + 1]
            return [Int(jpeg[sof + 10 + c * 3]), Int(f >> 4), Int(f & 0x0F)]
        }
    }

    /// A copy of a JPEG with its frame header claiming another size.
    static func withClaimedSize(_ jpeg: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        var patched = jpeg
        let sof = try frameHeaderOffset(jpeg)
        patched[sof + 5] = UInt8(height >> 8)
        patched[sof + 6] = UInt8(height & 0xFF)
        patched[sof + 7] = UInt8(width >> 8)
        patched[sof + 8] = UInt8(width & 0xFF)
        return patched
    }

    // MARK: Conformance files

    /// The MD5 digest (RFC 1321) of `bytes`, as lowercase hex.
    static func md5(_ bytes: [UInt8]) -> String {
        let shifts: [UInt32] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]
        let table: [UInt32] = (0..<64).map { UInt32(truncatingIfNeeded: Int64(abs(sin(Double($0 + 1))) * 4_294_967_296)) }
        var message = bytes + [0x80]
        while message.count % 64 != 56 { message.append(0) }
        let bitLength = UInt64(bytes.count) &* 8
        message += (0..<8).map { UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64($0))) }
        var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476]
        for chunk in stride(from: 0, to: message.count, by: 64) {
            let words = (0..<16).map { i in
                (0..<4).reduce(UInt32(0)) { $0 | UInt32(message[chunk + i * 4 + $1]) << (8 * UInt32($1)) }
            }
            var (a, b, c, d) = (state[0], state[1], state[2], state[3])
            for i in 0..<64 {
                var f: UInt32, g: Int
                switch i / 16 {
                case 0: f = (b & c) | (~b & d); g = i
                case 1: f = (d & b) | (~d & c); g = (5 * i + 1) % 16
                case 2: f = b ^ c ^ d; g = (3 * i + 5) % 16
                default: f = c ^ (b | ~d); g = (7 * i) % 16
                }
                f = f &+ a &+ table[i] &+ words[g]
                a = d
                d = c
                c = b
                let s = shifts[(i / 16) * 4 + i % 4]
                b = b &+ (f << s | f >> (32 - s))
            }
            state = [state[0] &+ a, state[1] &+ b, state[2] &+ c, state[3] &+ d]
        }
        return state.flatMap { w in (0..<4).map { UInt8(truncatingIfNeeded: w >> (8 * UInt32($0))) } }
            .map { String(format: "%02x", $0) }.joined()
    }

    /// An image as djpeg writes it: a binary PPM (or PGM) with a `P6\nW H\n255\n` header.
    static func djpegFile(_ image: Image) -> [UInt8] {
        Array("\(image.layout == .gray ? "P5" : "P6")\n\(image.width) \(image.height)\n255\n".utf8) + image.packed().pixels
    }

    @Test func md5HelperMatchesRFC1321() {
        #expect(Self.md5([]) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(Self.md5(Array("The quick brown fox jumps over the lazy dog".utf8)) == "9e107d9d372bb6826bd81d3542a419d6")
    }

    /// libjpeg-turbo's own test suite pins the decodes of testorig.jpg at 1/2, 1/4 and
    /// 1/8 scale (`djpeg -dct int -scale 1/N -nosmooth -ppm`; at these scales libjpeg
    /// scales chroma in the IDCT, so merged and fancy upsampling give the same pixels):
    /// MD5_PPM_420M_ISLOW_1_2, _1_4 and _1_8 of its Makefile.
    @Test(arguments: [(JPEGScale.half, "e692a315cea26b988c8e8b29a5dbcd81"),
                      (.quarter, "79cd778f8bf1a117690052cacdd54eca"),
                      (.eighth, "391b3d4aca640c8567d6f8745eb2142f")])
    func scaledDecodesEqualLibjpegTurboReferenceOutputs(scale: JPEGScale, digest: String) throws {
        let decoded = try JPEGCodec.decode(try Self.file("testorig.jpg"), options: DecodeOptions(jpegScale: scale))
        #expect(Self.md5(Self.djpegFile(decoded.image)) == digest)
    }

    /// The full-size default decode (islow IDCT, fancy upsampling) is libjpeg-turbo's:
    /// the digest is of `convert testorig.jpg out.ppm` by ImageMagick 6 on the same
    /// libjpeg-turbo 2.1.5 with its defaults. `testorig.ppm` itself comes from a decoder
    /// that upsamples chroma differently (IJG libjpeg 7+ scales chroma in the IDCT), so no
    /// libjpeg-turbo setting reproduces it bit for bit; the decode stays within a few
    /// levels of it.
    @Test func fullDecodeIsLibjpegTurboDefaultAndCloseToTheIJGReference() throws {
        let decoded = try JPEGCodec.decode(try Self.file("testorig.jpg"))
        #expect(decoded.image.layout == .rgb)
        #expect(decoded.image.width == 227 && decoded.image.height == 149)
        #expect(Self.md5(Self.djpegFile(decoded.image)) == "dea1d7bbc37e39adf628342c86096641")

        let reference = try Self.parsePPM(try Self.file("testorig.ppm"))
        let a = decoded.image.pixels, b = reference.pixels
        let differences = zip(a, b).map { abs(Int($0) - Int($1)) }
        #expect(differences.max() ?? 99 <= 3)
        #expect(Double(differences.reduce(0, +)) / Double(differences.count) < 0.25)
    }

    @Test(arguments: ["testorig.jpg", "testimgint.jpg", "testimgari.jpg"])
    func decodesBaselineAndArithmeticCodedFiles(name: String) throws {
        let bytes = try Self.file(name)
        let info = try JPEGCodec.readInfo(bytes)
        #expect(info.format == .jpeg)
        #expect(info.width == 227 && info.height == 149)
        #expect(info.bitDepth == 8)
        #expect(info.colourModel == "rgb")
        #expect(info.layout == .rgb)
        // All three are sequential (testimgint.jpg too: its frame header is SOF0).
        #expect(info.interlaced == false)
        #expect(info.lossless == nil)

        let decoded = try JPEGCodec.decode(bytes)
        #expect(decoded.info == info)
        // All three encode the same photograph; each decode is close to the reference one.
        let reference = try Self.parsePPM(try Self.file("testorig.ppm"))
        let difference = try Self.meanAbsoluteDifference(decoded.image, reference)
        #expect(difference < 3, "\(name): mean difference \(difference)")
    }

    /// testorig.jpg re-encoded progressive, at the same quality as a baseline copy.
    static func progressiveAndBaselineCopies() throws -> (progressive: [UInt8], baseline: [UInt8]) {
        let image = try JPEGCodec.decode(try file("testorig.jpg")).image
        return (try JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 90, progressive: true)),
                try JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 90, progressive: false)))
    }

    @Test func progressiveFilesDecodeToTheSamePixelsAsBaseline() throws {
        let (progressive, baseline) = try Self.progressiveAndBaselineCopies()
        #expect(progressive[try Self.frameHeaderOffset(progressive) + 1] == 0xC2)
        #expect(baseline[try Self.frameHeaderOffset(baseline) + 1] == 0xC0)
        #expect(try JPEGCodec.readInfo(progressive).interlaced)
        #expect(try JPEGCodec.readInfo(baseline).interlaced == false)
        // Progressive coding only reorders the same quantised coefficients.
        #expect(try JPEGCodec.decode(progressive).image == JPEGCodec.decode(baseline).image)
    }

    @Test func twelveBitFileIsRefusedWithItsBitDepth() throws {
        let bytes = try Self.file("monkey12.jpg")
        #expect(throws: DecodeError.unsupportedBitDepth(.jpeg, bits: 12)) { try JPEGCodec.decode(bytes) }
        #expect(throws: DecodeError.unsupportedBitDepth(.jpeg, bits: 12)) { try JPEGCodec.readInfo(bytes) }
    }

    // MARK: DCT scaling

    @Test(arguments: JPEGScale.allCases)
    func dctScalingYieldsLibjpegOutputSizes(scale: JPEGScale) throws {
        let bytes = try Self.file("testorig.jpg")
        let decoded = try JPEGCodec.decode(bytes, options: DecodeOptions(jpegScale: scale))
        let expected = [JPEGScale.full: (227, 149), .half: (114, 75), .quarter: (57, 38), .eighth: (29, 19)][scale]
        #expect(decoded.image.width == expected?.0 && decoded.image.height == expected?.1)
        #expect(decoded.image.width == scale.scaled(227) && decoded.image.height == scale.scaled(149))
        // The info keeps the stored size.
        #expect(decoded.info.width == 227 && decoded.info.height == 149)
    }

    @Test(arguments: ["testorig.jpg", "testimgint.jpg"])
    func eighthScaleIsCloseToABoxAverageOfTheFullDecode(name: String) throws {
        let bytes = try Self.file(name)
        let full = try JPEGCodec.decode(bytes).image
        let small = try JPEGCodec.decode(bytes, options: DecodeOptions(jpegScale: .eighth)).image
        var total = 0.0, count = 0
        for y in 0..<small.height {
            for x in 0..<small.width {
                var sums = [0, 0, 0], n = 0
                for yy in y * 8..<min(y * 8 + 8, full.height) {
                    for xx in x * 8..<min(x * 8 + 8, full.width) {
                        let p = try #require(full.pixel(x: xx, y: yy))
                        for c in 0..<3 { sums[c] += Int(p[c]) }
                        n += 1
                    }
                }
                let p = try #require(small.pixel(x: x, y: y))
                for c in 0..<3 {
                    total += abs(Double(sums[c]) / Double(n) - Double(p[c]))
                    count += 1
                }
            }
        }
        let mean = total / Double(count)
        #expect(mean < 4, "mean difference \(mean)")
    }

    // MARK: Colour models

    @Test func grayRoundTripDecodesToGray() throws {
        let image = try Self.syntheticImage(width: 96, height: 64, layout: .gray)
        let jpeg = try JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 95))
        let info = try JPEGCodec.readInfo(jpeg)
        #expect(info.colourModel == "gray")
        #expect(info.layout == .gray)
        #expect(try Self.samplingFactors(jpeg).count == 1)
        let decoded = try JPEGCodec.decode(jpeg)
        #expect(decoded.image.layout == .gray)
        let difference = try Self.meanAbsoluteDifference(decoded.image, image)
        #expect(difference < 2, "mean difference \(difference)")
    }

    /// Ink amounts (C, M, Y, K) of six patches, each 16×16.
    static let inks: [[Int]] = [[0, 0, 0, 0], [255, 0, 0, 0], [0, 200, 50, 0], [30, 60, 90, 120], [0, 0, 0, 255], [100, 20, 180, 40]]

    /// A 96×16 CMYK image of the ink patches, stored as Photoshop does: 255 − ink.
    static func cmykPatches() -> [UInt8] {
        var samples: [UInt8] = []
        for _ in 0..<16 {
            for patch in inks {
                for _ in 0..<16 { samples += patch.map { UInt8(255 - $0) } }
            }
        }
        return samples
    }

    @Test(arguments: [false, true])
    func adobeCMYKAndYCCKDecodeToRGB(ycck: Bool) throws {
        let jpeg = try JPEGCodec.encodeCMYK(Self.cmykPatches(), width: 96, height: 16, ycck: ycck,
                                            options: JPEGEncodeOptions(quality: 100))
        let info = try JPEGCodec.readInfo(jpeg)
        #expect(info.colourModel == (ycck ? "ycck" : "cmyk"))
        #expect(info.layout == .rgb)
        let image = try JPEGCodec.decode(jpeg).image
        #expect(image.layout == .rgb)
        for (i, ink) in Self.inks.enumerated() {
            let pixel = try #require(image.pixel(x: i * 16 + 8, y: 8))
            for c in 0..<3 {
                let expected = Double((255 - ink[c]) * (255 - ink[3])) / 255
                #expect(abs(Double(pixel[c]) - expected) <= 3, "patch \(i) channel \(c): \(pixel[c]) vs \(expected)")
            }
        }
    }

    @Test func cmykWithoutAnAdobeMarkerHoldsInkAmounts() throws {
        let jpeg = try JPEGCodec.encodeCMYK(Self.cmykPatches(), width: 96, height: 16, ycck: false,
                                            options: JPEGEncodeOptions(quality: 100))
        // Remove the APP14 "Adobe" segment: the samples are then read as plain ink amounts.
        var stripped: [UInt8] = [0xFF, 0xD8]
        var i = 2
        while i + 4 <= jpeg.count, jpeg[i + 1] != 0xDA {
            let length = Int(jpeg[i + 2]) << 8 + Int(jpeg[i + 3])
            if jpeg[i + 1] != 0xEE { stripped += jpeg[i..<i + 2 + length] }
            i += 2 + length
        }
        stripped += jpeg[i...]
        #expect(stripped.count < jpeg.count)
        #expect(try JPEGCodec.readInfo(stripped).colourModel == "cmyk")
        let image = try JPEGCodec.decode(stripped).image
        for (p, ink) in Self.inks.enumerated() {
            let pixel = try #require(image.pixel(x: p * 16 + 8, y: 8))
            for c in 0..<3 {
                // The stored samples (255 − ink) now count as ink.
                let expected = Double(ink[c] * ink[3]) / 255
                #expect(abs(Double(pixel[c]) - expected) <= 3, "patch \(p) channel \(c): \(pixel[c]) vs \(expected)")
            }
        }
    }

    // MARK: EXIF orientation

    /// A 48×32 image of six flat 16×16 blocks A…F:
    /// ```
    /// A B C
    /// D E F
    /// ```
    static let blockColours: [[UInt8]] = [[220, 30, 30], [30, 200, 30], [30, 30, 220], [230, 230, 40], [40, 220, 220], [220, 40, 220]]

    static func blockImage() throws -> Image {
        var bytes: [UInt8] = []
        for y in 0..<32 {
            for x in 0..<48 { bytes += blockColours[(y / 16) * 3 + x / 16] }
        }
        return try Image(width: 48, height: 32, layout: .rgb, pixels: bytes)
    }

    static func expectBlocks(_ image: Image, _ grid: [[Int]], _ note: String) throws {
        #expect(image.width == grid[0].count * 16 && image.height == grid.count * 16, "\(note)")
        for (row, labels) in grid.enumerated() {
            for (column, label) in labels.enumerated() {
                let pixel = try #require(image.pixel(x: column * 16 + 8, y: row * 16 + 8))
                let colour = blockColours[label]
                let close = zip(pixel, colour).allSatisfy { abs(Int($0) - Int($1)) <= 6 }
                #expect(close, "\(note): block (\(column), \(row)) is \(pixel), expected \(colour)")
            }
        }
    }

    @Test(arguments: Orientation.allCases)
    func exifOrientationIsAppliedUnlessKept(orientation: Orientation) throws {
        for bigEndian in [false, true] {
            let exif = Self.exifBlock(orientation: orientation.rawValue, bigEndian: bigEndian)
            let jpeg = try JPEGCodec.encode(try Self.blockImage(),
                                            options: JPEGEncodeOptions(quality: 95, chromaSubsampling: .s444),
                                            metadata: ImageMetadata(exif: exif))
            let upright = try JPEGCodec.decode(jpeg)
            #expect(upright.info.metadata.exif == exif)
            #expect(upright.info.metadata.orientation == orientation)
            #expect(upright.info.width == 48 && upright.info.height == 32)
            try Self.expectBlocks(upright.image, try #require(OrientationGrid.upright[orientation]), "\(orientation)")

            let stored = try JPEGCodec.decode(jpeg, options: DecodeOptions(applyOrientation: false))
            try Self.expectBlocks(stored.image, [[0, 1, 2], [3, 4, 5]], "\(orientation) kept")

            // DCT scaling and orientation combine: a half-size decode is the upright half size.
            let half = try JPEGCodec.decode(jpeg, options: DecodeOptions(jpegScale: .half)).image
            #expect(half.width == (orientation.swapsDimensions ? 16 : 24))
            #expect(half.height == (orientation.swapsDimensions ? 24 : 16))
        }
    }

    // MARK: Limits and dimensions

    @Test func hugeClaimedSizeIsRefusedBeforeDecoding() throws {
        let bytes = try Self.withClaimedSize(try Self.file("testorig.jpg"), width: 60000, height: 60000)
        #expect(throws: DecodeError.exceedsLimits(.jpeg, width: 60000, height: 60000, limits: .default)) {
            try JPEGCodec.decode(bytes)
        }
        // The header alone is still readable.
        let info = try JPEGCodec.readInfo(bytes)
        #expect(info.width == 60000 && info.height == 60000)
    }

    @Test func configuredLimitsApplyToTheStoredSize() throws {
        let bytes = try Self.file("testorig.jpg")
        let limits = DecodeLimits(maxWidth: 200, maxHeight: 1000, maxPixels: 1_000_000)
        #expect(throws: DecodeError.exceedsLimits(.jpeg, width: 227, height: 149, limits: limits)) {
            try JPEGCodec.decode(bytes, options: DecodeOptions(limits: limits))
        }
        let pixelLimit = DecodeLimits(maxWidth: 1000, maxHeight: 1000, maxPixels: 227 * 149 - 1)
        #expect(throws: DecodeError.exceedsLimits(.jpeg, width: 227, height: 149, limits: pixelLimit)) {
            try JPEGCodec.decode(bytes, options: DecodeOptions(limits: pixelLimit))
        }
        let exact = DecodeLimits(maxWidth: 227, maxHeight: 149, maxPixels: 227 * 149)
        #expect(try JPEGCodec.decode(bytes, options: DecodeOptions(limits: exact)).image.width == 227)
    }

    @Test(arguments: [(0, 149), (227, 0)])
    func zeroDimensionIsReported(width: Int, height: Int) throws {
        let bytes = try Self.withClaimedSize(try Self.file("testorig.jpg"), width: width, height: height)
        #expect(throws: DecodeError.zeroDimension(.jpeg, width: width, height: height)) { try JPEGCodec.decode(bytes) }
        #expect(throws: DecodeError.zeroDimension(.jpeg, width: width, height: height)) { try JPEGCodec.readInfo(bytes) }
    }

    // MARK: Truncated, corrupt and foreign data

    static func cutPoints(_ bytes: [UInt8]) throws -> [Int] {
        let n = bytes.count
        return [10, n / 10, try scanDataOffset(bytes), try scanDataOffset(bytes) + 1, n / 2, n * 9 / 10, n - 100]
    }

    @Test(arguments: ["testorig.jpg", "testimgint.jpg", "testimgari.jpg", "progressive"])
    func truncatedFilesFailAndSayHowMuchWasThere(name: String) throws {
        let bytes = name == "progressive" ? try Self.progressiveAndBaselineCopies().progressive : try Self.file(name)
        for cut in try Self.cutPoints(bytes) {
            let prefix = Array(bytes[0..<cut])
            do {
                let decoded = try JPEGCodec.decode(prefix)
                Issue.record("\(name) cut at \(cut) of \(bytes.count) bytes decoded to \(decoded.image.width)x\(decoded.image.height)")
            } catch {
                guard case let .truncated(format, detail) = error else {
                    Issue.record("\(name) cut at \(cut): \(error)")
                    continue
                }
                #expect(format == .jpeg)
                #expect(detail.contains("\(cut) bytes"), "\(detail)")
            }
        }
    }

    @Test func baselineTruncationReportsTheRowsDecoded() throws {
        let bytes = try Self.file("testorig.jpg")
        do {
            _ = try JPEGCodec.decode(Array(bytes[0..<bytes.count / 2]))
            Issue.record("half a file decoded")
        } catch {
            guard case let .truncated(_, detail) = error else {
                Issue.record("\(error)")
                return
            }
            let pattern = /data ended after (\d+) of 149 rows/
            let match = try #require(detail.firstMatch(of: pattern), "\(detail)")
            let rows = try #require(Int(match.1))
            #expect(rows > 0 && rows < 149)
        }
    }

    @Test func everyPrefixOfABaselineFileFailsCleanly() throws {
        let bytes = try Self.file("testorig.jpg")
        var outcomes: [String: Int] = [:]
        // Every proper prefix fails; none crashes, none yields an image.
        for cut in 0..<bytes.count {
            do {
                _ = try JPEGCodec.decode(Array(bytes[0..<cut]))
                Issue.record("prefix of \(cut) bytes decoded")
            } catch {
                switch error {
                case .truncated: outcomes["truncated", default: 0] += 1
                case .corrupt: outcomes["corrupt", default: 0] += 1
                case .empty: outcomes["empty", default: 0] += 1
                default: Issue.record("prefix of \(cut) bytes: unexpected \(error)")
                }
            }
        }
        #expect(outcomes["empty"] == 1)
        #expect((outcomes["truncated"] ?? 0) > bytes.count * 9 / 10)
    }

    /// libjpeg reads past the last entropy-coded byte looking for the end marker, so a file
    /// that lost only its EOI is reported like any other file cut short.
    @Test func aFileMissingItsEndMarkerIsTruncated() throws {
        let bytes = try Self.file("testorig.jpg")
        #expect(Array(bytes.suffix(2)) == [0xFF, 0xD9])
        #expect {
            try JPEGCodec.decode(Array(bytes.dropLast(2)))
        } throws: { error in
            guard case DecodeError.truncated(.jpeg, _) = error else { return false }
            return true
        }
    }

    @Test func damagedScanDataIsCorrupt() throws {
        var bytes = try Self.file("testorig.jpg")
        let start = try Self.scanDataOffset(bytes)
        // Runs of 0xFF 0x00 … are stuffed bytes; a marker in the middle of the scan is damage.
        for i in stride(from: start + 200, to: start + 240, by: 2) {
            bytes[i] = 0xFF
            bytes[i + 1] = 0xD0 + UInt8((i / 2) % 8)
        }
        #expect {
            try JPEGCodec.decode(bytes)
        } throws: { error in
            guard case let DecodeError.corrupt(.jpeg, message) = error else { return false }
            return message.hasPrefix("premature end of data segment")
        }
    }

    @Test func foreignAndRandomBytesFail() throws {
        #expect(throws: DecodeError.empty) { try JPEGCodec.decode([]) }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        #expect(throws: DecodeError.corrupt(.jpeg, message: "Not a JPEG file: starts with 0x89 0x50")) {
            try JPEGCodec.decode(png)
        }
        var state: UInt32 = 7
        for length in [1, 2, 3, 50, 1000, 20000] {
            let random = (0..<length).map { _ -> UInt8 in
                state = state &* 1_103_515_245 &+ 12345
                return UInt8(truncatingIfNeeded: state >> 16)
            }
            for candidate in [random, [0xFF, 0xD8, 0xFF] + random] {
                #expect(throws: DecodeError.self) { try JPEGCodec.decode(candidate) }
                #expect(throws: DecodeError.self) { try JPEGCodec.readInfo(candidate) }
            }
        }
    }

    // MARK: Encoding

    @Test(arguments: [PixelLayout.rgb, .gray])
    func roundTripAtQuality95StaysClose(layout: PixelLayout) throws {
        let image = try Self.syntheticImage(width: 203, height: 117, layout: layout)
        let jpeg = try JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 95))
        let decoded = try JPEGCodec.decode(jpeg)
        #expect(decoded.image.layout == layout)
        let difference = try Self.meanAbsoluteDifference(decoded.image, image)
        #expect(difference < 2.5, "mean difference \(difference)")
        // Lower quality: smaller file, larger error.
        let rough = try JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 20))
        #expect(rough.count < jpeg.count)
        #expect(try Self.meanAbsoluteDifference(JPEGCodec.decode(rough).image, image) > difference)
    }

    @Test func reencodedConformanceImageStaysClose() throws {
        let original = try JPEGCodec.decode(try Self.file("testorig.jpg")).image
        let jpeg = try JPEGCodec.encode(original, options: JPEGEncodeOptions(quality: 95))
        let difference = try Self.meanAbsoluteDifference(JPEGCodec.decode(jpeg).image, original)
        #expect(difference < 1.5, "mean difference \(difference)")
    }

    @Test func chromaSubsamplingIsWrittenAsAsked() throws {
        let image = try Self.syntheticImage(width: 64, height: 48, layout: .rgb)
        let full = try JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 90, chromaSubsampling: .s444))
        let halved = try JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 90, chromaSubsampling: .s420))
        #expect(try Self.samplingFactors(full).map { [$0[1], $0[2]] } == [[1, 1], [1, 1], [1, 1]])
        #expect(try Self.samplingFactors(halved).map { [$0[1], $0[2]] } == [[2, 2], [1, 1], [1, 1]])
        // Full-resolution chroma keeps colour edges better.
        var edges: [UInt8] = []
        for y in 0..<32 {
            for x in 0..<32 { edges += (x + y) % 2 == 0 ? [255, 0, 0] : [0, 0, 255] }
        }
        let checker = try Image(width: 32, height: 32, layout: .rgb, pixels: edges)
        let e444 = try Self.meanAbsoluteDifference(
            JPEGCodec.decode(JPEGCodec.encode(checker, options: JPEGEncodeOptions(quality: 95, chromaSubsampling: .s444))).image, checker)
        let e420 = try Self.meanAbsoluteDifference(
            JPEGCodec.decode(JPEGCodec.encode(checker, options: JPEGEncodeOptions(quality: 95, chromaSubsampling: .s420))).image, checker)
        #expect(e444 < e420, "4:4:4 error \(e444), 4:2:0 error \(e420)")
    }

    @Test func grayProgressiveFlagShowsInReadInfo() throws {
        let image = try Self.syntheticImage(width: 80, height: 40, layout: .gray)
        let progressive = try JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 80, progressive: true))
        let baseline = try JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 80, progressive: false))
        #expect(try JPEGCodec.readInfo(progressive).interlaced)
        #expect(try JPEGCodec.readInfo(baseline).interlaced == false)
        #expect(progressive[try Self.frameHeaderOffset(progressive) + 1] == 0xC2)
        #expect(baseline[try Self.frameHeaderOffset(baseline) + 1] == 0xC0)
        // Same quantisation, so both decode to the same pixels.
        #expect(try JPEGCodec.decode(progressive).image == JPEGCodec.decode(baseline).image)
    }

    @Test func optimisedHuffmanTablesAreSmallerAndLossless() throws {
        let image = try Self.syntheticImage(width: 160, height: 120, layout: .rgb)
        let plain = try JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 85))
        let optimised = try JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 85, optimizeHuffman: true))
        #expect(optimised.count < plain.count)
        #expect(try JPEGCodec.decode(optimised).image == JPEGCodec.decode(plain).image)
    }

    @Test(arguments: [PixelLayout.rgb, .gray])
    func rowStrideIsRespected(layout: PixelLayout) throws {
        let padded = try Self.syntheticImage(width: 70, height: 30, layout: layout, rowStride: 70 * layout.channels + 13)
        let packed = padded.packed()
        #expect(packed.rowStride != padded.rowStride)
        #expect(try JPEGCodec.encode(padded) == JPEGCodec.encode(packed))
    }

    @Test func alphaLayoutsAndBadQualityAreRefused() throws {
        let rgba = try Image(width: 4, height: 4, layout: .rgba, filledWith: 9)
        #expect(throws: EncodeError.invalidOption(name: "layout", value: "rgba", rule: "JPEG has no alpha; flatten the image first")) {
            try JPEGCodec.encode(rgba)
        }
        let grayAlpha = try Image(width: 4, height: 4, layout: .grayAlpha, filledWith: 9)
        #expect(throws: EncodeError.invalidOption(name: "layout", value: "grayAlpha", rule: "JPEG has no alpha; flatten the image first")) {
            try JPEGCodec.encode(grayAlpha)
        }
        let rgb = try Image(width: 4, height: 4, layout: .rgb, filledWith: 9)
        for quality in [0, 101, -5] {
            #expect(throws: EncodeError.invalidOption(name: "quality", value: String(quality), rule: "JPEG quality must be 1 to 100")) {
                try JPEGCodec.encode(rgb, options: JPEGEncodeOptions(quality: quality))
            }
        }
        for quality in [1, 100] {
            #expect(try JPEGCodec.decode(JPEGCodec.encode(rgb, options: JPEGEncodeOptions(quality: quality))).image.width == 4)
        }
    }

    @Test func tinyAndOddSizesRoundTrip() throws {
        for (w, h) in [(1, 1), (1, 17), (17, 1), (15, 9)] {
            for layout in [PixelLayout.rgb, .gray] {
                let image = try Self.syntheticImage(width: w, height: h, layout: layout)
                let decoded = try JPEGCodec.decode(JPEGCodec.encode(image, options: JPEGEncodeOptions(quality: 100)))
                #expect(decoded.image.width == w && decoded.image.height == h)
                #expect(try Self.meanAbsoluteDifference(decoded.image, image) < 4)
            }
        }
    }

    // MARK: Metadata

    @Test func metadataRoundTripsByteForByte() throws {
        let icc = try Self.file("test3.icc")
        let exif = Self.exifBlock(orientation: 1, bigEndian: true)
        let xmp = """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Darkroom — test</dc:title></rdf:Description>
            </rdf:RDF></x:xmpmeta><?xpacket end="w"?>
            """
        let comment = "made by Darkroom's JPEG tests, ünïcödé included"
        let metadata = ImageMetadata(iccProfile: icc, exif: exif, xmp: xmp, comment: comment)
        for progressive in [false, true] {
            let jpeg = try JPEGCodec.encode(try Self.syntheticImage(width: 40, height: 24, layout: .rgb),
                                            options: JPEGEncodeOptions(progressive: progressive), metadata: metadata)
            let info = try JPEGCodec.readInfo(jpeg)
            #expect(info.metadata == metadata)
            #expect(info.metadata.iccProfile == icc)
            #expect(info.metadata.exif == exif)
            #expect(info.metadata.xmp.map { Array($0.utf8) } == Array(xmp.utf8))
            #expect(info.metadata.comment == comment)
            #expect(info.metadata.keys == ["icc", "exif", "xmp", "comment"])
            #expect(try JPEGCodec.decode(jpeg).info.metadata == metadata)
            // EXIF is an APP1 segment right after JFIF's APP0, with its prefix.
            #expect(Array(jpeg[2..<4]) == [0xFF, 0xE0])
            let app1 = 4 + Int(jpeg[4]) << 8 + Int(jpeg[5])
            #expect(Array(jpeg[app1..<app1 + 2]) == [0xFF, 0xE1])
            #expect(Array(jpeg[app1 + 4..<app1 + 10]) == Array("Exif".utf8) + [0, 0])
        }
    }

    @Test func largeICCProfilesSpanSeveralSegments() throws {
        var state: UInt32 = 99
        let profile = (0..<150_000).map { _ -> UInt8 in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
        let jpeg = try JPEGCodec.encode(try Self.syntheticImage(width: 8, height: 8, layout: .gray),
                                        metadata: ImageMetadata(iccProfile: profile))
        #expect(try JPEGCodec.readInfo(jpeg).metadata.iccProfile == profile)
    }

    @Test func noMetadataMeansNoneReadBack() throws {
        let jpeg = try JPEGCodec.encode(try Self.syntheticImage(width: 8, height: 8, layout: .rgb))
        #expect(try JPEGCodec.readInfo(jpeg).metadata.isEmpty)
        #expect(try JPEGCodec.readInfo(try Self.file("testorig.jpg")).metadata.isEmpty)
    }

    @Test func oversizedMetadataIsRefused() throws {
        let image = try Self.syntheticImage(width: 8, height: 8, layout: .rgb)
        let bigXMP = String(repeating: "x", count: 65503)
        #expect(throws: EncodeError.metadata(.jpeg, message: "the XMP packet is 65503 bytes; a JPEG APP1 segment holds at most 65502 (extended XMP is not written)")) {
            try JPEGCodec.encode(image, metadata: ImageMetadata(xmp: bigXMP))
        }
        let largestXMP = String(repeating: "x", count: 65502)
        #expect(try JPEGCodec.readInfo(JPEGCodec.encode(image, metadata: ImageMetadata(xmp: largestXMP))).metadata.xmp == largestXMP)
        #expect(throws: EncodeError.self) {
            try JPEGCodec.encode(image, metadata: ImageMetadata(exif: [UInt8](repeating: 1, count: 70000)))
        }
        #expect(throws: EncodeError.self) {
            try JPEGCodec.encode(image, metadata: ImageMetadata(comment: String(repeating: "c", count: 65534)))
        }
    }
}
