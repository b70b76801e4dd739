extension Image {
    /// The image with colour samples multiplied by alpha (rounded); the same image when
    /// it has no alpha or is already premultiplied.
    public func premultiplied() -> Image {
        guard layout.hasAlpha, alphaMode == .straight else { return self }
        return mapPixelsWithAlpha(to: .premultiplied) { c, a in UInt8((Int(c) * Int(a) + 127) / 255) }
    }

    /// The image with colour samples divided by alpha (rounded, clamped; fully
    /// transparent pixels become 0); the same image when it has no alpha or is straight.
    public func unpremultiplied() -> Image {
        guard layout.hasAlpha, alphaMode == .premultiplied else { return self }
        return mapPixelsWithAlpha(to: .straight) { c, a in
            a == 0 ? 0 : UInt8(min(255, (Int(c) * 255 + Int(a) / 2) / Int(a)))
        }
    }

    /// Composites the image over an opaque `background` and drops alpha (RGBA becomes
    /// RGB, gray+alpha becomes gray); the same image when it has no alpha.
    /// - Parameter background: The colour shown through transparent parts; its alpha
    ///   is ignored. Gray images use the colour's gray level.
    public func flattened(onto background: Colour = .white) -> Image {
        guard layout.hasAlpha else { return self }
        let straight = unpremultiplied()
        let outLayout = layout.removingAlpha
        let inChannels = channels, outChannels = outLayout.channels
        let bg: [Int] = background.samples(for: outLayout).map(Int.init)
        let srcStride = straight.rowStride
        return Image(validWidth: width, height: height, layout: outLayout) { dst, dstStride in
            straight.withUnsafeBytes { src in
                let s = src.bindMemory(to: UInt8.self), d = dst.bindMemory(to: UInt8.self)
                for y in 0..<height {
                    var si = y * srcStride, di = y * dstStride
                    for _ in 0..<width {
                        let a = Int(s[si + inChannels - 1])
                        for c in 0..<outChannels {
                            // Straight alpha over an opaque colour: c·a + bg·(255 − a), rounded.
                            d[di + c] = UInt8((Int(s[si + c]) * a + bg[c] * (255 - a) + 127) / 255)
                        }
                        si += inChannels
                        di += outChannels
                    }
                }
            }
        }
    }

    private func mapPixelsWithAlpha(to mode: AlphaMode, _ transform: (UInt8, UInt8) -> UInt8) -> Image {
        let n = channels, srcStride = rowStride
        return Image(validWidth: width, height: height, layout: layout, alphaMode: mode) { dst, dstStride in
            withUnsafeBytes { src in
                let s = src.bindMemory(to: UInt8.self), d = dst.bindMemory(to: UInt8.self)
                for y in 0..<height {
                    var si = y * srcStride, di = y * dstStride
                    for _ in 0..<width {
                        let a = s[si + n - 1]
                        for c in 0..<n - 1 { d[di + c] = transform(s[si + c], a) }
                        d[di + n - 1] = a
                        si += n
                        di += n
                    }
                }
            }
        }
    }
}
