extension Image {
    /// The image resampled to exactly `newWidth` × `newHeight`.
    /// - Parameters:
    ///   - newWidth: Output width, at least 1.
    ///   - newHeight: Output height, at least 1.
    ///   - options: Filter, linear light, premultiplied alpha, reducing gap.
    /// - Throws: `PixelsError.invalidSize` for a size below 1.
    public func resized(width newWidth: Int, height newHeight: Int, options: ResizeOptions) throws(PixelsError) -> Image {
        try resized(width: newWidth, height: newHeight, kernel: options.kernel)
    }

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
        let horizontal = ResampleWeights(inSize: width, outSize: newWidth, kernel: kernel)
        let vertical = ResampleWeights(inSize: height, outSize: newHeight, kernel: kernel)
        let n = channels, srcStride = rowStride
        // Straight alpha is premultiplied on the fly, in float, and divided out at the
        // end, so no precision is lost to an 8-bit premultiplied intermediate.
        let premultiply = layout.hasAlpha && alphaMode == .straight
        let alphaIndex = n - 1
        // Pass 1: horizontal, every source row into floats.
        var mid = [Float](repeating: 0, count: newWidth * n * height)
        withUnsafeBytes { src in
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
                                    let p = row + (start + t) * n
                                    var v = Float(s[p + c])
                                    if premultiply && c != alphaIndex { v *= Float(s[p + alphaIndex]) * (1 / 255) }
                                    acc += w[wb + t] * v
                                }
                                m[out + x * n + c] = acc
                            }
                        }
                    }
                }
            }
        }
        // Pass 2: vertical, un-premultiplied if needed, rounded and clamped to 8 bits.
        let rowLength = newWidth * n
        return Image(validWidth: newWidth, height: newHeight, layout: layout, alphaMode: alphaMode) { dst, dstStride in
            let d = dst.bindMemory(to: UInt8.self)
            var line = [Float](repeating: 0, count: rowLength)
            mid.withUnsafeBufferPointer { m in
                vertical.weights.withUnsafeBufferPointer { w in
                    for y in 0..<newHeight {
                        let start = Int(vertical.starts[y]), wb = y * vertical.taps
                        for i in 0..<rowLength {
                            var acc: Float = 0
                            for t in 0..<vertical.taps { acc += w[wb + t] * m[(start + t) * rowLength + i] }
                            line[i] = acc
                        }
                        if premultiply {
                            for x in 0..<newWidth {
                                let a = max(0, min(255, line[x * n + alphaIndex]))
                                let scale: Float = a > 0 ? 255 / a : 0
                                for c in 0..<alphaIndex { line[x * n + c] = min(line[x * n + c], a) * scale }
                            }
                        }
                        for i in 0..<rowLength { d[y * dstStride + i] = UInt8(max(0, min(255, line[i].rounded()))) }
                    }
                }
            }
        }
    }
}
