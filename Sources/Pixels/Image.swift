/// An 8-bit raster image: geometry, pixel layout and contiguous pixel storage.
///
/// `Image` is a value: copies share storage until one of them is written to
/// (copy-on-write through the underlying array), so passing it between stages costs
/// nothing. Row `y` starts at byte `y * rowStride`; each row holds `width * channels`
/// meaningful bytes, and any bytes after them up to `rowStride` are padding.
public struct Image: Sendable, Equatable {
    /// Width in pixels (at least 1).
    public let width: Int
    /// Height in pixels (at least 1).
    public let height: Int
    /// How each pixel's samples are laid out.
    public let layout: PixelLayout
    /// Whether colour samples are premultiplied by alpha. Always `.straight` for layouts
    /// without alpha.
    public var alphaMode: AlphaMode
    /// Bytes from the start of one row to the start of the next.
    public let rowStride: Int
    /// The pixel bytes, `rowStride * height` of them.
    @inlinable public var pixels: [UInt8] { storage }
    @usableFromInline var storage: [UInt8]

    /// Samples per pixel.
    @inlinable public var channels: Int { layout.channels }
    /// Meaningful bytes per row (`width * channels`).
    @inlinable public var rowBytes: Int { width * layout.channels }
    /// Number of pixels.
    @inlinable public var pixelCount: Int { width * height }

    /// Wraps existing pixel bytes.
    /// - Parameters:
    ///   - width: Width in pixels, at least 1.
    ///   - height: Height in pixels, at least 1.
    ///   - layout: The pixel layout of `pixels`.
    ///   - alphaMode: Whether colour is premultiplied; ignored (straight) without alpha.
    ///   - rowStride: Bytes per row; `nil` means tightly packed (`width * channels`).
    ///   - pixels: At least `rowStride * height` bytes.
    /// - Throws: `PixelsError` when the geometry is invalid or the buffer too small.
    public init(
        width: Int, height: Int, layout: PixelLayout, alphaMode: AlphaMode = .straight,
        rowStride: Int? = nil, pixels: [UInt8]
    ) throws(PixelsError) {
        let stride = try Image.checkGeometry(width: width, height: height, layout: layout, rowStride: rowStride)
        let needed = stride * height
        guard pixels.count >= needed else { throw .bufferTooSmall(bytes: pixels.count, needed: needed) }
        self.width = width
        self.height = height
        self.layout = layout
        self.alphaMode = layout.hasAlpha ? alphaMode : .straight
        self.rowStride = stride
        self.storage = pixels.count == needed ? pixels : Array(pixels[0..<needed])
    }

    /// Creates an image with every byte set to `value`.
    /// - Throws: `PixelsError` when the geometry is invalid.
    public init(
        width: Int, height: Int, layout: PixelLayout, alphaMode: AlphaMode = .straight, filledWith value: UInt8 = 0
    ) throws(PixelsError) {
        let stride = try Image.checkGeometry(width: width, height: height, layout: layout, rowStride: nil)
        self.width = width
        self.height = height
        self.layout = layout
        self.alphaMode = layout.hasAlpha ? alphaMode : .straight
        self.rowStride = stride
        self.storage = [UInt8](repeating: value, count: stride * height)
    }

    /// Creates a tightly packed image whose bytes are written by `initializer`, without
    /// zero-filling them first. The initializer must write every byte.
    /// - Parameters:
    ///   - initializer: Receives the `rowStride * height` bytes to fill and the row stride.
    /// - Throws: `PixelsError` for invalid geometry, or what `initializer` throws.
    public init(
        width: Int, height: Int, layout: PixelLayout, alphaMode: AlphaMode = .straight,
        initializer: (UnsafeMutableRawBufferPointer, _ rowStride: Int) throws -> Void
    ) throws {
        let stride = try Image.checkGeometry(width: width, height: height, layout: layout, rowStride: nil)
        var thrown: (any Error)?
        let pixels = [UInt8](unsafeUninitializedCapacity: stride * height) { buffer, initialized in
            do {
                try initializer(UnsafeMutableRawBufferPointer(buffer), stride)
            } catch {
                buffer.initialize(repeating: 0)
                thrown = error
            }
            initialized = buffer.count
        }
        if let thrown { throw thrown }
        self.init(validWidth: width, height: height, layout: layout, alphaMode: alphaMode, rowStride: stride, pixels: pixels)
    }

