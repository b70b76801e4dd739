import Foundation
import Pixels
import Testing

/// The float64 scalar reference of `Image.resized(width:height:options:)`: the same
/// definition (pixel-centre sampling, filter widened by the scale when shrinking, taps
/// outside the image dropped and the rest renormalised, optional integer box reduction,
/// sRGB decoded exactly with the IEC 61966-2-1 formula, premultiplied alpha, the first
/// pass clipped to 0–255 as Pillow and libvips clip their 8-bit intermediate), written the
/// plain way: whole-image planes of doubles, one pass per axis.
enum ResampleReference {
    /// Resamples `image` (straight alpha) and returns the rounded 8-bit samples, packed.
    static func resized(_ image: Image, width: Int, height: Int, options: ResizeOptions) -> [UInt8] {
        resampled(image, width: width, height: height, options: options).samples
    }

    /// What the reference computes: the packed samples and, for premultiplied alpha
    /// images, each output pixel's alpha before rounding (0–255 scale).
    struct Result {
        /// The rounded 8-bit samples, packed.
        var samples: [UInt8]
        /// Unrounded alpha per pixel (premultiplied alpha images only, else empty).
        var alphas: [Double]

        /// Whether pixel `i`'s colour is ill-conditioned: its alpha lies within 10⁻³ of ½,
        /// where rounding decides between transparent (colour 0) and colour divided by ½.
        /// A float build may land on the other side of ½ there, so its colour is not
        /// comparable; its alpha still is.
        func colourIsIllConditioned(_ i: Int) -> Bool {
            i < alphas.count && abs(alphas[i] - 0.5) < 1e-3
        }
    }

