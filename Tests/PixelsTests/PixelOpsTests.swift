import Testing
import Pixels

/// Deterministic test images.
enum Synth {
    static func noise(width: Int, height: Int, layout: PixelLayout, seed: UInt64 = 7) throws -> Image {
        var state = seed
        let bytes = (0..<width * height * layout.channels).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        return try Image(width: width, height: height, layout: layout, pixels: bytes)
    }
}

@Suite struct AlphaTests {
    @Test func premultiplyThenUnpremultiplyIsCloseForOpaqueEnoughPixels() throws {
        let image = try Synth.noise(width: 31, height: 9, layout: .rgba)
        let pre = image.premultiplied()
        #expect(pre.alphaMode == .premultiplied)
        let back = pre.unpremultiplied()
        for i in stride(from: 0, to: image.pixels.count, by: 4) {
            let a = Int(image.pixels[i + 3])
            #expect(back.pixels[i + 3] == image.pixels[i + 3])
            for c in 0..<3 {
                let p = Int(pre.pixels[i + c])
                #expect(p == (Int(image.pixels[i + c]) * a + 127) / 255)
                if a >= 128 { #expect(abs(Int(back.pixels[i + c]) - Int(image.pixels[i + c])) <= 1) }
            }
        }
    }

    @Test func flattenBlendsOverBackground() throws {
        let image = try Image(width: 3, height: 1, layout: .rgba, pixels: [255, 0, 0, 255, 255, 0, 0, 0, 0, 0, 255, 128])
        let flat = image.flattened(onto: Colour(red: 0, green: 255, blue: 0))
        #expect(flat.layout == .rgb)
        #expect(flat.pixels == [255, 0, 0, 0, 255, 0, 0, 127, 128])
        let gray = try Image(width: 2, height: 1, layout: .grayAlpha, pixels: [0, 0, 100, 255]).flattened(onto: .white)
        #expect(gray.layout == .gray && gray.pixels == [255, 100])
    }

    @Test func flattenOfPremultipliedMatchesStraight() throws {
        let image = try Synth.noise(width: 17, height: 5, layout: .rgba)
        let a = image.flattened(onto: .white), b = image.premultiplied().flattened(onto: .white)
        for (x, y) in zip(a.pixels, b.pixels) { #expect(abs(Int(x) - Int(y)) <= 2) }
    }
}

@Suite struct LayoutTests {
    @Test(arguments: PixelLayout.allCases)
    func convertsToEveryLayoutAndBack(layout: PixelLayout) throws {
        let image = try Synth.noise(width: 5, height: 3, layout: layout)
        for target in PixelLayout.allCases {
            let converted = image.converted(to: target)
            #expect(converted.layout == target)
            #expect(converted.width == 5 && converted.height == 3)
            if !layout.hasAlpha && target.hasAlpha { #expect(converted.pixel(x: 2, y: 1)?.last == 255) }
            if layout.isColour == target.isColour && layout.hasAlpha == target.hasAlpha { #expect(converted == image) }
        }
    }

    @Test func grayToRGBReplicatesAndRGBToGrayUsesRec601() throws {
        let gray = try Image(width: 1, height: 1, layout: .gray, pixels: [77])
        #expect(gray.converted(to: .rgb).pixels == [77, 77, 77])
        let rgb = try Image(width: 1, height: 1, layout: .rgb, pixels: [255, 0, 0])
        #expect(rgb.converted(to: .gray).pixels == [76])
    }
}

@Suite struct CropPadTests {
    @Test func cropCopiesTheRegion() throws {
        let image = try Synth.noise(width: 10, height: 6, layout: .rgb)
        let crop = try image.cropped(x: 3, y: 2, width: 4, height: 3)
        for y in 0..<3 { for x in 0..<4 { #expect(crop.pixel(x: x, y: y) == image.pixel(x: x + 3, y: y + 2)) } }
        #expect(throws: PixelsError.self) { try image.cropped(x: 8, y: 0, width: 4, height: 1) }
        #expect(throws: PixelsError.self) { try image.cropped(x: 0, y: 0, width: 0, height: 1) }
    }

    @Test func padSurroundsWithColour() throws {
        let image = try Synth.noise(width: 3, height: 2, layout: .rgba)
        let padded = try image.padded(top: 1, left: 2, bottom: 3, right: 4, colour: Colour(red: 1, green: 2, blue: 3, alpha: 4))
        #expect(padded.width == 9 && padded.height == 6)
        #expect(padded.pixel(x: 0, y: 0) == [1, 2, 3, 4])
        #expect(padded.pixel(x: 8, y: 5) == [1, 2, 3, 4])
        #expect(padded.pixel(x: 2, y: 1) == image.pixel(x: 0, y: 0))
        #expect(padded.pixel(x: 4, y: 2) == image.pixel(x: 2, y: 1))
        #expect(padded.pixel(x: 5, y: 2) == [1, 2, 3, 4])
    }
}

@Suite struct ResizeTests {
    @Test(arguments: ResamplingKernel.allCases)
    func constantImageStaysConstant(kernel: ResamplingKernel) throws {
        let image = try Image(width: 37, height: 23, layout: .rgba, filledWith: 173)
        for (w, h) in [(10, 7), (80, 50), (37, 5), (1, 1)] {
            let out = try image.resized(width: w, height: h, kernel: kernel)
            #expect(out.width == w && out.height == h)
            #expect(out.pixels.allSatisfy { $0 == 173 }, "\(kernel) \(w)x\(h)")
        }
    }

    @Test func transparentPixelsDoNotBleedColour() throws {
        // A white opaque square on transparent *black*: edges must stay white, not gray.
        var bytes: [UInt8] = []
        for y in 0..<16 { for x in 0..<16 { bytes += (4..<12).contains(x) && (4..<12).contains(y) ? [255, 255, 255, 255] : [0, 0, 0, 0] } }
        let out = try Image(width: 16, height: 16, layout: .rgba, pixels: bytes).resized(width: 7, height: 7)
        for i in stride(from: 0, to: out.pixels.count, by: 4) where out.pixels[i + 3] > 8 {
            #expect(out.pixels[i] >= 250, "colour \(out.pixels[i]) at alpha \(out.pixels[i + 3])")
        }
    }
}

@Suite struct DimensionRuleTests {
    @Test func failNamesImageSizeAndSuggestions() throws {
        let image = try Image(width: 1083, height: 600, layout: .gray, filledWith: 1)
        let error = #expect(throws: DimensionError.self) {
            try image.validated(DimensionRule(multiple: 8), policy: .fail, name: "hero.png")
        }
        let text = error?.description ?? ""
        #expect(text.contains("hero.png") && text.contains("1083x600") && text.contains("1080x600") && text.contains("1088x600"))
    }

    @Test func cropPadResizeReachTheMultiple() throws {
        let image = try Synth.noise(width: 1083, height: 601, layout: .rgb)
        let rule = DimensionRule(multiple: 16)
        let crop = try image.validated(rule, policy: .crop, name: "x")
        #expect(crop.width == 1072 && crop.height == 592)
        #expect(crop.pixel(x: 0, y: 0) == image.pixel(x: 5, y: 4))
        let pad = try image.validated(rule, policy: .pad, name: "x", background: .white)
        #expect(pad.width == 1088 && pad.height == 608)
        #expect(pad.pixel(x: 0, y: 0) == [255, 255, 255])
        #expect(pad.pixel(x: 2, y: 3) == image.pixel(x: 0, y: 0))
        let resized = try image.validated(rule, policy: .resize, name: "x")
        #expect(resized.width == 1088 && resized.height == 608)
        #expect(throws: DimensionError.self) { try image.validated(rule, policy: .fail, name: "x") }
    }

    @Test func validSizesPassUnchangedAndTinyImagesCannotBeCropped() throws {
        let ok = try Synth.noise(width: 64, height: 8, layout: .gray)
        #expect(try ok.validated(DimensionRule(), policy: .fail, name: "ok") == ok)
        let tiny = try Synth.noise(width: 5, height: 12, layout: .gray)
        #expect(throws: DimensionError.self) { try tiny.validated(DimensionRule(), policy: .crop, name: "tiny") }
        #expect(try tiny.validated(DimensionRule(), policy: .pad, name: "tiny").width == 8)
    }
}

@Suite struct ColourTests {
    @Test(arguments: [
        ("#fff", Colour.white), ("white", .white), ("#000000", .black), ("#ff000080", Colour(red: 255, green: 0, blue: 0, alpha: 128)),
        ("rgb(1, 2, 3)", Colour(red: 1, green: 2, blue: 3)), ("rgba(1,2,3,0)", Colour(red: 1, green: 2, blue: 3, alpha: 0)),
        ("0a0B0c", Colour(red: 10, green: 11, blue: 12)), ("transparent", .transparent),
    ])
    func parses(text: String, colour: Colour) { #expect(Colour(parsing: text) == colour) }

    @Test(arguments: ["", "#ggg", "#12345", "rgb(1,2)", "rgb(1,2,300)", "chartreuse-ish"])
    func refuses(text: String) { #expect(Colour(parsing: text) == nil) }
}
