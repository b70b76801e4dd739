import Pixels
import Testing

/// What linear light, premultiplied alpha and the reducing gap are for, on images where
/// the right answer is known.
@Suite struct ResizeQualityTests {
    static func mean(_ image: Image) -> Double {
        Double(image.packed().pixels.reduce(0) { $0 + Int($1) }) / Double(image.width * image.height * image.channels)
    }

    static func checkerboard(_ size: Int) throws -> Image {
        var bytes = [UInt8](repeating: 0, count: size * size)
        for y in 0..<size { for x in 0..<size where (x + y) % 2 == 0 { bytes[y * size + x] = 255 } }
        return try Image(width: size, height: size, layout: .gray, pixels: bytes)
    }

    @Test func checkerboardShrinksToMidGreyInLinearLight() throws {
        let board = try Self.checkerboard(64)
        // Half the light of white is linear 0.5, which is sRGB 188; gamma-space averaging gives 128.
        let linear = try board.resized(width: 32, height: 32, options: ResizeOptions())
        let classic = try board.resized(width: 32, height: 32, options: .classic)
        #expect(abs(Self.mean(linear) - 188) < 1.5, "linear mean \(Self.mean(linear))")
        #expect(abs(Self.mean(classic) - 128) < 1.5, "classic mean \(Self.mean(classic))")
        for kernel in [ResamplingKernel.box, .bilinear, .mitchell, .catrom, .lanczos2] {
            let out = try board.converted(to: .rgb).resized(width: 32, height: 32, options: ResizeOptions(kernel: kernel))
            #expect(abs(Self.mean(out) - 188) < 1.5, "\(kernel) linear mean \(Self.mean(out))")
        }
    }

    /// A white disc on fully transparent black.
    static func disc(_ layout: PixelLayout) throws -> Image {
        let size = 64
        var bytes: [UInt8] = []
        for y in 0..<size {
            for x in 0..<size {
                let dx = Double(x) - 31.5, dy = Double(y) - 31.5
                let inside = dx * dx + dy * dy < 20 * 20
                bytes += layout == .rgba ? (inside ? [255, 255, 255, 255] : [0, 0, 0, 0]) : (inside ? [255, 255] : [0, 0])
            }
        }
        return try Image(width: size, height: size, layout: layout, pixels: bytes)
    }

    @Test(arguments: [PixelLayout.rgba, .grayAlpha])
    func premultipliedAlphaLeavesNoDarkFringe(layout: PixelLayout) throws {
        let disc = try Self.disc(layout)
        let n = layout.channels
        for linear in [true, false] {
            let on = try disc.resized(width: 23, height: 23, options: ResizeOptions(linearLight: linear, premultiplyAlpha: true))
            var edges = 0
            for i in stride(from: 0, to: on.pixels.count, by: n) where on.pixels[i + n - 1] > 0 {
                edges += on.pixels[i + n - 1] < 255 ? 1 : 0
                for c in 0..<n - 1 { #expect(on.pixels[i + c] >= 254, "linear \(linear): colour \(on.pixels[i + c]) at alpha \(on.pixels[i + n - 1])") }
            }
            #expect(edges > 10)
            // Straight alpha pulls the transparent pixels' black into the edge.
            let off = try disc.resized(width: 23, height: 23, options: ResizeOptions(linearLight: linear, premultiplyAlpha: false))
            var darkest: UInt8 = 255
            for i in stride(from: 0, to: off.pixels.count, by: n) where off.pixels[i + n - 1] >= 32 {
                darkest = min(darkest, off.pixels[i])
            }
            #expect(darkest < 200, "linear \(linear): premultiply off should show the fringe, darkest \(darkest)")
        }
    }

    @Test(arguments: ResamplingKernel.allCases)
    func constantImageStaysExactlyConstant(kernel: ResamplingKernel) throws {
        let colours: [PixelLayout: [UInt8]] = [.gray: [77], .grayAlpha: [200, 9], .rgb: [3, 128, 254], .rgba: [17, 230, 99, 140]]
        for layout in PixelLayout.allCases {
            let samples = colours[layout]!
            let bytes = (0..<(29 * 31)).flatMap { _ in samples }
            let image = try Image(width: 29, height: 31, layout: layout, pixels: bytes)
            for options in [ResizeOptions(kernel: kernel), ResizeOptions(kernel: kernel, linearLight: false, premultiplyAlpha: false),
                            ResizeOptions(kernel: kernel, reducingGap: 2)] {
                for (w, h) in [(10, 7), (80, 50), (29, 5), (1, 1), (3, 100)] {
                    let out = try image.resized(width: w, height: h, options: options)
                    let expected = (0..<(w * h)).flatMap { _ in samples }
                    #expect(out.packed().pixels == expected, "\(kernel) \(layout) \(w)x\(h) linear \(options.linearLight)")
                }
            }
        }
    }

    @Test func reducingGapStaysCloseToTheExactFilter() throws {
        for name in ["s01_evening-glow_1024x1024.png", "s04_ladybird_1024x1024.png"] {
            let image = try CorpusImages.image(name)
            for options in [ResizeOptions(), ResizeOptions.classic] {
                var gapped = options
                gapped.reducingGap = 2
                let exact = try image.resized(width: 200, height: 200, options: options).pixels
                let fast = try image.resized(width: 200, height: 200, options: gapped).pixels
                let diffs = zip(exact, fast).map { abs(Int($0) - Int($1)) }
                let mean = Double(diffs.reduce(0, +)) / Double(diffs.count)
                let large = diffs.filter { $0 > 4 }.count
                #expect(mean < 1.0, "\(name) linear \(options.linearLight): mean difference \(mean)")
                #expect(Double(large) / Double(diffs.count) < 0.01, "\(name): \(large) samples differ by more than 4")
            }
        }
    }

    @Test func premultipliedInputStaysPremultiplied() throws {
        let disc = try Self.disc(.rgba).premultiplied()
        for options in [ResizeOptions(), .classic] {
            let out = try disc.resized(width: 20, height: 20, options: options)
            #expect(out.alphaMode == .premultiplied)
            for i in stride(from: 0, to: out.pixels.count, by: 4) {
                #expect(Int(out.pixels[i]) <= Int(out.pixels[i + 3]) + 1, "linear \(options.linearLight): colour above alpha at pixel \(i / 4)")
            }
        }
    }
}
