import PixelKernels

extension Image {
    /// The image with `overlay` drawn over it (Porter–Duff source-over) with the overlay's
    /// top-left corner at (`x`, `y`), clipped to this image.
    ///
    /// The overlay is converted to this image's colour model first (gray ⇄ RGB); an
    /// overlay without alpha replaces the pixels it covers. Blending is done per pixel in
    /// floats with premultiplied alpha, and the result keeps this image's layout and alpha
    /// mode. Offsets may be negative or lie outside the image (nothing is drawn).
    /// - Parameters:
    ///   - overlay: The image drawn on top.
    ///   - x: Column of the overlay's left edge in this image.
    ///   - y: Row of the overlay's top edge in this image.
    public func composited(_ overlay: Image, x: Int, y: Int) -> Image {
        var out = self
        out.composite(overlay, x: x, y: y)
        return out
    }

    /// Draws `overlay` over this image in place, as `composited(_:x:y:)` returns it
    /// (without copying the whole image when its storage is not shared).
    /// - Parameters:
    ///   - overlay: The image drawn on top.
    ///   - x: Column of the overlay's left edge in this image.
    ///   - y: Row of the overlay's top edge in this image.
    public mutating func composite(_ overlay: Image, x: Int, y: Int) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x.addingReportingOverflow(overlay.width).overflow ? width : x + overlay.width)
        let y1 = min(height, y.addingReportingOverflow(overlay.height).overflow ? height : y + overlay.height)
        guard x0 < x1, y0 < y1 else { return }
        let n = channels, dstStride = rowStride
        if !overlay.layout.hasAlpha {
            // Opaque: the overlay's rows, in this layout, replace the covered pixels.
            let source = overlay.converted(to: layout)
            let srcStride = source.rowStride, count = (x1 - x0) * n
            withUnsafeMutableBytes { d in
                source.withUnsafeBytes { s in
                    for row in y0..<y1 {
                        (d.baseAddress! + row * dstStride + x0 * n)
                            .copyMemory(from: s.baseAddress! + (row - y) * srcStride + (x0 - x) * n, byteCount: count)
                    }
                }
            }
            return
        }
        let source = overlay.converted(to: layout.addingAlpha).unpremultiplied()
        let sn = source.channels, srcStride = source.rowStride
        let colours = sn - 1, canvasAlpha = layout.hasAlpha, premultipliedCanvas = alphaMode == .premultiplied
        withUnsafeMutableBytes { d in
            source.withUnsafeBytes { s in
                for row in y0..<y1 {
                    let dr = d.baseAddress!.assumingMemoryBound(to: UInt8.self) + row * dstStride
                    let sr = s.baseAddress!.assumingMemoryBound(to: UInt8.self) + (row - y) * srcStride
                    for col in x0..<x1 {
                        let sp = sr + (col - x) * sn, dp = dr + col * n
                        let sa = Float(sp[colours]) * (1 / 255)
                        if sa == 0 { continue }
                        let da: Float = canvasAlpha ? Float(dp[n - 1]) * (1 / 255) : 1
                        let oa = sa + da * (1 - sa)
                        for c in 0..<colours {
                            let sc = Float(sp[c]), dc = Float(dp[c])
                            let v: Float
                            if premultipliedCanvas {
                                v = sc * sa + dc * (1 - sa)
                            } else {
                                v = (sc * sa + dc * da * (1 - sa)) / oa
                            }
                            dp[c] = SampleConversion.sample(v)
                        }
                        if canvasAlpha { dp[n - 1] = SampleConversion.sample(oa * 255) }
                    }
                }
            }
        }
    }
}
