import Pixels
import Testing

/// Fit geometry (`FitPlan`) and its pixel application (`Image.fitted`).
@Suite struct FitPlanTests {
    /// The sizes of the shared corpus photographs.
    static let corpusSizes: [(Int, Int)] = [(1024, 1024), (1344, 768), (768, 1344), (512, 512)]

    @Test(arguments: corpusSizes)
    func everyModeGivesTheDocumentedOutputSize(source: (Int, Int)) throws {
        let (sw, sh) = source
        for (bw, bh) in [(256, 256), (300, 200), (200, 300), (2000, 1000), (1, 1)] {
            let cover = try FitPlan.plan(sourceWidth: sw, sourceHeight: sh, width: bw, height: bh, fit: .cover)
            #expect(cover.outputWidth == bw && cover.outputHeight == bh)
            #expect(cover.resizeWidth >= bw && cover.resizeHeight >= bh)
            #expect(cover.resizeWidth == bw || cover.resizeHeight == bh)
            let contain = try FitPlan.plan(sourceWidth: sw, sourceHeight: sh, width: bw, height: bh, fit: .contain)
            #expect(contain.outputWidth == bw && contain.outputHeight == bh)
            #expect(contain.resizeWidth <= bw && contain.resizeHeight <= bh)
            let fill = try FitPlan.plan(sourceWidth: sw, sourceHeight: sh, width: bw, height: bh, fit: .fill)
            #expect(fill == FitPlan(resizeWidth: bw, resizeHeight: bh, outputWidth: bw, outputHeight: bh))
            let inside = try FitPlan.plan(sourceWidth: sw, sourceHeight: sh, width: bw, height: bh, fit: .inside)
            #expect(inside.outputWidth <= bw && inside.outputHeight <= bh)
            #expect(inside.outputWidth == bw || inside.outputHeight == bh)
            #expect(!inside.crops && !inside.pads)
            let outside = try FitPlan.plan(sourceWidth: sw, sourceHeight: sh, width: bw, height: bh, fit: .outside)
            #expect(outside.outputWidth >= bw && outside.outputHeight >= bh)
            #expect(outside.outputWidth == bw || outside.outputHeight == bh)
            // Aspect ratio kept within rounding for the proportional modes.
            for plan in [inside, outside, cover, contain] {
                let ratio = Double(plan.resizeWidth) / Double(plan.resizeHeight), source = Double(sw) / Double(sh)
                let slack = 1.0 / Double(min(plan.resizeWidth, plan.resizeHeight)) * ratio + 1e-9
                #expect(abs(ratio - source) <= slack, "\(sw)x\(sh) -> \(plan)")
            }
        }
    }

    @Test func concreteSizesMatchSharp() throws {
        // 1344x768 into 256x256: inside 256x146, outside 448x256, cover crops 448 -> 256.
        let inside = try FitPlan.plan(sourceWidth: 1344, sourceHeight: 768, width: 256, height: 256, fit: .inside)
        #expect(inside == FitPlan(resizeWidth: 256, resizeHeight: 146, outputWidth: 256, outputHeight: 146))
        let outside = try FitPlan.plan(sourceWidth: 1344, sourceHeight: 768, width: 256, height: 256, fit: .outside)
        #expect(outside == FitPlan(resizeWidth: 448, resizeHeight: 256, outputWidth: 448, outputHeight: 256))
        let cover = try FitPlan.plan(sourceWidth: 1344, sourceHeight: 768, width: 256, height: 256)
        #expect(cover == FitPlan(resizeWidth: 448, resizeHeight: 256, outputWidth: 256, outputHeight: 256))
        #expect(cover.cropOrigin(.centre) == (96, 0) as (Int, Int))
        #expect(cover.cropOrigin(.west) == (0, 0) as (Int, Int))
        #expect(cover.cropOrigin(.southeast) == (192, 0) as (Int, Int))
        let contain = try FitPlan.plan(sourceWidth: 768, sourceHeight: 1344, width: 256, height: 256, fit: .contain)
        #expect(contain == FitPlan(resizeWidth: 146, resizeHeight: 256, outputWidth: 256, outputHeight: 256))
        #expect(contain.padding(.centre) == (0, 55, 0, 55) as (Int, Int, Int, Int))
        #expect(contain.padding(.east) == (0, 110, 0, 0) as (Int, Int, Int, Int))
        #expect(contain.padding(.northwest) == (0, 0, 0, 110) as (Int, Int, Int, Int))
    }

    @Test func oneSideFollowsTheAspectRatio() throws {
        for fit in FitMode.allCases {
            let w = try FitPlan.plan(sourceWidth: 1344, sourceHeight: 768, width: 640, height: nil, fit: fit)
            #expect(w == FitPlan(resizeWidth: 640, resizeHeight: 366, outputWidth: 640, outputHeight: 366))
            let h = try FitPlan.plan(sourceWidth: 1344, sourceHeight: 768, width: nil, height: 100, fit: fit)
            #expect(h == FitPlan(resizeWidth: 175, resizeHeight: 100, outputWidth: 175, outputHeight: 100))
        }
    }

