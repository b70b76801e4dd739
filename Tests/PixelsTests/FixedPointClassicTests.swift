import Pixels
import Testing

/// Classic mode (stored values, straight alpha) on RGB and RGBA, which the x86-64-v3 build
/// runs in fixed point (16-bit weights, 8-bit intermediate) and the portable build in
/// floats: both against the float64 reference, on whole corpus images at the benchmark's
/// geometry and on synthetic worst cases for rounding, clipping and weight quantisation.
@Suite struct FixedPointClassicTests {
    /// Both builds within one level of the reference.
    static func check(_ image: Image, _ width: Int, _ height: Int, kernel: ResamplingKernel = .lanczos3,
                      _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var options = ResizeOptions.classic
        options.kernel = kernel
        try ResampleReference.expectBuildsMatch(image, width, height, options, label, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ("s01_evening-glow_1024x1024.png", 512, 512), ("s04_ladybird_1024x1024.png", 511, 333),
        ("s06_cold-ripple_768x1344.png", 384, 672), ("s08_headset_rgba_512x512.png", 256, 256),
        ("s08_headset_rgba_512x512.png", 1029, 777),
    ])
    func wholeCorpusImagesMatchReference(name: String, width: Int, height: Int) throws {
        try Self.check(try CorpusImages.image(name), width, height, "\(name) → \(width)x\(height)")
    }

    /// Single-pixel black and white stripes and checks: the largest overshoot Lanczos can
    /// make, clipped in both passes, at shrinks, enlargements and odd ratios.
    @Test(arguments: [PixelLayout.rgb, PixelLayout.rgba])
    func extremeContrastMatchesReference(layout: PixelLayout) throws {
        let n = layout.channels
        let patterns: [(String, (Int, Int, Int) -> UInt8)] = [
            ("checks", { x, y, _ in (x + y) % 2 == 0 ? 255 : 0 }),
            ("columns", { x, _, c in (x % 2 == 0) == (c == 1) ? 255 : 0 }),
            ("rows", { _, y, c in y % 3 == 0 || c == 3 ? 255 : 0 }),
            ("spike", { x, y, c in x == 20 && y == 17 && c != 1 ? 255 : 0 }),
        ]
        for (name, sample) in patterns {
            let w = 41, h = 37
            var bytes = [UInt8](repeating: 0, count: w * h * n)
            for y in 0..<h { for x in 0..<w { for c in 0..<n { bytes[(y * w + x) * n + c] = sample(x, y, c) } } }
            let image = try Image(width: w, height: h, layout: layout, pixels: bytes)
            for kernel in ResamplingKernel.allCases {
                for (ow, oh) in [(20, 18), (123, 111), (15, 29), (2, 1), (1, 3), (97, 13)] {
                    try Self.check(image, ow, oh, kernel: kernel, "\(layout) \(name) \(kernel) → \(ow)x\(oh)")
                }
            }
        }
    }

    /// A flat image comes out exactly flat: the quantised weights of every output sum to one.
    @Test(arguments: [PixelLayout.rgb, PixelLayout.rgba])
    func constantImagesStayConstant(layout: PixelLayout) throws {
        let n = layout.channels
        let colours: [[UInt8]] = [[0, 0, 0, 0], [255, 255, 255, 255], [1, 254, 128, 7], [254, 1, 255, 0], [77, 77, 77, 200]]
        for colour in colours {
            let pixel = Array(colour.prefix(n))
            let image = try Image(width: 53, height: 31, layout: layout, pixels: Array([[UInt8]](repeating: pixel, count: 53 * 31).joined()))
            for kernel in ResamplingKernel.allCases {
                for (ow, oh) in [(26, 15), (160, 93), (7, 61), (1, 1)] {
                    for build in ResamplerBuild.allCases where build.isAvailable {
                        var options = ResizeOptions.classic
                        options.kernel = kernel
                        let out = try image.resized(width: ow, height: oh, options: options, build: build)
                        let expected = Array([[UInt8]](repeating: pixel, count: ow * oh).joined())
                        #expect(out.packed().pixels == expected, "\(layout) \(pixel) \(kernel) \(build) → \(ow)x\(oh)")
                    }
                }
            }
        }
    }

    /// Random noise with wide rows (the fixed-point passes run 32 bytes and two pixels a
    /// step; every remainder width from 1 to 40 is covered) and a padded row stride.
    @Test func noiseAtEveryRemainderWidth() throws {
        var seed: UInt32 = 2024
        func next() -> UInt8 { seed = seed &* 1_103_515_245 &+ 12345; return UInt8(truncatingIfNeeded: seed >> 16) }
        for layout in [PixelLayout.rgb, PixelLayout.rgba] {
            let w = 90, h = 24, stride = w * layout.channels + 5
            let bytes = (0..<(stride * h)).map { _ in next() }
            let image = try Image(width: w, height: h, layout: layout, rowStride: stride, pixels: bytes)
            for ow in 1...40 {
                try Self.check(image, ow, 11 + ow % 7, "\(layout) noise → \(ow)")
            }
        }
    }
}
