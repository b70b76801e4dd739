import PixelKernels
import Pixels
import Testing

/// The fast resampler against the float64 scalar reference (`ResampleReference`).
@Suite struct ResizeKernelTests {
    static let modes: [(String, ResizeOptions)] = [
        ("linear", ResizeOptions()), ("classic", .classic),
        ("gamma-premultiplied", ResizeOptions(linearLight: false, premultiplyAlpha: true)),
        ("linear-straight", ResizeOptions(linearLight: true, premultiplyAlpha: false)),
    ]

    static func check(_ image: Image, _ width: Int, _ height: Int, _ options: ResizeOptions,
                      _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try ResampleReference.expectBuildsMatch(image, width, height, options, label, sourceLocation: sourceLocation)
    }

    @Test(arguments: ["s01_evening-glow_1024x1024.png", "s04_ladybird_1024x1024.png", "s08_headset_rgba_512x512.png"])
    func corpusCropsMatchReference(name: String) throws {
        let image = try CorpusImages.crop(name, size: 96)
        for kernel in ResamplingKernel.allCases {
            for (mode, base) in Self.modes {
                var options = base
                options.kernel = kernel
                for (w, h) in [(41, 29), (96, 31), (150, 203)] {
                    try Self.check(image, w, h, options, "\(name) \(kernel) \(mode) → \(w)x\(h)")
                }
            }
        }
    }

    @Test func wholeCorpusImageMatchesReference() throws {
        let image = try CorpusImages.image("s05_path_1344x768.png")
        try Self.check(image, 336, 192, ResizeOptions(), "s05 linear")
        try Self.check(image, 336, 192, .classic, "s05 classic")
    }

    @Test(arguments: PixelLayout.allCases)
    func syntheticEdgeCasesEveryLayout(layout: PixelLayout) throws {
        var seed: UInt32 = 12345
        func next() -> UInt8 { seed = seed &* 1_103_515_245 &+ 12345; return UInt8(truncatingIfNeeded: seed >> 16) }
        let shapes: [(Int, Int, Int, Int)] = [
            (1, 1, 5, 3), (1, 1, 1, 1), (3, 1, 1, 1), (17, 9, 5, 13), (1000, 1, 7, 1), (1, 1000, 1, 7),
            (7, 5, 1000, 2), (64, 64, 3, 3), (33, 65, 66, 130), (9, 9, 8, 10),
        ]
        for (w, h, ow, oh) in shapes {
            let bytes = (0..<(w * h * layout.channels)).map { _ in next() }
            let image = try Image(width: w, height: h, layout: layout, pixels: bytes)
            for kernel in ResamplingKernel.allCases {
                for (mode, base) in Self.modes {
                    var options = base
                    options.kernel = kernel
                    try Self.check(image, ow, oh, options, "\(layout) \(w)x\(h) → \(ow)x\(oh) \(kernel) \(mode)")
                }
            }
        }
    }

    @Test(arguments: PixelLayout.allCases)
    func paddedRowStride(layout: PixelLayout) throws {
        let w = 23, h = 19, stride = w * layout.channels + 13
        var bytes = [UInt8](repeating: 0, count: stride * h)
        for y in 0..<h { for i in 0..<w * layout.channels { bytes[y * stride + i] = UInt8((y * 37 + i * 11) % 256) } }
        // The padding holds values that must never reach the output.
        for y in 0..<h { for i in w * layout.channels..<stride { bytes[y * stride + i] = 255 } }
        let image = try Image(width: w, height: h, layout: layout, rowStride: stride, pixels: bytes)
        for (mode, options) in Self.modes {
            try Self.check(image, 10, 31, options, "\(layout) padded \(mode)")
            let packed = try image.packed().resized(width: 10, height: 31, options: options)
            #expect(try image.resized(width: 10, height: 31, options: options) == packed, "\(layout) \(mode)")
        }
    }

    @Test func hugeVerticalShrinkBeyondTheRowRing() throws {
        // 6000 vertical taps of 2816 floats exceed `ResampleCore.ringByteLimit`, so output
        // rows are accumulated from freshly filtered rows instead of a ring.
        let w = 2800, h = 6000
        let bytes = (0..<(w * h)).map { UInt8(truncatingIfNeeded: ($0 % w) * 7 + ($0 / w) / 23) }
        let image = try Image(width: w, height: h, layout: .gray, pixels: bytes)
        #expect(6000 * 2816 * 4 > PixelKernels.ResampleCore.ringByteLimit)
        try Self.check(image, w, 2, .classic, "2800x6000 → 2800x2 classic")
        try Self.check(image, w, 2, ResizeOptions(), "2800x6000 → 2800x2 linear")
    }

    @Test func reducingGapMatchesItsReference() throws {
        let image = try CorpusImages.crop("s03_colorful-cups_1024x1024.png", size: 400)
        for (mode, base) in Self.modes {
            var options = base
            options.reducingGap = 2
            try Self.check(image, 57, 43, options, "gap 2 \(mode)")
            options.reducingGap = 3
            try Self.check(image, 100, 133, options, "gap 3 \(mode)")
        }
    }
}
