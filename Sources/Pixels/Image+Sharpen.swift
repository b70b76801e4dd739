extension Image {
    /// The image sharpened with an unsharp mask: each colour sample moves away from a
    /// Gaussian blur of itself, `out = in + amount · (in − blur)`, where the difference
    /// is at least `threshold` levels (smaller differences, such as noise in flat
    /// areas, are left alone). The blur is separable, radius `ceil(3 sigma)`, edges
    /// replicated. Red, green and blue (or gray) are sharpened each on its own, in the
    /// image's own (gamma-encoded) values, as ImageMagick's `-unsharp` and Pillow's
    /// `UnsharpMask` do; alpha is never changed, and premultiplied colour is kept at or
    /// below its alpha.
    /// - Parameters:
    ///   - sigma: Blur radius in pixels (standard deviation), e.g. 0.5–2. Not positive
    ///     or not finite: the image is returned unchanged.
    ///   - amount: Strength, 1 = 100 % the default;
    ///     clamped to −16…16, 0 returns the image unchanged.
    ///   - threshold: Minimum difference, in levels (0–255), that is sharpened.
    /// - Returns: A tightly packed image in the same layout and alpha mode.
    public func sharpened(sigma: Double = 1, amount: Double = 1, threshold: Int = 0) -> Image {
        guard sigma > 0, sigma.isFinite, amount.isFinite, amount != 0 else { return self }
        let weights = SharpenKernel.gaussianWeights(sigma: min(sigma, 100))
        let radius = weights.count / 2
        let n = channels, w = width, h = height, rowLength = rowBytes, stride = rowStride
        let hasAlpha = layout.hasAlpha, premultiplied = alphaMode == .premultiplied
        let gain = Float(max(-16, min(16, amount))), limit = Float(max(0, min(256, threshold)))
        // Horizontal pass: every row, edge-padded into floats, into `across`.
        var across = [Float](repeating: 0, count: rowLength * h)
        var padded = [Float](repeating: 0, count: (w + 2 * radius) * n)
        withUnsafeBytes { raw in
            let src = raw.bindMemory(to: UInt8.self)
            weights.withUnsafeBufferPointer { wts in
                padded.withUnsafeMutableBufferPointer { pad in
                    across.withUnsafeMutableBufferPointer { acr in
                        let padBase = UnsafePointer(pad.baseAddress!)
                        let taps = (0..<weights.count).map { padBase + $0 * n }
                        for y in 0..<h {
                            let row = y * stride
                            for x in 0..<(w + 2 * radius) {
                                let sx = min(w - 1, max(0, x - radius))
                                for c in 0..<n { pad[x * n + c] = Float(src[row + sx * n + c]) }
                            }
                            taps.withUnsafeBufferPointer { t in
                                SharpenKernel.weightedSum(t, weights: wts, into: acr.baseAddress! + y * rowLength, count: rowLength)
                            }
                        }
                    }
                }
            }
        }
        // Vertical pass per output row, then the mask's combine step.
        return Image(validWidth: w, height: h, layout: layout, alphaMode: alphaMode) { dst, dstStride in
            var blurRow = [Float](repeating: 0, count: rowLength)
            withUnsafeBytes { raw in
                let src = raw.bindMemory(to: UInt8.self)
                let out = dst.bindMemory(to: UInt8.self)
                weights.withUnsafeBufferPointer { wts in
                    across.withUnsafeBufferPointer { acr in
                        blurRow.withUnsafeMutableBufferPointer { blur in
                            var taps = [UnsafePointer<Float>](repeating: acr.baseAddress!, count: weights.count)
                            for y in 0..<h {
                                for k in 0..<weights.count {
                                    taps[k] = acr.baseAddress! + min(h - 1, max(0, y + k - radius)) * rowLength
                                }
                                taps.withUnsafeBufferPointer { t in
                                    SharpenKernel.weightedSum(t, weights: wts, into: blur.baseAddress!, count: rowLength)
                                }
                                let o = out.baseAddress! + y * dstStride, s = src.baseAddress! + y * stride
                                SharpenKernel.combine(source: s, blur: UnsafePointer(blur.baseAddress!), into: o,
                                                      count: rowLength, amount: gain, threshold: limit)
                                guard hasAlpha else { continue }
                                for x in 0..<w {
                                    let ai = x * n + n - 1
                                    o[ai] = s[ai]
                                    if premultiplied { for c in 0..<n - 1 { o[x * n + c] = min(o[x * n + c], s[ai]) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
