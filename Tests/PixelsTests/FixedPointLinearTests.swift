import Foundation
import PixelKernels
import Pixels
import Testing
#if arch(x86_64)
import PixelKernelsV3
#endif

/// Linear-light RGB (the default resize options), which the x86-64-v3 build runs in fixed
/// point (`FixedPointLinearResampler`: 15-bit linear light, 16-bit weights, 16-bit
/// intermediate) and the portable build in floats: both against the float64 reference,
/// on whole corpus images at the benchmark's geometry and on synthetic worst cases for
/// rounding, clipping and weight quantisation. Each geometry is first checked to be one
/// the fixed-point path takes, so the tests cannot pass by falling back to floats.
@Suite struct FixedPointLinearTests {
    /// Whether the x86-64-v3 fixed-point path takes a linear RGB resize of this geometry
    /// (the plan built as `Image.resized` builds it, without box reduction); true where
    /// the x86-64-v3 build is not available, as there is nothing to exercise.
    static func fastPathTakes(_ width: Int, _ height: Int, to newWidth: Int, _ newHeight: Int, kernel: ResamplingKernel) -> Bool {
        #if arch(x86_64)
        guard ResamplerBuild.x86_64v3.isAvailable else { return true }
        let h = ResampleWeights(inSize: width, outSize: newWidth, kernel: kernel)
        let v = ResampleWeights(inSize: height, outSize: newHeight, kernel: kernel)
        let vectors = (h.taps * 4 + 7) / 8
        var expanded = [Float](repeating: 0, count: newWidth * vectors * 8)
        for x in 0..<newWidth { for t in 0..<h.taps { for l in 0..<4 { expanded[x * vectors * 8 + t * 4 + l] = h.weights[x * h.taps + t] } } }
        let toLinear = [Float](repeating: 0, count: 256), fromLinear = [UInt8](repeating: 0, count: 16384)
        var pixel: [UInt8] = [0, 0, 0]
        return pixel.withUnsafeMutableBufferPointer { px in
            toLinear.withUnsafeBufferPointer { tl in fromLinear.withUnsafeBufferPointer { fl in
                expanded.withUnsafeBufferPointer { hw in h.starts.withUnsafeBufferPointer { hs in
                    v.starts.withUnsafeBufferPointer { vs in v.weights.withUnsafeBufferPointer { vw in
                        FixedPointLinearResampler.qualifies(ResamplePlan(
                            source: UnsafePointer(px.baseAddress!), sourceStride: width * 3, sourceWidth: width, sourceHeight: height,
                            channels: 3, destination: px.baseAddress!, destinationStride: newWidth * 3,
                            destinationWidth: newWidth, destinationHeight: newHeight, lanes: 4, hasAlpha: false, linear: true,
                            premultiply: false, toLinear: tl.baseAddress!, fromLinear: fl.baseAddress!, fromLinearCount: fl.count,
                            reduceX: 1, reduceY: 1, reducedWidth: width, reducedHeight: height,
                            horizontalStarts: hs.baseAddress!, horizontalWeights: hw.baseAddress!, horizontalVectors: vectors,
                            verticalStarts: vs.baseAddress!, verticalWeights: vw.baseAddress!, verticalTaps: v.taps))
                    } }
                } }
            } }
        }
        #else
        return true
        #endif
    }

    /// Both builds within one level of the reference, and (unless `anyPath`) the fast path
    /// really taken.
    /// - Returns: whether the fast path takes the geometry.
    @discardableResult
    static func check(_ image: Image, _ width: Int, _ height: Int, kernel: ResamplingKernel = .lanczos3, anyPath: Bool = false,
                      _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        let taken = fastPathTakes(image.width, image.height, to: width, height, kernel: kernel)
        #expect(taken || anyPath, "\(label): fixed point declined", sourceLocation: sourceLocation)
        let options = ResizeOptions(kernel: kernel)
        try ResampleReference.expectBuildsMatch(image, width, height, options, label, sourceLocation: sourceLocation)
        return taken
    }

