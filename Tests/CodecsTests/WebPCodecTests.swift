import Codecs
import Foundation
import Pixels
import Testing

/// WebP decode and encode through libwebp, on synthetic photograph-like images
/// (smooth gradients, deterministic noise, a soft-edged shape in alpha).
@Suite struct WebPCodecTests {
    // MARK: Test images

    /// A deterministic photograph-like image: colour gradients and ripples plus noise;
    /// with alpha, a disc with a soft edge on a fully transparent, still noisy, ground.
    static func photo(width: Int, height: Int, layout: PixelLayout, seed: UInt64 = 1, noise: Int = 12) throws -> Image {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func random() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) & 0xFFFF)
        }
        func clamp(_ v: Double) -> UInt8 { UInt8(max(0, min(255, v.rounded()))) }
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * layout.channels)
        let cx = Double(width) / 2, cy = Double(height) / 2, radius = Double(min(width, height)) * 0.4
        for y in 0..<height {
            for x in 0..<width {
                let u = Double(x) / Double(max(1, width - 1)), v = Double(y) / Double(max(1, height - 1))
                func jitter() -> Double { Double(random() % (2 * noise + 1) - noise) }
                let r = 40 + 170 * u + 18 * sin(Double(y) / 7) + jitter()
                let g = 60 + 120 * v + 25 * cos(Double(x + y) / 11) + jitter()
                let b = 200 - 150 * u * v + jitter()
                let distance = ((Double(x) - cx) * (Double(x) - cx) + (Double(y) - cy) * (Double(y) - cy)).squareRoot()
                let alpha = clamp((radius - distance) * 60 + 128)
                switch layout {
                case .gray: pixels.append(clamp(0.3 * r + 0.59 * g + 0.11 * b))
                case .grayAlpha: pixels += [clamp(0.3 * r + 0.59 * g + 0.11 * b), alpha]
                case .rgb: pixels += [clamp(r), clamp(g), clamp(b)]
                case .rgba: pixels += [clamp(r), clamp(g), clamp(b), alpha]
                }
            }
        }
        return try Image(width: width, height: height, layout: layout, pixels: pixels)
    }

    /// The same pixels with `extra` bytes of junk after every row.
    static func padded(_ image: Image, extra: Int) throws -> Image {
        var bytes: [UInt8] = []
        for y in 0..<image.height {
            bytes += image.pixels[y * image.rowStride..<y * image.rowStride + image.rowBytes]
            bytes += [UInt8](repeating: 0xAB, count: extra)
        }
        return try Image(width: image.width, height: image.height, layout: image.layout, rowStride: image.rowBytes + extra, pixels: bytes)
    }

    static func fourCC(_ bytes: [UInt8], at offset: Int) -> String {
        String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
    }

    static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    static func le24(_ value: Int) -> [UInt8] { (0..<3).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    /// A little-endian TIFF/EXIF block with an orientation tag and a make string.
    static func exifBlock(orientation: UInt16) -> [UInt8] {
        var b: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00]
        b += [0x02, 0x00]
        b += [0x0F, 0x01, 0x02, 0x00, 0x09, 0x00, 0x00, 0x00, 0x26, 0x00, 0x00, 0x00]  // Make, ASCII, 9, offset 38
        b += [0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, UInt8(orientation), 0x00, 0x00, 0x00]
        b += [0x00, 0x00, 0x00, 0x00]
        b += Array("Darkroom\0".utf8)
        return b
    }

    // MARK: Lossless

    @Test("lossless round trip is bit-exact", arguments: [PixelLayout.rgb, .rgba], [[1, 1], [13, 7], [257, 131]])
    func losslessRoundTrip(layout: PixelLayout, size: [Int]) throws {
        let image = try Self.photo(width: size[0], height: size[1], layout: layout)
        let file = try WebPCodec.encode(image, options: WebPEncodeOptions(quality: 75, effort: 4, lossless: true))
        #expect(Self.fourCC(file, at: 12) == "VP8L")
        let decoded = try WebPCodec.decode(file)
        #expect(decoded.image == image)
        #expect(decoded.info.lossless == true)
        #expect(decoded.info.layout == layout)
        #expect(decoded.info.colourModel == (layout == .rgba ? "rgba" : "rgb"))
    }

    @Test("lossless keeps the colour of fully transparent pixels (exact)")
    func losslessKeepsTransparentColour() throws {
        let image = try Self.photo(width: 64, height: 48, layout: .rgba, seed: 7)
        let transparent = (0..<image.pixelCount).filter { image.pixels[4 * $0 + 3] == 0 }
        #expect(transparent.count > 500)
        #expect(transparent.contains { image.pixels[4 * $0] != 0 })
        let decoded = try WebPCodec.decode(try WebPCodec.encode(image, options: WebPEncodeOptions(lossless: true)))
        for i in transparent {
            #expect(decoded.image.pixels[4 * i..<4 * i + 4] == image.pixels[4 * i..<4 * i + 4])
        }
    }

    @Test("gray and gray+alpha encode as RGB(A) with equal channels", arguments: [PixelLayout.gray, .grayAlpha])
    func grayExpandsToRGB(layout: PixelLayout) throws {
        let image = try Self.photo(width: 37, height: 23, layout: layout, seed: 3)
        let decoded = try WebPCodec.decode(try WebPCodec.encode(image, options: WebPEncodeOptions(lossless: true)))
        #expect(decoded.image.layout == (layout == .gray ? .rgb : .rgba))
        for y in 0..<image.height {
            for x in 0..<image.width {
                let source = try #require(image.pixel(x: x, y: y))
                let pixel = try #require(decoded.image.pixel(x: x, y: y))
                #expect(pixel[0] == source[0] && pixel[1] == source[0] && pixel[2] == source[0])
                if layout == .grayAlpha { #expect(pixel[3] == source[1]) }
            }
        }
    }

    @Test("row stride padding is skipped", arguments: PixelLayout.allCases)
    func rowStrideRespected(layout: PixelLayout) throws {
        let image = try Self.photo(width: 29, height: 17, layout: layout, seed: 5)
        let padded = try Self.padded(image, extra: 7)
        #expect(padded.rowStride == image.rowBytes + 7)
        let options = WebPEncodeOptions(lossless: true)
        let fromPadded = try WebPCodec.decode(try WebPCodec.encode(padded, options: options))
        let fromPacked = try WebPCodec.decode(try WebPCodec.encode(image, options: options))
        #expect(fromPadded.image == fromPacked.image)
        if layout.isColour { #expect(fromPadded.image == image) }
    }

    @Test("premultiplied RGBA is written as straight alpha")
    func premultipliedIsUnpremultiplied() throws {
        let straight = try Self.photo(width: 40, height: 30, layout: .rgba, seed: 11)
        var premultiplied = straight.pixels
        for i in stride(from: 0, to: premultiplied.count, by: 4) {
            let a = Int(premultiplied[i + 3])
            for c in 0..<3 { premultiplied[i + c] = UInt8((Int(premultiplied[i + c]) * a + 127) / 255) }
        }
        let image = try Image(width: 40, height: 30, layout: .rgba, alphaMode: .premultiplied, pixels: premultiplied)
        let decoded = try WebPCodec.decode(try WebPCodec.encode(image, options: WebPEncodeOptions(lossless: true)))
        #expect(decoded.image.alphaMode == .straight)
        for i in stride(from: 0, to: premultiplied.count, by: 4) {
            let a = Int(premultiplied[i + 3])
            #expect(decoded.image.pixels[i + 3] == premultiplied[i + 3])
            for c in 0..<3 {
                let got = Int(decoded.image.pixels[i + c]), original = Int(straight.pixels[i + c])
                if a == 0 {
                    #expect(got == 0)
                } else {
                    // Premultiplying lost up to 255/a of precision; unpremultiplying must land within it.
                    #expect(abs(got - original) <= 255 / (2 * a) + 1)
                }
            }
        }
    }

    // MARK: Lossy

    static func meanAbsoluteError(_ a: Image, _ b: Image, channels: Range<Int>) -> Double {
        var total = 0, count = 0
        for p in 0..<a.pixelCount {
            for c in channels {
                total += abs(Int(a.pixels[p * a.channels + c]) - Int(b.pixels[p * b.channels + c]))
                count += 1
            }
        }
        return Double(total) / Double(count)
    }

    @Test("lossy q90 stays close to the source", arguments: [PixelLayout.rgb, .rgba])
    func lossyRoundTrip(layout: PixelLayout) throws {
        let image = try Self.photo(width: 256, height: 192, layout: layout, seed: 2, noise: 4)
        let file = try WebPCodec.encode(image, options: WebPEncodeOptions(quality: 90))
        #expect(Self.fourCC(file, at: 12) == (layout == .rgba ? "VP8X" : "VP8 "))
        #expect(file.count < image.pixels.count / 4)
        let decoded = try WebPCodec.decode(file)
        #expect(decoded.info.lossless == false)
        #expect(decoded.image.layout == layout)
        #expect(decoded.image.width == 256 && decoded.image.height == 192)
        #expect(decoded.image != image)
        if layout == .rgba {
            // Colour under full transparency is free to change; compare it where visible.
            let source = image.pixels, result = decoded.image.pixels
            let opaque = (0..<image.pixelCount).filter { source[4 * $0 + 3] == 255 }
            var total = 0
            for p in opaque {
                for c in 0..<3 {
                    let difference: Int = Int(source[4 * p + c]) - Int(result[4 * p + c])
                    total += abs(difference)
                }
            }
            #expect(Double(total) / Double(3 * opaque.count) < 3.0)
            // alpha quality 100 keeps alpha lossless.
            let alphaKept = (0..<image.pixelCount).allSatisfy { (p: Int) -> Bool in source[4 * p + 3] == result[4 * p + 3] }
            #expect(alphaKept)
        } else {
            #expect(Self.meanAbsoluteError(image, decoded.image, channels: 0..<3) < 3.0)
        }
    }

    @Test("1x1 and odd sizes encode lossy", arguments: [[1, 1], [13, 7], [7, 13], [2, 1]])
    func lossyOddSizes(size: [Int]) throws {
        let image = try Self.photo(width: size[0], height: size[1], layout: .rgb, seed: 9)
        let decoded = try WebPCodec.decode(try WebPCodec.encode(image, options: WebPEncodeOptions(quality: 95)))
        #expect(decoded.image.width == size[0] && decoded.image.height == size[1])
        // 4:2:0 chroma mixes neighbours this small, but each channel's mean survives.
        for c in 0..<3 {
            func mean(_ image: Image) -> Double {
                Double((0..<image.pixelCount).reduce(0) { $0 + Int(image.pixels[3 * $1 + c]) }) / Double(image.pixelCount)
            }
            #expect(abs(mean(image) - mean(decoded.image)) < 8)
        }
    }

    @Test("lower alpha quality gives a smaller file")
    func alphaQualityChangesSize() throws {
        let image = try Self.photo(width: 200, height: 160, layout: .rgba, seed: 4)
        let full = try WebPCodec.encode(image, options: WebPEncodeOptions(quality: 80, alphaQuality: 100))
        let low = try WebPCodec.encode(image, options: WebPEncodeOptions(quality: 80, alphaQuality: 10))
        #expect(low.count < full.count)
        let decoded = try WebPCodec.decode(low)
        #expect(decoded.image.layout == .rgba)
    }

    @Test("quality and effort change the output")
    func qualityAndEffortChangeOutput() throws {
        let image = try Self.photo(width: 160, height: 120, layout: .rgb, seed: 6)
        let q20 = try WebPCodec.encode(image, options: WebPEncodeOptions(quality: 20))
        let q90 = try WebPCodec.encode(image, options: WebPEncodeOptions(quality: 90))
        #expect(q20.count < q90.count)
        let e0 = try WebPCodec.encode(image, options: WebPEncodeOptions(quality: 80, effort: 0))
        let e6 = try WebPCodec.encode(image, options: WebPEncodeOptions(quality: 80, effort: 6))
        #expect(e0 != e6)
        let small = try Self.photo(width: 64, height: 48, layout: .rgb, seed: 6)
        let fast = try WebPCodec.encode(small, options: WebPEncodeOptions(quality: 0, effort: 0, lossless: true))
        let hard = try WebPCodec.encode(small, options: WebPEncodeOptions(quality: 100, effort: 6, lossless: true))
        #expect(hard.count < fast.count)
        #expect(try WebPCodec.decode(fast).image == small)
        #expect(try WebPCodec.decode(hard).image == small)
    }

    @Test("options out of range are refused", arguments: [
        (WebPEncodeOptions(quality: -1), "WebP quality", "-1"),
        (WebPEncodeOptions(quality: 100.5), "WebP quality", "100.5"),
        (WebPEncodeOptions(quality: .nan), "WebP quality", "nan"),
        (WebPEncodeOptions(quality: 101, lossless: true), "WebP quality", "101"),
        (WebPEncodeOptions(effort: 7), "WebP effort", "7"),
        (WebPEncodeOptions(effort: -1), "WebP effort", "-1"),
        (WebPEncodeOptions(alphaQuality: 101), "WebP alpha quality", "101"),
        (WebPEncodeOptions(alphaQuality: -5), "WebP alpha quality", "-5"),
    ])
    func badOptions(options: WebPEncodeOptions, name: String, value: String) throws {
        let image = try Self.photo(width: 8, height: 8, layout: .rgb)
        let error = #expect(throws: EncodeError.self) { try WebPCodec.encode(image, options: options) }
        guard case let .invalidOption(gotName, gotValue, rule)? = error else {
            Issue.record("expected invalidOption, got \(String(describing: error))")
            return
        }
        #expect(gotName == name)
        #expect(gotValue == value)
        #expect(rule.contains("must be from 0"))
    }

    @Test("16383 pixels per side encode, 16384 are refused")
    func sizeLimit() throws {
        let wide = try Self.photo(width: 16383, height: 1, layout: .rgb, seed: 8)
        let lossless = try WebPCodec.decode(try WebPCodec.encode(wide, options: WebPEncodeOptions(lossless: true)))
        #expect(lossless.image == wide)
        let lossy = try WebPCodec.decode(try WebPCodec.encode(wide))
        #expect(lossy.image.width == 16383 && lossy.image.height == 1)

        let tooWide = try Image(width: 16384, height: 1, layout: .rgb)
        #expect(throws: EncodeError.tooLarge(.webp, width: 16384, height: 1, maximum: 16383)) {
            try WebPCodec.encode(tooWide)
        }
        let tooTall = try Image(width: 2, height: 16384, layout: .gray)
        #expect(throws: EncodeError.tooLarge(.webp, width: 2, height: 16384, maximum: 16383)) {
            try WebPCodec.encode(tooTall, options: WebPEncodeOptions(lossless: true))
        }
    }

    // MARK: Info and metadata

    @Test("readInfo reports size, lossless or lossy, and alpha", arguments: [
        (PixelLayout.rgb, false), (.rgb, true), (.rgba, false), (.rgba, true),
    ])
    func readInfo(layout: PixelLayout, lossless: Bool) throws {
        let image = try Self.photo(width: 45, height: 31, layout: layout, seed: 12)
        let file = try WebPCodec.encode(image, options: WebPEncodeOptions(lossless: lossless))
        let info = try WebPCodec.readInfo(file)
        #expect(info.format == .webp)
        #expect(info.width == 45 && info.height == 31)
        #expect(info.lossless == lossless)
        #expect(info.layout == layout)
        #expect(info.colourModel == (layout == .rgba ? "rgba" : "rgb"))
        #expect(info.bitDepth == 8)
        #expect(info.interlaced == false)
        #expect(info.metadata.isEmpty)
        #expect(try WebPCodec.decode(file).info == info)
    }

    @Test("ICC, EXIF and XMP come back byte-identical", arguments: [false, true])
    func metadataRoundTrip(lossless: Bool) throws {
        let icc = try TestData.bytes(TestData.conformance.appendingPathComponent("jpeg/test3.icc"))
        #expect(icc.count > 100)
        let exif = Self.exifBlock(orientation: 6)
        let xmp = #"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description dc:title="Ferngläser — 望遠鏡"/></x:xmpmeta>"#
        let metadata = ImageMetadata(iccProfile: icc, exif: exif, xmp: xmp, comment: "not stored in WebP")
        let image = try Self.photo(width: 33, height: 21, layout: .rgba, seed: 13)
        let file = try WebPCodec.encode(image, options: WebPEncodeOptions(lossless: lossless), metadata: metadata)
        #expect(Self.fourCC(file, at: 12) == "VP8X")

        let info = try WebPCodec.readInfo(file)
        #expect(info.metadata.iccProfile == icc)
        #expect(info.metadata.exif == exif)
        #expect(info.metadata.xmp == xmp)
        #expect(info.metadata.comment == nil)
        #expect(info.metadata.orientation == .right)
        #expect(info.lossless == lossless)
        #expect(info.layout == .rgba)

        let decoded = try WebPCodec.decode(file, options: DecodeOptions(applyOrientation: false))
        #expect(decoded.info.metadata == info.metadata)
        #expect(decoded.image.width == 33 && decoded.image.height == 21)
        if lossless { #expect(decoded.image == image) }
    }

    @Test("one metadata item alone is written alone")
    func singleMetadataItem() throws {
        let image = try Self.photo(width: 16, height: 16, layout: .rgb)
        let file = try WebPCodec.encode(image, metadata: ImageMetadata(xmp: "<x:xmpmeta/>"))
        let info = try WebPCodec.readInfo(file)
        #expect(info.metadata == ImageMetadata(xmp: "<x:xmpmeta/>"))
        #expect(info.layout == .rgb)
        let plain = try WebPCodec.encode(image, metadata: ImageMetadata(iccProfile: [], comment: "ignored"))
        #expect(Self.fourCC(plain, at: 12) == "VP8 ")
    }

    @Test("an EXIF chunk with JPEG's Exif prefix is read as the bare TIFF block")
    func exifPrefixStripped() throws {
        let exif = Self.exifBlock(orientation: 3)
        let image = try Self.photo(width: 8, height: 8, layout: .rgb)
        let file = try WebPCodec.encode(image, metadata: ImageMetadata(exif: Array("Exif\0\0".utf8) + exif))
        let info = try WebPCodec.readInfo(file)
        #expect(info.metadata.exif == exif)
        #expect(info.metadata.orientation == .down)
    }

    // MARK: Animation

    /// An animated file, built chunk by chunk from the spec: a `canvas` sized canvas
    /// with `frames`, each a simple lossless file's `VP8L` chunk placed at an offset.
    static func animation(canvas: (Int, Int), frames: [(image: Image, x: Int, y: Int)]) throws -> [UInt8] {
        var body: [UInt8] = Array("WEBP".utf8)
        body += Array("VP8X".utf8) + le32(10) + [0x02 | 0x10, 0, 0, 0] + le24(canvas.0 - 1) + le24(canvas.1 - 1)
        body += Array("ANIM".utf8) + le32(6) + [0, 0, 0, 0] + [0, 0]
        for frame in frames {
            let simple = try WebPCodec.encode(frame.image, options: WebPEncodeOptions(lossless: true))
            let chunk = Array(simple[12...])
            var payload = le24(frame.x / 2) + le24(frame.y / 2) + le24(frame.image.width - 1) + le24(frame.image.height - 1)
            payload += le24(100) + [0x02]  // 100 ms, no blending, no disposal
            payload += chunk
            body += Array("ANMF".utf8) + le32(payload.count) + payload
            if payload.count % 2 == 1 { body.append(0) }
        }
        return Array("RIFF".utf8) + le32(body.count) + body
    }

    @Test("an animation decodes to its first frame on the canvas")
    func animationFirstFrame() throws {
        let first = try Self.photo(width: 10, height: 6, layout: .rgba, seed: 21)
        let second = try Self.photo(width: 20, height: 12, layout: .rgba, seed: 22)
        let file = try Self.animation(canvas: (20, 12), frames: [(first, 4, 2), (second, 0, 0)])
        let info = try WebPCodec.readInfo(file)
        #expect(info.width == 20 && info.height == 12)
        #expect(info.lossless == true)
        let decoded = try WebPCodec.decode(file)
        #expect(decoded.image.layout == .rgba)
        for y in 0..<12 {
            for x in 0..<20 {
                let pixel = try #require(decoded.image.pixel(x: x, y: y))
                if let inside = first.pixel(x: x - 4, y: y - 2) {
                    // Fully transparent pixels may come back with any colour; alpha is exact.
                    if inside[3] == 0 { #expect(pixel[3] == 0) } else { #expect(pixel == inside) }
                } else {
                    #expect(pixel == [0, 0, 0, 0])
                }
            }
        }
        #expect(throws: DecodeError.exceedsLimits(.webp, width: 20, height: 12, limits: DecodeLimits(maxWidth: 16, maxHeight: 16, maxPixels: 1000))) {
            try WebPCodec.decode(file, options: DecodeOptions(limits: DecodeLimits(maxWidth: 16, maxHeight: 16, maxPixels: 1000)))
        }
    }

    // MARK: Bad input

    @Test("truncated files say how many bytes are missing", arguments: [false, true])
    func truncated(withMetadata: Bool) throws {
        let image = try Self.photo(width: 64, height: 64, layout: .rgb, seed: 14)
        let metadata = withMetadata ? ImageMetadata(exif: Self.exifBlock(orientation: 1), xmp: "<x:xmpmeta/>") : ImageMetadata()
        let file = try WebPCodec.encode(image, options: WebPEncodeOptions(quality: 85), metadata: metadata)
        let total = file.count
        #expect(total == (Int(file[4]) | Int(file[5]) << 8 | Int(file[6]) << 16 | Int(file[7]) << 24) + 8)
        for cut in [total - 1, total - 9, total * 2 / 3, total / 2, 40, 30, 21, 16, 12, 9] {
            let part = Array(file.prefix(cut))
            #expect(throws: DecodeError.truncated(.webp, detail: "\(cut) of \(total) bytes present (\(total - cut) missing)")) {
                try WebPCodec.decode(part)
            }
        }
        #expect(throws: DecodeError.truncated(.webp, detail: "5 bytes present, fewer than the 12-byte RIFF header")) {
            try WebPCodec.decode(Array(file.prefix(5)))
        }
        // The headers of a cut file are still readable.
        #expect(try WebPCodec.readInfo(Array(file.prefix(total / 2))).width == 64)
    }

    @Test("garbage after a valid RIFF header is corrupt", arguments: ["", "VP8 ", "VP8L", "VP8X"])
    func garbageIsCorrupt(chunk: String) throws {
        var state: UInt32 = 12345
        var garbage: [UInt8] = Array(chunk.utf8)
        if !chunk.isEmpty { garbage += Self.le32(300) }
        while garbage.count < 308 {
            state = state &* 1_664_525 &+ 1_013_904_223
            garbage.append(UInt8(truncatingIfNeeded: state >> 24))
        }
        let file = Array("RIFF".utf8) + Self.le32(4 + garbage.count) + Array("WEBP".utf8) + garbage
        let error = #expect(throws: DecodeError.self) { try WebPCodec.decode(file) }
        guard case let .corrupt(format, message)? = error else {
            Issue.record("expected corrupt, got \(String(describing: error))")
            return
        }
        #expect(format == .webp)
        #expect(message.contains("VP8_STATUS_BITSTREAM_ERROR"))
        #expect(throws: DecodeError.self) { try WebPCodec.readInfo(file) }
    }

    @Test("a damaged lossless bitstream is corrupt")
    func damagedLossless() throws {
        var file = try WebPCodec.encode(try Self.photo(width: 40, height: 40, layout: .rgb), options: WebPEncodeOptions(lossless: true))
        for i in 25..<file.count { file[i] = 0xFF }
        let error = #expect(throws: DecodeError.self) { try WebPCodec.decode(file) }
        guard case let .corrupt(_, message)? = error else {
            Issue.record("expected corrupt, got \(String(describing: error))")
            return
        }
        #expect(message.contains("VP8_STATUS_"))
    }

    @Test("not WebP, or nothing at all")
    func foreignInput() throws {
        #expect(throws: DecodeError.empty) { try WebPCodec.decode([]) }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        #expect(throws: DecodeError.unrecognisedFormat(leadingBytes: png)) { try WebPCodec.readInfo(png) }
        let wave = Array("RIFF".utf8) + Self.le32(100) + Array("WAVEfmt ".utf8)
        #expect(throws: DecodeError.unrecognisedFormat(leadingBytes: Array(wave.prefix(16)))) { try WebPCodec.decode(wave) }
    }

    // MARK: Limits

    /// A lossless file whose VP8L header is patched to claim `width` x `height`.
    static func losslessClaiming(width: Int, height: Int) throws -> [UInt8] {
        var file = try WebPCodec.encode(try photo(width: 8, height: 8, layout: .rgb), options: WebPEncodeOptions(lossless: true))
        #expect(fourCC(file, at: 12) == "VP8L" && file[20] == 0x2F)
        var bits = UInt32(file[21]) | UInt32(file[22]) << 8 | UInt32(file[23]) << 16 | UInt32(file[24]) << 24
        bits = bits & ~UInt32(0x0FFF_FFFF) | UInt32(width - 1) | UInt32(height - 1) << 14
        for i in 0..<4 { file[21 + i] = UInt8(truncatingIfNeeded: bits >> (8 * i)) }
        return file
    }

    /// A lossy file whose VP8 frame header is patched to claim `width` x `height`.
    static func lossyClaiming(width: Int, height: Int) throws -> [UInt8] {
        var file = try WebPCodec.encode(try photo(width: 16, height: 16, layout: .rgb))
        #expect(fourCC(file, at: 12) == "VP8 " && file[23...25] == [0x9D, 0x01, 0x2A])
        file[26] = UInt8(width & 0xFF); file[27] = UInt8(width >> 8)
        file[28] = UInt8(height & 0xFF); file[29] = UInt8(height >> 8)
        return file
    }

    @Test("a header claiming more than the limits is refused before decoding")
    func limits() throws {
        let small = DecodeLimits(maxWidth: 1000, maxHeight: 1000, maxPixels: 1_000_000)
        let lossless = try Self.losslessClaiming(width: 16383, height: 16383)
        #expect(try WebPCodec.readInfo(lossless).width == 16383)
        #expect(throws: DecodeError.exceedsLimits(.webp, width: 16383, height: 16383, limits: small)) {
            try WebPCodec.decode(lossless, options: DecodeOptions(limits: small))
        }
        let lossy = try Self.lossyClaiming(width: 16383, height: 16383)
        #expect(try WebPCodec.readInfo(lossy).height == 16383)
        #expect(throws: DecodeError.exceedsLimits(.webp, width: 16383, height: 16383, limits: small)) {
            try WebPCodec.decode(lossy, options: DecodeOptions(limits: small))
        }
        // 16384 x 16384 = 268 megapixels: within the default side limit, over its 100 MP.
        let huge = try Self.losslessClaiming(width: 16384, height: 16384)
        #expect(throws: DecodeError.exceedsLimits(.webp, width: 16384, height: 16384, limits: .default)) {
            try WebPCodec.decode(huge)
        }
        // Within the limits, the lie is found when decoding.
        let lie = try Self.losslessClaiming(width: 900, height: 900)
        #expect(throws: DecodeError.self) { try WebPCodec.decode(lie, options: DecodeOptions(limits: small)) }
    }
}
