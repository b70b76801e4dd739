/// How the samples of one pixel are laid out in memory. Every sample is 8 bits.
public enum PixelLayout: String, Sendable, CaseIterable, Codable {
    /// One luminance sample.
    case gray
    /// Luminance then alpha.
    case grayAlpha
    /// Red, green, blue.
    case rgb
    /// Red, green, blue, alpha.
    case rgba

    /// Samples (bytes) per pixel.
    @inlinable public var channels: Int {
        switch self {
        case .gray: 1
        case .grayAlpha: 2
        case .rgb: 3
        case .rgba: 4
        }
    }

    /// Whether the last sample of each pixel is alpha.
    @inlinable public var hasAlpha: Bool { self == .grayAlpha || self == .rgba }

    /// Whether the colour samples are red, green and blue (rather than one luminance).
    @inlinable public var isColour: Bool { self == .rgb || self == .rgba }

    /// The layout with the same colour samples and alpha added.
    public var addingAlpha: PixelLayout { isColour ? .rgba : .grayAlpha }

    /// The layout with the same colour samples and alpha removed.
    public var removingAlpha: PixelLayout { isColour ? .rgb : .gray }

    /// The layout whose colour model is `colour` (RGB when true, gray when false) and
    /// whose alpha is `alpha`.
    public init(colour: Bool, alpha: Bool) {
        switch (colour, alpha) {
        case (false, false): self = .gray
        case (false, true): self = .grayAlpha
        case (true, false): self = .rgb
        case (true, true): self = .rgba
        }
    }
}

/// Whether colour samples of a layout with alpha are already multiplied by alpha.
public enum AlphaMode: String, Sendable, Codable {
    /// Colour samples are independent of alpha (as PNG, WebP and most files store them).
    case straight
    /// Colour samples have been multiplied by alpha / 255 (what compositing and
    /// resampling want).
    case premultiplied
}