    #if arch(x86_64)
    /// The decoding polynomial within 0.7 of a step (1/32766 of linear light) of the exact
    /// sRGB transfer function at every sample value.
    @Test func decodingPolynomialMatchesTheTransferFunction() throws {
        guard ResamplerBuild.x86_64v3.isAvailable else { return }
        let values = FixedPointLinearResampler.decodedSamples()
        #expect(values.count == 256)
        var worst = 0.0
        for (sample, value) in values.enumerated() {
            let v = Double(sample) / 255
            let exact = (v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)) * 32766
            worst = max(worst, abs(Double(value) - exact))
        }
        #expect(worst <= 0.7 + 0.5, "largest difference \(worst) steps")  // the fit, and the rounding to a step
    }
    #endif

    /// Whole photographs at the benchmark's geometries (W3's 2× and 4× shrinks, W6's 4×),
    /// odd ratios and an enlargement.
    @Test(arguments: [
        ("s01_evening-glow_1024x1024.png", 512, 512), ("s05_path_1344x768.png", 336, 192),
        ("s04_ladybird_1024x1024.png", 256, 256), ("s06_cold-ripple_768x1344.png", 511, 333),
        ("s07_yellow-flower_512x512.png", 1029, 777),
    ])
    func wholeCorpusImagesMatchReference(name: String, width: Int, height: Int) throws {
        try Self.check(try CorpusImages.image(name), width, height, "\(name) → \(width)x\(height)")
    }

    /// Single-pixel black and white stripes, checks and a lone spike: the largest
    /// overshoot Lanczos can make, clipped in both passes, at shrinks, enlargements and odd
    /// ratios; in linear light the darkest tones magnify any error the most.
    @Test func extremeContrastMatchesReference() throws {
        let patterns: [(String, (Int, Int, Int) -> UInt8)] = [
            ("checks", { x, y, _ in (x + y) % 2 == 0 ? 255 : 0 }),
            ("columns", { x, _, c in (x % 2 == 0) == (c == 1) ? 255 : 0 }),
            ("rows", { _, y, c in y % 3 == 0 || c == 2 ? 255 : 0 }),
            ("spike", { x, y, c in x == 20 && y == 17 && c != 1 ? 255 : 0 }),
            ("dark", { x, y, c in UInt8((x * 7 + y * 3 + c) % 13) }),
        ]
        for (name, sample) in patterns {
            let w = 41, h = 37
            var bytes = [UInt8](repeating: 0, count: w * h * 3)
            for y in 0..<h { for x in 0..<w { for c in 0..<3 { bytes[(y * w + x) * 3 + c] = sample(x, y, c) } } }
            let image = try Image(width: w, height: h, layout: .rgb, pixels: bytes)
            for kernel in ResamplingKernel.allCases {
                for (ow, oh) in [(20, 18), (123, 111), (15, 29), (2, 1), (1, 3), (97, 13), (5, 37)] {
                    try Self.check(image, ow, oh, kernel: kernel, "\(name) \(kernel) → \(ow)x\(oh)")
                }
            }
        }
    }

    /// A flat image comes out exactly flat: every sample value survives decoding, both
    /// passes and the output table.
    @Test func constantImagesStayConstant() throws {
        let w = 37, h = 21
        for value in 0..<256 {
            let pixel: [UInt8] = [UInt8(value), UInt8(255 - value), UInt8((value * 7) % 256)]
            let image = try Image(width: w, height: h, layout: .rgb, pixels: Array([[UInt8]](repeating: pixel, count: w * h).joined()))
            for (kernel, ow, oh) in [(ResamplingKernel.lanczos3, 18, 10), (.mitchell, 80, 45), (.box, 1, 1), (.catrom, 5, 33)] {
                #expect(Self.fastPathTakes(w, h, to: ow, oh, kernel: kernel))
                let out = try image.resized(width: ow, height: oh, options: ResizeOptions(kernel: kernel), build: .x86_64v3)
                let expected = Array([[UInt8]](repeating: pixel, count: ow * oh).joined())
                #expect(out.packed().pixels == expected, "\(pixel) \(kernel) → \(ow)x\(oh)")
            }
        }
    }

    /// Random noise with wide rows (the passes run 16 pixels, 8 outputs and 32 samples a
    /// step; every remainder width from 1 to 40 is covered), a padded row stride, and
    /// shrinks that need two 16-tap chunks per output.
    @Test func noiseAtEveryRemainderWidth() throws {
        var seed: UInt32 = 4242
        func next() -> UInt8 { seed = seed &* 1_103_515_245 &+ 12345; return UInt8(truncatingIfNeeded: seed >> 16) }
        let w = 90, h = 24, stride = w * 3 + 5
        let bytes = (0..<(stride * h)).map { _ in next() }
        let image = try Image(width: w, height: h, layout: .rgb, rowStride: stride, pixels: bytes)
        // Shrinks to fewer than 9 columns need more than 64 taps: left to floats.
        for ow in 1...40 {
            let taken = try Self.check(image, ow, 11 + ow % 7, anyPath: ow < 9, "noise → \(ow)")
            #expect(taken == (ow >= 9), "noise → \(ow): fixed point \(taken ? "took" : "declined") it")
        }
        for (ow, oh) in [(17, 3), (23, 6), (90, 5), (180, 48)] {
            try Self.check(image, ow, oh, "noise → \(ow)x\(oh)")
        }
    }

    /// Extreme aspect ratios and tiny images, enlarged and shrunk (the shrinks of 300 to
    /// 7 need more taps than the fixed point takes and run in floats).
    @Test func oddShapesMatchReference() throws {
        var seed: UInt32 = 99
        func next() -> UInt8 { seed = seed &* 1_103_515_245 &+ 12345; return UInt8(truncatingIfNeeded: seed >> 16) }
        let shapes: [(Int, Int, Int, Int)] = [
            (1, 1, 5, 3), (1, 1, 1, 1), (3, 1, 1, 1), (17, 9, 5, 13), (300, 1, 7, 1), (1, 300, 1, 7),
            (7, 5, 300, 2), (2, 3, 1, 200), (33, 65, 66, 130), (64, 64, 9, 61),
        ]
        var taken = 0
        for (w, h, ow, oh) in shapes {
            let image = try Image(width: w, height: h, layout: .rgb, pixels: (0..<(w * h * 3)).map { _ in next() })
            for kernel in ResamplingKernel.allCases {
                let many = w == 300 || h == 300
                taken += try Self.check(image, ow, oh, kernel: kernel, anyPath: many, "\(w)x\(h) → \(ow)x\(oh) \(kernel)") ? 1 : 0
            }
        }
        #expect(taken >= 8 * ResamplingKernel.allCases.count)
    }

    /// A checkerboard shrinks to half the light, sRGB 188, in fixed point too.
    @Test func checkerboardShrinksToMidGrey() throws {
        let size = 64
        var bytes = [UInt8](repeating: 0, count: size * size * 3)
        for y in 0..<size { for x in 0..<size where (x + y) % 2 == 0 { for c in 0..<3 { bytes[(y * size + x) * 3 + c] = 255 } } }
        let board = try Image(width: size, height: size, layout: .rgb, pixels: bytes)
        for kernel in [ResamplingKernel.lanczos3, .box, .bilinear, .mitchell, .catrom, .lanczos2] {
            #expect(Self.fastPathTakes(size, size, to: 32, 32, kernel: kernel))
            let out = try board.resized(width: 32, height: 32, options: ResizeOptions(kernel: kernel), build: .x86_64v3).pixels
            let mean = Double(out.reduce(0) { $0 + Int($1) }) / Double(out.count)
            #expect(abs(mean - 188) < 1.5, "\(kernel) mean \(mean)")
        }
    }
}
