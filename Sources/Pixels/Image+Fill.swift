extension Image {
    /// The image with a rectangle set to `colour`, clipped to the image.
    ///
    /// The colour replaces the pixels (it is not blended): in layouts with alpha its alpha
    /// is stored too (premultiplied when the image is), in gray layouts its gray level is
    /// used, and in layouts without alpha its alpha is ignored. Draw a translucent colour
    /// over an image by compositing a filled image instead.
    /// - Parameters:
    ///   - colour: The colour written.
    ///   - x: Left column of the rectangle (may be negative).
    ///   - y: Top row of the rectangle (may be negative).
    ///   - width: Rectangle width in pixels; `nil` reaches to the right edge.
    ///   - height: Rectangle height in pixels; `nil` reaches to the bottom edge.
    public func filled(_ colour: Colour, x: Int = 0, y: Int = 0, width rectWidth: Int? = nil, height rectHeight: Int? = nil) -> Image {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = rectWidth.map { x.addingReportingOverflow($0).overflow ? width : min(width, x + $0) } ?? width
        let y1 = rectHeight.map { y.addingReportingOverflow($0).overflow ? height : min(height, y + $0) } ?? height
        guard x0 < x1, y0 < y1 else { return self }
        var samples = colour.samples(for: layout)
        if layout.hasAlpha && alphaMode == .premultiplied {
            let a = Int(samples[samples.count - 1])
            for c in 0..<samples.count - 1 { samples[c] = UInt8((Int(samples[c]) * a + 127) / 255) }
        }
        let n = channels, stride = rowStride, count = (x1 - x0) * n
        // One row of the colour, then copied into every row of the rectangle.
        var pattern = [UInt8](repeating: 0, count: count)
        for i in 0..<count { pattern[i] = samples[i % n] }
        var out = self
        out.withUnsafeMutableBytes { d in
            pattern.withUnsafeBytes { p in
                for row in y0..<y1 { (d.baseAddress! + row * stride + x0 * n).copyMemory(from: p.baseAddress!, byteCount: count) }
            }
        }
        return out
    }
}
