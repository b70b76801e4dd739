/// How to decode an image.
public struct DecodeOptions: Sendable, Equatable {
    /// Size limits checked against the header before allocating.
    public var limits: DecodeLimits
    /// JPEG only: decode at 1/1, 1/2, 1/4 or 1/8 size in the DCT domain (the fast
    /// path for thumbnails). Other formats ignore it.
    public var jpegScale: JPEGScale
    /// Apply the EXIF orientation so the image comes out upright (the default), or keep
    /// the stored pixel order.
    public var applyOrientation: Bool
    /// PNG only: which decoder reads the file.
    public var pngDecoder: PNGDecoderChoice

    /// Creates decode options.
    public init(
        limits: DecodeLimits = .default, jpegScale: JPEGScale = .full, applyOrientation: Bool = true,
        pngDecoder: PNGDecoderChoice = .automatic
    ) {
        self.limits = limits
        self.jpegScale = jpegScale
        self.applyOrientation = applyOrientation
        self.pngDecoder = pngDecoder
    }
}

/// Which PNG decoder to use.
public enum PNGDecoderChoice: String, Sendable, CaseIterable {
    /// The fast path where it applies, libpng otherwise (the default).
    case automatic
    /// Always libpng (the reference the fast path is tested against).
    case libpng
}

/// A JPEG DCT-domain scale factor.
public enum JPEGScale: Int, Sendable, CaseIterable {
    /// Full size.
    case full = 1
    /// One half.
    case half = 2
    /// One quarter.
    case quarter = 4
    /// One eighth.
    case eighth = 8

    /// The denominator of the scale (1, 2, 4 or 8).
    public var denominator: Int { rawValue }

    /// The size a side of `length` pixels decodes to (rounded up, as libjpeg does).
    public func scaled(_ length: Int) -> Int { (length + rawValue - 1) / rawValue }

    /// The largest reduction that keeps both sides at least `minWidth` × `minHeight`.
    public static func largest(fitting width: Int, _ height: Int, atLeast minWidth: Int, _ minHeight: Int) -> JPEGScale {
        for s in [JPEGScale.eighth, .quarter, .half] where s.scaled(width) >= minWidth && s.scaled(height) >= minHeight {
            return s
        }
        return .full
    }
}
