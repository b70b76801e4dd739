extension Image {
    /// The pixels of a rectangle of the image.
    /// - Parameters:
    ///   - x: Left edge, from 0.
    ///   - y: Top edge, from 0.
    ///   - width: Width of the region, at least 1.
    ///   - height: Height of the region, at least 1.
    /// - Throws: `PixelsError.regionOutOfBounds` when the rectangle is not inside the image.
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) throws(PixelsError) -> Image {
        guard x >= 0, y >= 0, w >= 1, h >= 1, x + w <= width, y + h <= height else {
            throw .regionOutOfBounds(x: x, y: y, width: w, height: h, imageWidth: width, imageHeight: height)
        }
        if x == 0, y == 0, w == width, h == height { return self }
        let n = channels, srcStride = rowStride
        return Image(validWidth: w, height: h, layout: layout, alphaMode: alphaMode) { dst, dstStride in
            withUnsafeBytes { src in
                for row in 0..<h {
                    (dst.baseAddress! + row * dstStride)
                        .copyMemory(from: src.baseAddress! + (y + row) * srcStride + x * n, byteCount: w * n)
                }
            }
        }
    }

    /// The image extended by borders of a solid colour.
    /// - Parameters:
    ///   - top: Rows added above (0 or more); likewise `left`, `bottom`, `right`.
    ///   - colour: The border colour, in the image's layout (premultiplied when the
    ///     image is).
    /// - Throws: `PixelsError.invalidSize` when a border is negative.
    public func padded(top: Int, left: Int, bottom: Int, right: Int, colour: Colour = .black) throws(PixelsError) -> Image {
        guard top >= 0, left >= 0, bottom >= 0, right >= 0 else {
            throw .invalidSize(width: min(left, right), height: min(top, bottom))
        }
        if top == 0, left == 0, bottom == 0, right == 0 { return self }
        let outW = width + left + right, outH = height + top + bottom
        _ = try Image.checkGeometry(width: outW, height: outH, layout: layout, rowStride: nil)
        var fill = colour.samples(for: layout)
        if alphaMode == .premultiplied, layout.hasAlpha {
            let a = Int(fill[fill.count - 1])
            for c in 0..<fill.count - 1 { fill[c] = UInt8((Int(fill[c]) * a + 127) / 255) }
        }
        let n = channels, srcStride = rowStride, rowBytes = self.rowBytes
        return Image(validWidth: outW, height: outH, layout: layout, alphaMode: alphaMode) { dst, dstStride in
            // One row of the border colour, copied wherever the border shows.
            let borderRow = [UInt8]((0..<outW).flatMap { _ in fill })
            borderRow.withUnsafeBytes { border in
                withUnsafeBytes { src in
                    for row in 0..<outH {
                        let base = dst.baseAddress! + row * dstStride
                        let inside = row >= top && row < top + height
                        if !inside {
                            base.copyMemory(from: border.baseAddress!, byteCount: outW * n)
                            continue
                        }
                        base.copyMemory(from: border.baseAddress!, byteCount: left * n)
                        (base + left * n).copyMemory(from: src.baseAddress! + (row - top) * srcStride, byteCount: rowBytes)
                        (base + (left + width) * n).copyMemory(from: border.baseAddress!, byteCount: right * n)
                    }
                }
            }
        }
    }
}
