import Codecs
import Foundation
import Pixels
import Testing

/// Decode + thumbnail on the corpus: sizes, the JPEG shrink-on-load path, closeness to
/// the exact slow path, and when sharpening applies.
@Suite struct ThumbnailerTests {
    static func meanAbsoluteDifference(_ a: Image, _ b: Image) -> Double {
        let total = zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        return Double(total) / Double(a.pixels.count)
    }

    @Test(arguments: FitMode.allCases)
    func outputSizeIsExactForEachFit(fit: FitMode) throws {
        let bytes = try TestData.bytes(TestData.corpus.appendingPathComponent("s05_path_1344x768.png"))
        let thumb = try Thumbnailer.thumbnail(bytes, width: 256, height: 256, options: ThumbnailOptions(fit: fit))
        let expected: (Int, Int) = switch fit {
        case .inside: (256, 146)
        case .outside: (448, 256)
        case .cover, .contain, .fill: (256, 256)
        }
        #expect(thumb.image.width == expected.0 && thumb.image.height == expected.1)
        #expect(thumb.jpegScale == .full && thumb.info.width == 1344)
    }

    /// The DCT-domain reduction averages gamma-encoded values, so it matches the exact
    /// path closely in classic (gamma-space) mode and less closely in linear light, where
    /// the exact path averages light instead (the fast path's known price, as in libvips).
    @Test(arguments: ["s01_evening-glow_1024x1024.png", "s06_cold-ripple_768x1344.png"], [(ResizeOptions.classic, 3.0), (ResizeOptions(), 6.0)])
    func jpegShrinksOnLoadAndStaysCloseToTheExactPath(file: String, mode: (resize: ResizeOptions, tolerance: Double)) throws {
        let png = try PNGCodec.decode(try TestData.bytes(TestData.corpus.appendingPathComponent(file))).image
        let jpeg = try JPEGCodec.encode(png, options: JPEGEncodeOptions(quality: 92))
        let options = ThumbnailOptions(resize: mode.resize, sharpenAmount: 0)
        let fast = try Thumbnailer.thumbnail(jpeg, width: 256, height: 256, options: options)
        // 1024 -> 256 decodes at 1/4; 768x1344 -> 146x256 at 1/4 too (192x336 ≥ 146x256).
        #expect(fast.jpegScale == .quarter)
        let plan = try FitPlan.plan(sourceWidth: png.width, sourceHeight: png.height, width: 256, height: 256, fit: .inside)
        #expect(Thumbnailer.shrinkOnLoadScale(sourceWidth: png.width, sourceHeight: png.height, plan: plan) == .quarter)
        let exact = try JPEGCodec.decode(jpeg).image.fitted(width: 256, height: 256, fit: .inside, options: mode.resize)
        #expect(fast.image.width == exact.width && fast.image.height == exact.height)
        let mad = Self.meanAbsoluteDifference(fast.image, exact)
        #expect(mad < mode.tolerance, "mean absolute difference \(mad)")
    }

    @Test func shrinkOnLoadNeverGoesBelowTheNeededSize() throws {
        // Cover needs the short side at 256: 1344x768 -> 448x256 resize, so only 1/2 fits.
        let cover = try FitPlan.plan(sourceWidth: 1344, sourceHeight: 768, width: 256, height: 256, fit: .cover)
        #expect(Thumbnailer.shrinkOnLoadScale(sourceWidth: 1344, sourceHeight: 768, plan: cover) == .half)
        let small = try FitPlan.plan(sourceWidth: 1024, sourceHeight: 1024, width: 100, height: 100, fit: .inside)
        #expect(Thumbnailer.shrinkOnLoadScale(sourceWidth: 1024, sourceHeight: 1024, plan: small) == .eighth)
        let big = try FitPlan.plan(sourceWidth: 1024, sourceHeight: 1024, width: 600, height: 600, fit: .inside)
        #expect(Thumbnailer.shrinkOnLoadScale(sourceWidth: 1024, sourceHeight: 1024, plan: big) == .full)
        // An orientation that swaps sides swaps what is needed.
        let tall = try FitPlan.plan(sourceWidth: 768, sourceHeight: 1344, width: 256, height: 256, fit: .cover)
        #expect(Thumbnailer.shrinkOnLoadScale(sourceWidth: 1344, sourceHeight: 768, plan: tall, swapped: true) == .half)
    }

    @Test func rotatedJPEGsArePlannedUpright() throws {
        // Stored 1344x768 with EXIF "rotate 90°": the picture is 768x1344.
        let stored = try PNGCodec.decode(try TestData.bytes(TestData.corpus.appendingPathComponent("s05_path_1344x768.png"))).image
        let jpeg = try JPEGCodec.encode(stored, options: JPEGEncodeOptions(quality: 90),
                                        metadata: ImageMetadata(exif: OrientationDecodeTests.exif(.right)))
        let cover = try Thumbnailer.thumbnail(jpeg, width: 100, height: 300, options: ThumbnailOptions(fit: .cover))
        #expect(cover.image.width == 100 && cover.image.height == 300)
        // Cover needs the upright 768x1344 at 171x300 (stored 300x171): 1/4 gives 336x192.
        #expect(cover.jpegScale == .quarter)
        let inside = try Thumbnailer.thumbnail(jpeg, width: 256, height: 256)
        #expect(inside.image.width == 146 && inside.image.height == 256)
        // Keeping the stored order plans on the stored sides.
        let storedOrder = try Thumbnailer.thumbnail(jpeg, width: 256, height: 256, decodeOptions: DecodeOptions(applyOrientation: false))
        #expect(storedOrder.image.width == 256 && storedOrder.image.height == 146)
    }

    @Test func sharpensAfterStrongReductionsOnly() throws {
        let bytes = try TestData.bytes(TestData.corpus.appendingPathComponent("s07_yellow-flower_512x512.png"))
        let soft = try Thumbnailer.thumbnail(bytes, width: 128, height: 128, options: ThumbnailOptions(sharpenAmount: 0)).image
        let sharp = try Thumbnailer.thumbnail(bytes, width: 128, height: 128).image
        #expect(sharp != soft)
        // Sharpening raises local contrast: more total deviation from the soft result's blur.
        #expect(Self.meanAbsoluteDifference(sharp, soft) > 0.2)
        // Enlarging (and mild reductions) are never sharpened.
        for size in [1024, 300] {
            let plain = try Thumbnailer.thumbnail(bytes, width: size, height: size, options: ThumbnailOptions(sharpenAmount: 0)).image
            let auto = try Thumbnailer.thumbnail(bytes, width: size, height: size).image
            #expect(plain == auto)
        }
    }

    @Test func badInputAndBadBoxesAreErrors() throws {
        #expect(throws: ThumbnailError.decode(.empty)) { try Thumbnailer.thumbnail([], width: 10, height: 10) }
        let bytes = try TestData.bytes(TestData.corpus.appendingPathComponent("s07_yellow-flower_512x512.png"))
        #expect(throws: ThumbnailError.self) { try Thumbnailer.thumbnail(bytes, width: 0, height: 10) }
        #expect(throws: ThumbnailError.self) { try Thumbnailer.thumbnail(bytes, width: nil, height: nil) }
    }
}