    @Test func edgeCases() throws {
        // 1x1 source to any box.
        let one = try FitPlan.plan(sourceWidth: 1, sourceHeight: 1, width: 64, height: 32, fit: .inside)
        #expect(one == FitPlan(resizeWidth: 32, resizeHeight: 32, outputWidth: 32, outputHeight: 32))
        let oneCover = try FitPlan.plan(sourceWidth: 1, sourceHeight: 1, width: 64, height: 32, fit: .cover)
        #expect(oneCover == FitPlan(resizeWidth: 64, resizeHeight: 64, outputWidth: 64, outputHeight: 32))
        // Extreme ratios never round a side to 0.
        let strip = try FitPlan.plan(sourceWidth: 10_000, sourceHeight: 1, width: 100, height: 100, fit: .inside)
        #expect(strip == FitPlan(resizeWidth: 100, resizeHeight: 1, outputWidth: 100, outputHeight: 1))
        let tall = try FitPlan.plan(sourceWidth: 1, sourceHeight: 10_000, width: 100, height: 100, fit: .contain)
        #expect(tall == FitPlan(resizeWidth: 1, resizeHeight: 100, outputWidth: 100, outputHeight: 100))
        // Invalid requests are errors, not crashes.
        #expect(throws: PixelsError.self) { try FitPlan.plan(sourceWidth: 10, sourceHeight: 10, width: nil, height: nil) }
        #expect(throws: PixelsError.self) { try FitPlan.plan(sourceWidth: 10, sourceHeight: 10, width: 0, height: 5) }
        #expect(throws: PixelsError.self) { try FitPlan.plan(sourceWidth: 0, sourceHeight: 10, width: 5, height: 5) }
    }

    @Test func withoutEnlargementNeverScalesUp() throws {
        let box = (2048, 2048)
        let inside = try FitPlan.plan(sourceWidth: 1344, sourceHeight: 768, width: box.0, height: box.1, fit: .inside, withoutEnlargement: true)
        #expect(inside == FitPlan(resizeWidth: 1344, resizeHeight: 768, outputWidth: 1344, outputHeight: 768))
        let enlarged = try FitPlan.plan(sourceWidth: 1344, sourceHeight: 768, width: box.0, height: box.1, fit: .inside)
        #expect(enlarged == FitPlan(resizeWidth: 2048, resizeHeight: 1170, outputWidth: 2048, outputHeight: 1170))
        let cover = try FitPlan.plan(sourceWidth: 1344, sourceHeight: 768, width: 1000, height: 1000, fit: .cover, withoutEnlargement: true)
        #expect(cover == FitPlan(resizeWidth: 1344, resizeHeight: 768, outputWidth: 1000, outputHeight: 768))
        let contain = try FitPlan.plan(sourceWidth: 512, sourceHeight: 512, width: 1024, height: 600, fit: .contain, withoutEnlargement: true)
        #expect(contain == FitPlan(resizeWidth: 512, resizeHeight: 512, outputWidth: 1024, outputHeight: 600))
        let fill = try FitPlan.plan(sourceWidth: 512, sourceHeight: 512, width: 1024, height: 256, fit: .fill, withoutEnlargement: true)
        #expect(fill == FitPlan(resizeWidth: 512, resizeHeight: 256, outputWidth: 512, outputHeight: 256))
        let single = try FitPlan.plan(sourceWidth: 512, sourceHeight: 256, width: 1024, height: nil, withoutEnlargement: true)
        #expect(single == FitPlan(resizeWidth: 512, resizeHeight: 256, outputWidth: 512, outputHeight: 256))
        // Shrinking is unaffected.
        let shrink = try FitPlan.plan(sourceWidth: 1344, sourceHeight: 768, width: 256, height: 256, fit: .inside, withoutEnlargement: true)
        #expect(shrink.resizeWidth == 256)
    }

    @Test func positionNamesParseIncludingSharpSpellings() {
        #expect(FitPosition(name: "center") == .centre)
        #expect(FitPosition(name: "top") == .north)
        #expect(FitPosition(name: "right-bottom") == .southeast)
        #expect(FitPosition(name: "left top") == .northwest)
        #expect(FitPosition(name: "Attention") == .attention)
        #expect(FitPosition(name: "middle") == nil)
    }
}

