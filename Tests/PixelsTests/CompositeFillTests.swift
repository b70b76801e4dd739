import Pixels
import Testing

/// `composited(_:x:y:)` and `filled(_:x:y:width:height:)` against plain float64 formulas.
@Suite struct CompositeFillTests {
    static func random(_ w: Int, _ h: Int, _ layout: PixelLayout, seed: UInt32) throws -> Image {
        var s = seed
        let bytes = (0..<(w * h * layout.channels)).map { _ -> UInt8 in
            s = s &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: s >> 24)
        }
        return try Image(width: w, height: h, layout: layout, pixels: bytes)
    }

    /// Source-over of straight-alpha `overlay` onto `canvas`, in doubles.
    static func reference(canvas: Image, overlay: Image, x: Int, y: Int) -> [UInt8] {
        var out = canvas.packed().pixels
        let n = canvas.channels, on = overlay.channels
        for oy in 0..<overlay.height {
            for ox in 0..<overlay.width {
                let cx = x + ox, cy = y + oy
                guard cx >= 0, cy >= 0, cx < canvas.width, cy < canvas.height else { continue }
                let sp = overlay.pixel(x: ox, y: oy)!
                let sa = overlay.layout.hasAlpha ? Double(sp[on - 1]) / 255 : 1
                let colour = overlay.layout.isColour ? Array(sp[0..<3]) : [sp[0], sp[0], sp[0]]
                let o = (cy * canvas.width + cx) * n
                let da = canvas.layout.hasAlpha ? Double(out[o + n - 1]) / 255 : 1
                let oa = sa + da * (1 - sa)
                let source: [Double] = canvas.layout.isColour ? colour.map(Double.init)
                    : [Double(Colour.luma(colour[0], colour[1], colour[2]))]
                for c in 0..<source.count {
                    let v = oa > 0 ? (source[c] * sa + Double(out[o + c]) * da * (1 - sa)) / oa : 0
                    out[o + c] = UInt8((v + 0.5).rounded(.down))
                }
                if canvas.layout.hasAlpha { out[o + n - 1] = UInt8((oa * 255 + 0.5).rounded(.down)) }
            }
        }
        return out
    }

    @Test(arguments: PixelLayout.allCases)
    func sourceOverMatchesReference(canvasLayout: PixelLayout) throws {
        let canvas = try Self.random(31, 17, canvasLayout, seed: 7)
        for overlayLayout in PixelLayout.allCases {
            let overlay = try Self.random(12, 9, overlayLayout, seed: 99)
            for (x, y) in [(3, 4), (-5, -2), (25, 12), (0, 0), (-12, 0), (31, 3)] {
                let fast = canvas.composited(overlay, x: x, y: y)
                #expect(fast.layout == canvasLayout && fast.width == 31 && fast.height == 17)
                let worst = ResampleReference.worst(fast.packed().pixels, Self.reference(canvas: canvas, overlay: overlay, x: x, y: y))
                #expect(worst <= 1, "\(overlayLayout) on \(canvasLayout) at (\(x), \(y)): difference \(worst)")
            }
        }
    }

    @Test func premultipliedCanvasStaysPremultiplied() throws {
        let canvas = try Self.random(20, 20, .rgba, seed: 3)
        let overlay = try Self.random(8, 8, .rgba, seed: 5)
        let viaPremultiplied = canvas.premultiplied().composited(overlay, x: 6, y: 6)
        #expect(viaPremultiplied.alphaMode == .premultiplied)
        let straight = canvas.composited(overlay, x: 6, y: 6).premultiplied()
        // Two roundings apart at most (premultiply before versus after blending).
        #expect(ResampleReference.worst(viaPremultiplied.pixels, straight.pixels) <= 2)
    }

    @Test func opaqueOverlayIsCopied() throws {
        let canvas = try Image(width: 40, height: 30, layout: .rgb, filledWith: 255)
        let cell = try Self.random(10, 10, .rgb, seed: 11)
        let out = canvas.composited(cell, x: 8, y: 8)
        #expect(try out.cropped(x: 8, y: 8, width: 10, height: 10) == cell)
        #expect(out.pixel(x: 7, y: 8) == [255, 255, 255] && out.pixel(x: 18, y: 17) == [255, 255, 255])
    }

    @Test func fillWritesTheClippedRectangle() throws {
        let image = try Self.random(16, 12, .rgba, seed: 1)
        let colour = Colour(red: 10, green: 20, blue: 30, alpha: 128)
        let out = image.filled(colour, x: -3, y: 10, width: 6, height: 5)
        for y in 0..<12 {
            for x in 0..<16 {
                let inside = x < 3 && y >= 10
                #expect(out.pixel(x: x, y: y) == (inside ? [10, 20, 30, 128] : image.pixel(x: x, y: y)), "(\(x), \(y))")
            }
        }
        let premultiplied = image.premultiplied().filled(colour)
        #expect(premultiplied.pixel(x: 5, y: 5) == [5, 10, 15, 128])
        let gray = try Image(width: 4, height: 4, layout: .gray, filledWith: 0).filled(.white, x: 1, y: 1, width: 2, height: 2)
        #expect(gray.pixels == [0, 0, 0, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 0, 0, 0])
        #expect(image.filled(colour, x: 16, y: 0) == image)
        #expect(image.filled(colour, x: 0, y: 0, width: 0, height: 4) == image)
    }
}
