import Codecs
import Foundation
import Pixels
import Testing

/// `../shared/regressions/rgba-upscale-nan.png` (40×40 RGBA, alpha 1–3 beside 0) crashed
/// the default resampler: a ringing alpha of ~1e-38 made 255 / alpha infinite, and
/// 0 × ∞ = NaN became a table index far past the end.
@Suite struct RGBAUpscaleRegressionTests {
    static let file = CorpusImages.folder.deletingLastPathComponent().appendingPathComponent("regressions/rgba-upscale-nan.png")

    static func image() throws -> Image {
        try PNGCodec.decode([UInt8](try Data(contentsOf: file))).image
    }

    @Test(arguments: [120, 200, 280])
    func upscaleMatchesReference(width: Int) throws {
        let image = try Self.image()
        #expect(image.width == 40 && image.height == 40 && image.layout == .rgba)
        let options = ResizeOptions()
        let reference = ResampleReference.resampled(image, width: width, height: width, options: options)
        for build in ResamplerBuild.allCases where build.isAvailable {
            var chosen = options
            chosen.build = build
            let fast = try image.resized(width: width, height: width, options: chosen)
            ResizePropertyTests.expectClose(fast, reference, width: width, height: width, layout: .rgba, "\(width) \(build)")
        }
    }

    /// The `--width 120 --height 90 --fit cover` case: resize to 120×120, crop the middle.
    @Test func coverMatchesReference() throws {
        let image = try Self.image()
        let plan = try FitPlan.plan(sourceWidth: 40, sourceHeight: 40, width: 120, height: 90, fit: .cover)
        #expect(plan.resizeWidth == 120 && plan.resizeHeight == 120)
        let reference = ResampleReference.resampled(image, width: 120, height: 120, options: ResizeOptions())
        let expected = try Image(width: 120, height: 120, layout: .rgba, pixels: reference.samples).fitted(plan)
        for build in ResamplerBuild.allCases where build.isAvailable {
            let fast = try image.fitted(width: 120, height: 90, fit: .cover, options: ResizeOptions(build: build))
            try ResizePropertyTests.expectFitClose(fast, expected, reference: reference, plan: plan, position: .centre, "cover \(build)")
        }
    }
}