@Suite struct FitPixelTests {
    /// An image whose left half is flat gray and right half noise.
    static func halfBusy(width: Int, height: Int) throws -> Image {
        let noise = try Synth.noise(width: width, height: height, layout: .rgb)
        var bytes = noise.pixels
        for y in 0..<height { for x in 0..<width / 2 { for c in 0..<3 { bytes[(y * width + x) * 3 + c] = 128 } } }
        return try Image(width: width, height: height, layout: .rgb, pixels: bytes)
    }

    @Test func coverCropsTheGravitysSide() throws {
        // Columns carry their index, so the kept window shows which side was kept.
        var bytes = [UInt8]()
        for _ in 0..<10 { for x in 0..<40 { bytes.append(UInt8(x * 6)) } }
        let image = try Image(width: 40, height: 10, layout: .gray, pixels: bytes)
        let west = try image.fitted(width: 10, height: 10, fit: .cover, position: .west, options: ResizeOptions(kernel: .nearest))
        let east = try image.fitted(width: 10, height: 10, fit: .cover, position: .east, options: ResizeOptions(kernel: .nearest))
        let centre = try image.fitted(width: 10, height: 10, fit: .cover, options: ResizeOptions(kernel: .nearest))
        #expect(west.pixel(x: 0, y: 0) == [0] && east.pixel(x: 9, y: 9) == [234])
        #expect(centre.pixel(x: 0, y: 5) == [90])
    }

    @Test func entropyAndAttentionFindTheBusyHalf() throws {
        let image = try Self.halfBusy(width: 200, height: 100)
        #expect(image.entropyWindow(width: 100, height: 100) == (100, 0) as (Int, Int))
        #expect(image.attentionWindow(width: 100, height: 100) == (100, 0) as (Int, Int))
        let transposedBytes = (0..<200 * 100).flatMap { i -> [UInt8] in
            let (y, x) = (i / 100, i % 100)
            return image.pixel(x: y, y: x) ?? []
        }
        let tall = try Image(width: 100, height: 200, layout: .rgb, pixels: transposedBytes)
        #expect(tall.entropyWindow(width: 100, height: 100) == (0, 100) as (Int, Int))
        let cropped = try image.fitted(width: 50, height: 50, fit: .cover, position: .entropy, options: ResizeOptions(kernel: .nearest))
        #expect(cropped.width == 50 && cropped.height == 50)
        #expect(cropped.pixels.contains { $0 != 128 })
        // A flat image: every window ties, the centre wins.
        let flat = try Image(width: 30, height: 10, layout: .gray, filledWith: 9)
        #expect(flat.entropyWindow(width: 10, height: 10) == (10, 0) as (Int, Int))
        #expect(flat.attentionWindow(width: 10, height: 10) == (10, 0) as (Int, Int))
    }

    @Test func attentionPrefersSkinToneOverFlatColour() throws {
        // Gray everywhere except a skin-coloured block on the right.
        var bytes = [UInt8](repeating: 90, count: 120 * 40 * 3)
        for y in 10..<30 { for x in 95..<115 { bytes.replaceSubrange((y * 120 + x) * 3..<(y * 120 + x) * 3 + 3, with: [224, 172, 140]) } }
        let image = try Image(width: 120, height: 40, layout: .rgb, pixels: bytes)
        let origin = image.attentionWindow(width: 40, height: 40)
        #expect(origin.x >= 75 && origin.x <= 95)
    }

    @Test func containLetterboxesWithTheBackground() throws {
        let image = try Image(width: 20, height: 10, layout: .rgb, filledWith: 200)
        let boxed = try image.fitted(width: 20, height: 20, fit: .contain, background: Colour(red: 1, green: 2, blue: 3))
        #expect(boxed.width == 20 && boxed.height == 20)
        #expect(boxed.pixel(x: 10, y: 0) == [1, 2, 3] && boxed.pixel(x: 10, y: 19) == [1, 2, 3])
        #expect(boxed.pixel(x: 10, y: 10) == [200, 200, 200])
        // A transparent letterbox adds alpha.
        let clear = try image.fitted(width: 20, height: 20, fit: .contain, background: .transparent)
        #expect(clear.layout == .rgba && clear.pixel(x: 0, y: 0) == [0, 0, 0, 0] && clear.pixel(x: 5, y: 10) == [200, 200, 200, 255])
    }

    @Test(arguments: PixelLayout.allCases)
    func everyModeOnEveryLayoutHasThePlannedSize(layout: PixelLayout) throws {
        let image = try Synth.noise(width: 37, height: 23, layout: layout)
        for fit in FitMode.allCases {
            for position in [FitPosition.centre, .northeast, .entropy, .attention] {
                let out = try image.fitted(width: 16, height: 16, fit: fit, position: position)
                let plan = try FitPlan.plan(sourceWidth: 37, sourceHeight: 23, width: 16, height: 16, fit: fit)
                #expect(out.width == plan.outputWidth && out.height == plan.outputHeight && out.layout == layout)
            }
        }
    }
}
