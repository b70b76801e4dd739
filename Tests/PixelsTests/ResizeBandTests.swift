import Pixels
import Testing

/// Row bands: a resize split into bands of destination rows run at once must give exactly
/// the bytes of the unbanded run, on both builds of the core, for every layout, in linear
/// and classic mode (the x86-64-v3 build runs classic RGB and RGBA in fixed point, whose
/// weight scaling depends on the whole plan), with and without box reduction, shrinking
/// and enlarging, odd sizes, and more bands than rows.
@Suite struct ResizeBandTests {
    static let options: [(String, ResizeOptions)] = [
        ("linear", ResizeOptions()),
        ("classic", .classic),
        ("linear-gap2", ResizeOptions(reducingGap: 2)),
        ("classic-gap2", ResizeOptions(linearLight: false, premultiplyAlpha: false, reducingGap: 2)),
        ("linear-straight", ResizeOptions(premultiplyAlpha: false)),
    ]

    /// Output sizes from a 96×82 source: an exact halving (the filter is cut off only at
    /// the top and bottom rows, whose larger weights set the fixed-point scale: the middle
    /// bands hold no such row), an odd shrink, a strong shrink (box-reduced by 2 with gap
    /// 2), an enlargement, and a 7-row output (64 bands asked: one per row).
    static let sizes = [(48, 41), (41, 29), (20, 17), (151, 203), (97, 7)]

    /// A 96×82 crop of a corpus photograph (with real alpha) in `layout`.
    static func photo(_ layout: PixelLayout) throws -> Image {
        let full = try CorpusImages.image("s08_headset_rgba_512x512.png")
        return try full.cropped(x: 201, y: 167, width: 96, height: 82).converted(to: layout)
    }

    @Test(arguments: [PixelLayout.gray, .grayAlpha, .rgb, .rgba])
    func bandsMatchTheUnbandedResize(layout: PixelLayout) throws {
        let image = try Self.photo(layout)
        #expect(image.layout == layout)
        for build in ResamplerBuild.allCases where build.isAvailable {
            for (name, options) in Self.options {
                for (w, h) in Self.sizes {
                    let whole = try image.resized(width: w, height: h, options: options, build: build, bands: 1)
                    #expect(whole.width == w && whole.height == h)
                    for bands in [2, 3, 5, 64] {
                        let banded = try image.resized(width: w, height: h, options: options, build: build, bands: bands)
                        let same = banded == whole
                        #expect(same, "\(layout) \(build) \(name) → \(w)x\(h) in \(bands) bands")
                    }
                }
            }
        }
    }

    /// Every kernel, at a shrink and an enlargement, in classic RGB (the fixed-point path
    /// on x86-64-v3) and linear RGBA.
    @Test(arguments: ResamplingKernel.allCases)
    func bandsMatchForEveryKernel(kernel: ResamplingKernel) throws {
        for (layout, base) in [(PixelLayout.rgb, ResizeOptions.classic), (.rgba, ResizeOptions())] {
            let image = try Self.photo(layout)
            var options = base
            options.kernel = kernel
            for build in ResamplerBuild.allCases where build.isAvailable {
                for (w, h) in [(33, 40), (130, 171)] {
                    let whole = try image.resized(width: w, height: h, options: options, build: build, bands: 1)
                    for bands in [2, 4, 9] {
                        let banded = try image.resized(width: w, height: h, options: options, build: build, bands: bands)
                        let same = banded == whole
                        #expect(same, "\(layout) \(kernel) \(build) → \(w)x\(h) in \(bands) bands")
                    }
                }
            }
        }
    }

    /// A halving of a whole photograph in classic mode, in 3 to 8 bands: the middle bands
    /// hold neither the top nor the bottom row, whose larger weights set the fixed-point
    /// scale of the whole plan (with the band's own scale, some samples differ by one).
    @Test(arguments: [PixelLayout.rgb, .rgba])
    func middleBandsKeepTheWholePlansScale(layout: PixelLayout) throws {
        let image = try CorpusImages.image("s08_headset_rgba_512x512.png").converted(to: layout)
        for build in ResamplerBuild.allCases where build.isAvailable {
            let whole = try image.resized(width: 256, height: 256, options: .classic, build: build, bands: 1)
            for bands in [2, 3, 8] {
                let banded = try image.resized(width: 256, height: 256, options: .classic, build: build, bands: bands)
                let same = banded == whole
                #expect(same, "\(layout) \(build) in \(bands) bands")
            }
        }
    }

    /// An image stored premultiplied goes through the straight-alpha detour in linear mode;
    /// its bands too.
    @Test func premultipliedImagesMatch() throws {
        let image = try Self.photo(.rgba).premultiplied()
        for (name, options) in Self.options {
            let whole = try image.resized(width: 45, height: 38, options: options, bands: 1)
            let banded = try image.resized(width: 45, height: 38, options: options, bands: 3)
            let same = banded == whole
            #expect(whole.alphaMode == .premultiplied && same, "\(name)")
        }
    }

    /// `ResizeOptions.threads` on whole corpus images (large enough to be banded): the
    /// same bytes with 1 and 4 threads.
    @Test(arguments: [("s01_evening-glow_1024x1024.png", 512, 512), ("s05_path_1344x768.png", 1000, 571),
                      ("s08_headset_rgba_512x512.png", 900, 900)])
    func threadsGiveIdenticalImages(name: String, width: Int, height: Int) throws {
        let image = try CorpusImages.image(name)
        for (label, base) in [("classic", ResizeOptions.classic), ("linear", ResizeOptions())] {
            var one = base, four = base
            one.threads = 1
            four.threads = 4
            let a = try image.resized(width: width, height: height, options: one)
            let b = try image.resized(width: width, height: height, options: four)
            let same = a == b
            #expect(a.width == width && a.height == height && same, "\(name) \(label)")
        }
    }
}