    /// Creates a tightly packed image of a geometry known to be valid (derived from an
    /// existing image by an operation of this module), filled by `initializer`.
    @usableFromInline
    init(
        validWidth width: Int, height: Int, layout: PixelLayout, alphaMode: AlphaMode = .straight,
        fill initializer: (UnsafeMutableRawBufferPointer, _ rowStride: Int) -> Void
    ) {
        let stride = width * layout.channels
        let pixels = [UInt8](unsafeUninitializedCapacity: stride * height) { buffer, initialized in
            initializer(UnsafeMutableRawBufferPointer(buffer), stride)
            initialized = buffer.count
        }
        self.init(validWidth: width, height: height, layout: layout, alphaMode: alphaMode, rowStride: stride, pixels: pixels)
    }

    @usableFromInline
    init(validWidth width: Int, height: Int, layout: PixelLayout, alphaMode: AlphaMode, rowStride: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.layout = layout
        self.alphaMode = layout.hasAlpha ? alphaMode : .straight
        self.rowStride = rowStride
        self.storage = pixels
    }

    /// Validates a geometry and returns its row stride.
    /// - Throws: `PixelsError` when a dimension is below 1, the stride too short, or the
    ///   byte count overflows.
    public static func checkGeometry(
        width: Int, height: Int, layout: PixelLayout, rowStride: Int?
    ) throws(PixelsError) -> Int {
        guard width >= 1, height >= 1 else { throw .invalidSize(width: width, height: height) }
        let (row, o1) = width.multipliedReportingOverflow(by: layout.channels)
        guard !o1 else { throw .tooLarge(width: width, height: height) }
        let stride = rowStride ?? row
        guard stride >= row else { throw .invalidStride(stride: stride, minimum: row) }
        let (_, o2) = stride.multipliedReportingOverflow(by: height)
        guard !o2 else { throw .tooLarge(width: width, height: height) }
        return stride
    }

    /// Calls `body` with the pixel bytes.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(body)
    }

    /// Calls `body` with the pixel bytes for writing (copying them first if shared).
    @inlinable
    public mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeMutableBytes(body)
    }

    /// The samples of the pixel at (`x`, `y`), or `nil` outside the image. Meant for
    /// tests and diagnostics, not loops.
    public func pixel(x: Int, y: Int) -> [UInt8]? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let start = y * rowStride + x * channels
        return Array(pixels[start..<start + channels])
    }

    /// The image with rows packed tightly (`rowStride == width * channels`); the same
    /// image when it already is.
    public func packed() -> Image {
        guard rowStride != rowBytes else { return self }
        let rowBytes = self.rowBytes, stride = rowStride
        return Image(validWidth: width, height: height, layout: layout, alphaMode: alphaMode) { dst, _ in
            pixels.withUnsafeBytes { src in
                for y in 0..<height {
                    (dst.baseAddress! + y * rowBytes).copyMemory(from: src.baseAddress! + y * stride, byteCount: rowBytes)
                }
            }
        }
    }

    /// Two images are equal when they have the same geometry, layout, alpha mode and
    /// meaningful pixel bytes (row padding is not compared).
    public static func == (lhs: Image, rhs: Image) -> Bool {
        guard lhs.width == rhs.width, lhs.height == rhs.height, lhs.layout == rhs.layout,
              lhs.alphaMode == rhs.alphaMode else { return false }
        if lhs.rowStride == rhs.rowStride { return lhs.pixels == rhs.pixels || lhs.packedEqual(rhs) }
        return lhs.packedEqual(rhs)
    }

    private func packedEqual(_ other: Image) -> Bool {
        for y in 0..<height {
            let a = pixels[y * rowStride..<y * rowStride + rowBytes]
            let b = other.pixels[y * other.rowStride..<y * other.rowStride + rowBytes]
            if !a.elementsEqual(b) { return false }
        }
        return true
    }
}
