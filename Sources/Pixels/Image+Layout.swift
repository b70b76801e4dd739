extension Image {
    /// The image in another layout: gray is replicated into RGB, RGB is reduced to gray
    /// with Rec. 601 weights, alpha is added as opaque, and alpha is removed by
    /// flattening onto `background`.
    /// - Parameters:
    ///   - target: The layout wanted.
    ///   - background: Used only when alpha is removed.
    /// - Returns: The same image when it is already in `target`.
    public func converted(to target: PixelLayout, background: Colour = .white) -> Image {
        if target == layout { return self }
        var source = self
        if layout.hasAlpha && !target.hasAlpha { source = flattened(onto: background) }
        if source.layout == target { return source }
        let straight = source.unpremultiplied()
        let inLayout = straight.layout, inN = inLayout.channels, outN = target.channels
        let srcStride = straight.rowStride
        return Image(validWidth: width, height: height, layout: target, alphaMode: .straight) { dst, dstStride in
            straight.withUnsafeBytes { src in
                let s = src.bindMemory(to: UInt8.self), d = dst.bindMemory(to: UInt8.self)
                for y in 0..<height {
                    var si = y * srcStride, di = y * dstStride
                    for _ in 0..<width {
                        let alpha: UInt8 = inLayout.hasAlpha ? s[si + inN - 1] : 255
                        if inLayout.isColour == target.isColour {
                            for c in 0..<(target.isColour ? 3 : 1) { d[di + c] = s[si + c] }
                        } else if target.isColour {
                            let g = s[si]
                            d[di] = g; d[di + 1] = g; d[di + 2] = g
                        } else {
                            d[di] = Colour.luma(s[si], s[si + 1], s[si + 2])
                        }
                        if target.hasAlpha { d[di + outN - 1] = alpha }
                        si += inN
                        di += outN
                    }
                }
            }
        }
    }
}