    /// The reference resampling of `image`, with the unrounded alphas (see `Result`).
    static func resampled(_ image: Image, width: Int, height: Int, options: ResizeOptions) -> Result {
        // The same size is no resampling at all (as `resized` defines it, and sharp): a
        // filter that is not interpolating (Mitchell, B-splines) would blur otherwise.
        if width == image.width && height == image.height { return Result(samples: packedBytes(image), alphas: []) }
        let n = image.channels, hasAlpha = image.layout.hasAlpha
        let premultiply = hasAlpha && options.premultiplyAlpha
        let colours = hasAlpha ? n - 1 : n
        // Working values, 0–255 scale.
        var plane = [Double](repeating: 0, count: image.width * image.height * n)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = y * image.rowStride + x * n, o = (y * image.width + x) * n
                let a = hasAlpha ? Double(image.pixels[p + n - 1]) : 255
                for c in 0..<colours {
                    var v = Double(image.pixels[p + c])
                    if options.linearLight { v = decode(v / 255) * 255 }
                    plane[o + c] = premultiply ? v * a / 255 : v
                }
                if hasAlpha { plane[o + n - 1] = a }
            }
        }
        var w = image.width, h = image.height
        let fx = factor(w, width, options), fy = factor(h, height, options)
        if fx > 1 || fy > 1 {
            let rw = (w + fx - 1) / fx, rh = (h + fy - 1) / fy
            var reduced = [Double](repeating: 0, count: rw * rh * n)
            for y in 0..<rh {
                for x in 0..<rw {
                    let ys = (y * fy)..<min(h, (y + 1) * fy), xs = (x * fx)..<min(w, (x + 1) * fx)
                    for c in 0..<n {
                        var sum = 0.0
                        for sy in ys { for sx in xs { sum += plane[(sy * w + sx) * n + c] } }
                        reduced[(y * rw + x) * n + c] = sum / Double(ys.count * xs.count)
                    }
                }
            }
            plane = reduced
        }
        let extentX = Double(w) / Double(fx), extentY = Double(h) / Double(fy)
        w = (w + fx - 1) / fx
        h = (h + fy - 1) / fy
        let wx = weights(w, extentX, width, options.kernel), wy = weights(h, extentY, height, options.kernel)
        var mid = [Double](repeating: 0, count: width * h * n)
        for y in 0..<h { for x in 0..<width { for c in 0..<n {
            var acc = 0.0
            for (sx, v) in wx[x] { acc += v * plane[(y * w + sx) * n + c] }
            mid[(y * width + x) * n + c] = min(255, max(0, acc))  // clipped between the passes
        } } }
        var out = [UInt8](repeating: 0, count: width * height * n)
        var alphas = [Double](repeating: 0, count: premultiply ? width * height : 0)
        for y in 0..<height { for x in 0..<width {
            var px = [Double](repeating: 0, count: n)
            for c in 0..<n { for (sy, v) in wy[y] { px[c] += v * mid[(sy * width + x) * n + c] } }
            let o = (y * width + x) * n
            let a = hasAlpha ? min(255, max(0, px[n - 1])) : 255
            let alpha = UInt8((a + 0.5).rounded(.down))
            if hasAlpha { out[o + n - 1] = alpha }
            if premultiply { alphas[y * width + x] = a }
            for c in 0..<colours {
                var v = px[c]
                // An alpha that rounds to 0 is fully transparent: colour 0.
                if premultiply { v = alpha > 0 ? min(max(v, 0), a) * 255 / a : 0 }
                v = min(255, max(0, v))
                if options.linearLight { v = encode(v / 255) * 255 }
                out[o + c] = UInt8((v + 0.5).rounded(.down))
            }
        } }
        return Result(samples: out, alphas: alphas)
    }

    /// Pillow's reducing-gap factor for one axis.
    static func factor(_ inSize: Int, _ outSize: Int, _ options: ResizeOptions) -> Int {
        guard let gap = options.reducingGap, gap >= 1, options.kernel != .nearest else { return 1 }
        return max(1, Int(Double(inSize) / Double(outSize) / gap))
    }

    /// Per output sample, the contributing input indices and normalised weights.
    static func weights(_ inSize: Int, _ extent: Double, _ outSize: Int, _ kernel: ResamplingKernel) -> [[(Int, Double)]] {
        let scale = extent / Double(outSize), fs = max(scale, 1)
        return (0..<outSize).map { i in
            if kernel == .nearest { return [(min(inSize - 1, Int((Double(i) + 0.5) * scale)), 1.0)] }
            let centre = (Double(i) + 0.5) * scale - 0.5
            let radius = kernel.support * fs
            var taps: [(Int, Double)] = []
            for j in Int((centre - radius).rounded(.down))...Int((centre + radius).rounded(.up)) {
                let w = kernel.weight((Double(j) - centre) / fs)
                if w != 0, j >= 0, j < inSize { taps.append((j, w)) }
            }
            let sum = taps.reduce(0) { $0 + $1.1 }
            return taps.map { ($0.0, $0.1 / sum) }
        }
    }

    static func decode(_ v: Double) -> Double { v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
    static func encode(_ v: Double) -> Double { v <= 0.0031308 ? v * 12.92 : 1.055 * pow(v, 1 / 2.4) - 0.055 }

    /// The packed meaningful bytes of an image.
    static func packedBytes(_ image: Image) -> [UInt8] { image.packed().pixels }

    /// The largest absolute difference between two sample arrays.
    static func worst(_ a: [UInt8], _ b: [UInt8]) -> Int {
        zip(a, b).reduce(0) { max($0, abs(Int($1.0) - Int($1.1))) }
    }

    /// Resizes `image` with every available build and expects each within one level of
    /// this reference, at the right size and layout.
    static func expectBuildsMatch(_ image: Image, _ width: Int, _ height: Int, _ options: ResizeOptions,
                                  _ label: String, sourceLocation: SourceLocation) throws {
        let reference = resized(image, width: width, height: height, options: options)
        for build in ResamplerBuild.allCases where build.isAvailable {
            let fast = try image.resized(width: width, height: height, options: options, build: build)
            #expect(fast.width == width && fast.height == height && fast.layout == image.layout, "\(label)", sourceLocation: sourceLocation)
            let difference = worst(packedBytes(fast), reference)
            #expect(difference <= 1, "\(label) \(build): largest difference \(difference)", sourceLocation: sourceLocation)
        }
    }
}
