/// Upper bounds on the size of an image that a decoder will allocate, checked against
/// the header before any pixel memory is reserved.
public struct DecodeLimits: Sendable, Equatable, CustomStringConvertible {
    /// Largest accepted width in pixels.
    public var maxWidth: Int
    /// Largest accepted height in pixels.
    public var maxHeight: Int
    /// Largest accepted width × height.
    public var maxPixels: Int

    /// 16384 × 16384 and 100 megapixels.
    public static let `default` = DecodeLimits(maxWidth: 16384, maxHeight: 16384, maxPixels: 100_000_000)

    /// Creates limits.
    /// - Parameters:
    ///   - maxWidth: Largest width.
    ///   - maxHeight: Largest height.
    ///   - maxPixels: Largest pixel count.
    public init(maxWidth: Int, maxHeight: Int, maxPixels: Int) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxPixels = maxPixels
    }

    /// Checks a header's claimed size.
    /// - Throws: `DecodeError.zeroDimension` or `.exceedsLimits`.
    public func check(width: Int, height: Int, format: ImageFormat) throws(DecodeError) {
        guard width > 0, height > 0 else { throw .zeroDimension(format, width: width, height: height) }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard width <= maxWidth, height <= maxHeight, !overflow, pixels <= maxPixels else {
            throw .exceedsLimits(format, width: width, height: height, limits: self)
        }
    }

    public var description: String {
        let mp = Double(maxPixels) / 1_000_000
        let mpText = mp == mp.rounded() ? String(Int(mp)) : String(mp)
        return "\(maxWidth)x\(maxHeight) and \(mpText) megapixels"
    }
}
