import DarkroomTestSupport
import Pixels
import Testing

/// `Image.oriented` against the EXIF definitions, written out as literal grids, and
/// against a naive reference built from quarter turns and mirrors.
@Suite struct OrientationTests {
    /// A 3×2 image whose pixels are labelled A…F (row-major):
    /// ```
    /// A B C
    /// D E F
    /// ```
    /// Each sample of pixel `label` is `label * 10 + channel`.
    static func labelled(_ layout: PixelLayout, rowStride: Int? = nil) throws -> Image {
        let c = layout.channels
        let stride = rowStride ?? 3 * c
        var bytes = [UInt8](repeating: 0xEE, count: stride * 2)
        for label in 0..<6 {
            let x = label % 3, y = label / 3
            for ch in 0..<c { bytes[y * stride + x * c + ch] = UInt8(label * 10 + ch) }
        }
        return try Image(width: 3, height: 2, layout: layout, rowStride: stride, pixels: bytes)
    }

    static let cases: [(Orientation, PixelLayout)] = Orientation.allCases.flatMap { o in
        PixelLayout.allCases.map { (o, $0) }
    }

    @Test(arguments: cases)
    func matchesTheExifDefinition(orientation: Orientation, layout: PixelLayout) throws {
        for stride in [nil, layout.channels * 3 + 5] {
            let image = try Self.labelled(layout, rowStride: stride)
            let out = image.oriented(orientation)
            let grid = try #require(OrientationGrid.upright[orientation])
            #expect(out.width == grid[0].count)
            #expect(out.height == grid.count)
            #expect(out.layout == layout)
            // `.up` hands back the very image; every other orientation packs its rows.
            #expect(out.rowStride == (orientation == .up ? image.rowStride : out.width * layout.channels))
            for (y, row) in grid.enumerated() {
                for (x, label) in row.enumerated() {
                    let expected = (0..<layout.channels).map { UInt8(label * 10 + $0) }
                    #expect(out.pixel(x: x, y: y) == expected, "\(orientation) \(layout) at (\(x), \(y))")
                }
            }
        }
    }

    // MARK: Naive reference on larger images

    /// Turns an image 90° clockwise, pixel by pixel.
    static func turnClockwise(_ image: Image) throws -> Image {
        let c = image.channels, w = image.width, h = image.height
        var out = [UInt8](repeating: 0, count: w * h * c)
        for y in 0..<w {
            for x in 0..<h {
                let source = try #require(image.pixel(x: y, y: h - 1 - x))
                for ch in 0..<c { out[(y * h + x) * c + ch] = source[ch] }
            }
        }
        return try Image(width: h, height: w, layout: image.layout, alphaMode: image.alphaMode, pixels: out)
    }

    /// Mirrors an image left to right (`horizontal`) or top to bottom.
    static func mirror(_ image: Image, horizontal: Bool) throws -> Image {
        let c = image.channels, w = image.width, h = image.height
        var out = [UInt8](repeating: 0, count: w * h * c)
        for y in 0..<h {
            for x in 0..<w {
                let source = try #require(image.pixel(x: horizontal ? w - 1 - x : x, y: horizontal ? y : h - 1 - y))
                for ch in 0..<c { out[(y * w + x) * c + ch] = source[ch] }
            }
        }
        return try Image(width: w, height: h, layout: image.layout, alphaMode: image.alphaMode, pixels: out)
    }

    static func reference(_ image: Image, _ o: Orientation) throws -> Image {
        switch o {
        case .up: return image
        case .upMirrored: return try mirror(image, horizontal: true)
        case .down: return try turnClockwise(turnClockwise(image))
        case .downMirrored: return try mirror(image, horizontal: false)
        case .leftMirrored: return try mirror(turnClockwise(image), horizontal: true)
        case .right: return try turnClockwise(image)
        case .rightMirrored: return try mirror(turnClockwise(image), horizontal: false)
        case .left: return try turnClockwise(turnClockwise(turnClockwise(image)))
        }
    }

    @Test(arguments: cases)
    func matchesTheReferenceOnPaddedNoise(orientation: Orientation, layout: PixelLayout) throws {
        // Sizes that cross the 64-pixel tiles unevenly, with padded rows.
        let w = 131, h = 70, c = layout.channels, stride = w * c + 7
        var state: UInt32 = 12345
        let bytes = (0..<stride * h).map { _ -> UInt8 in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
        let image = try Image(width: w, height: h, layout: layout, alphaMode: layout.hasAlpha ? .premultiplied : .straight,
                              rowStride: stride, pixels: bytes)
        let out = image.oriented(orientation)
        let expected = try Self.reference(image, orientation)
        #expect(out == expected)
        #expect(out.alphaMode == image.alphaMode)
    }

    @Test func inversesAndCompositionsHold() throws {
        let image = try Self.labelled(.rgb, rowStride: 13)
        // Mirrors and the transposes undo themselves.
        for o in [Orientation.upMirrored, .downMirrored, .down, .leftMirrored, .rightMirrored] {
            #expect(image.oriented(o).oriented(o) == image, "\(o)")
        }
        // A clockwise turn undoes a counter-clockwise one; two make a half turn.
        #expect(image.oriented(.right).oriented(.left) == image)
        #expect(image.oriented(.right).oriented(.right) == image.oriented(.down))
        #expect(image.oriented(.up) == image)
    }
}
