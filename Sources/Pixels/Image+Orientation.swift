extension Image {
    /// The image turned and mirrored so that a picture stored with EXIF orientation `o`
    /// displays upright: `.right` turns it 90° clockwise, `.left` 90° counter-clockwise,
    /// `.down` 180°, and the mirrored cases flip it as EXIF defines.
    ///
    /// Works for every layout, reads rows at any `rowStride` and returns a tightly packed
    /// image (the same image for `.up`). Orientations 5–8 swap width and height.
    /// - Parameter o: The orientation the pixels are stored in.
    /// - Returns: The upright image.
    public func oriented(_ o: Orientation) -> Image {
        if o == .up { return self }
        let w = width, h = height, c = channels, stride = rowStride
        // Output pixel (x, y) reads the stored pixel at byte offset
        // start + x * stepX + y * stepY.
        let start: Int, stepX: Int, stepY: Int
        switch o {
        case .up: (start, stepX, stepY) = (0, c, stride)
        case .upMirrored: (start, stepX, stepY) = ((w - 1) * c, -c, stride)
        case .down: (start, stepX, stepY) = ((h - 1) * stride + (w - 1) * c, -c, -stride)
        case .downMirrored: (start, stepX, stepY) = ((h - 1) * stride, c, -stride)
        case .leftMirrored: (start, stepX, stepY) = (0, stride, c)
        case .right: (start, stepX, stepY) = ((h - 1) * stride, -stride, c)
        case .rightMirrored: (start, stepX, stepY) = ((h - 1) * stride + (w - 1) * c, -stride, -c)
        case .left: (start, stepX, stepY) = ((w - 1) * c, stride, -c)
        }
        let (outW, outH) = o.swapsDimensions ? (h, w) : (w, h)
        return Image(validWidth: outW, height: outH, layout: layout, alphaMode: alphaMode) { dst, outStride in
            pixels.withUnsafeBytes { src in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                let origin = s + start
                switch c {
                case 1: Self.remap(UInt8.self, origin, stepX, stepY, d, outStride, outW, outH)
                case 2: Self.remap(UInt16.self, origin, stepX, stepY, d, outStride, outW, outH)
                case 3: Self.remap((UInt8, UInt8, UInt8).self, origin, stepX, stepY, d, outStride, outW, outH)
                default: Self.remap(UInt32.self, origin, stepX, stepY, d, outStride, outW, outH)
                }
            }
        }
    }

    /// Copies pixels of type `P` (one whole pixel, 1–4 bytes) from `origin + x * stepX + y * stepY`
    /// to output (x, y), in square tiles so that turned reads stay in cache.
    @inline(__always)
    private static func remap<P: BitwiseCopyable>(
        _: P.Type, _ origin: UnsafeRawPointer, _ stepX: Int, _ stepY: Int,
        _ dst: UnsafeMutableRawPointer, _ outStride: Int, _ outW: Int, _ outH: Int
    ) {
        let size = MemoryLayout<P>.size
        let tile = 64
        var ty = 0
        while ty < outH {
            let yEnd = min(ty + tile, outH)
            var tx = 0
            while tx < outW {
                let xEnd = min(tx + tile, outW)
                for y in ty..<yEnd {
                    let row = dst + y * outStride
                    var from = origin + y * stepY + tx * stepX
                    for x in tx..<xEnd {
                        row.storeBytes(of: from.loadUnaligned(as: P.self), toByteOffset: x * size, as: P.self)
                        from += stepX
                    }
                }
                tx = xEnd
            }
            ty = yEnd
        }
    }
}
