extension Image {
    /// The image resampled to exactly `newWidth` × `newHeight` with a separable filter.
    /// Alpha layouts are resampled premultiplied (so transparent pixels do not bleed
    /// their colour into edges) and returned in the image's own alpha mode.
    /// - Parameters:
    ///   - newWidth: Output width, at least 1.
    ///   - newHeight: Output height, at least 1.
    ///   - kernel: The filter; Lanczos3 by default.
    /// - Throws: `PixelsError.invalidSize` for a size below 1.
    public func resized(width newWidth: Int, height newHeight: Int, kernel: ResamplingKernel = .lanczos3) throws(PixelsError) -> Image {
        _ = try Image.checkGeometry(width: newWidth, height: newHeight, layout: layout, rowStride: nil)
        if newWidth == width && newHeight == height { return self }
        let wasStraight = layout.hasAlpha && alphaMode == .straight
        let source = wasStraight ? premultiplied() : self
        let horizontal = ResampleWeights(inSize: width, outSize: newWidth, kernel: kernel)
        let vertical = ResampleWeights(inSize: height, outSize: newHeight, kernel: kernel)
        let n = channels, srcStride = source.rowStride
        // Pass 1: horizontal, every source row into floats.
        var mid = [Float](repeating: 0, count: newWidth * n * height)
        source.withUnsafeBytes { src in
            let s = src.bindMemory(to: UInt8.self)
            mid.withUnsafeMutableBufferPointer { m in
                horizontal.weights.withUnsafeBufferPointer { w in
                    for y in 0..<height {
                        let row = y * srcStride, out = y * newWidth * n
                        for x in 0..<newWidth {
                            let start = Int(horizontal.starts[x]), wb = x * horizontal.taps
                            for c in 0..<n {
                                var acc: Float = 0
                                for t in 0..<horizontal.taps {
                                    acc += w[wb + t] * Float(s[row + (start + t) * n + c])
                                }
                                m[out + x * n + c] = acc
                            }
                        }
                    }
                }
            }
        }
        // Pass 2: vertical, rounded and clamped to 8 bits.
        let rowLength = newWidth * n
        let result = Image(validWidth: newWidth, height: newHeight, layout: layout, alphaMode: source.alphaMode) { dst, dstStride in
            let d = dst.bindMemory(to: UInt8.self)
            mid.withUnsafeBufferPointer { m in
                vertical.weights.withUnsafeBufferPointer { w in
                    for y in 0..<newHeight {
                        let start = Int(vertical.starts[y]), wb = y * vertical.taps
                        for i in 0..<rowLength {
                            var acc: Float = 0
                            for t in 0..<vertical.taps { acc += w[wb + t] * m[(start + t) * rowLength + i] }
                            d[y * dstStride + i] = UInt8(max(0, min(255, acc.rounded())))
                        }
                    }
                }
            }
        }
        return wasStraight ? result.clampedPremultiplied().unpremultiplied() : result
    }

    /// Premultiplied colour can overshoot alpha after a ringing filter; clamp it.
    private func clampedPremultiplied() -> Image {
        guard layout.hasAlpha else { return self }
        var copy = self
        let n = channels, stride = rowStride, w = width, h = height
        copy.withUnsafeMutableBytes { buffer in
            let p = buffer.bindMemory(to: UInt8.self)
            for y in 0..<h {
                var i = y * stride
                for _ in 0..<w {
                    let a = p[i + n - 1]
                    for c in 0..<n - 1 where p[i + c] > a { p[i + c] = a }
                    i += n
                }
            }
        }
        return copy
    }
}
