/// The eight EXIF orientations (TIFF tag 0x0112): how the stored pixels must be
/// transformed to display upright.
public enum Orientation: Int, Sendable, CaseIterable, Codable {
    /// Stored upright (1).
    case up = 1
    /// Mirrored left to right (2).
    case upMirrored = 2
    /// Rotated 180° (3).
    case down = 3
    /// Mirrored top to bottom (4).
    case downMirrored = 4
    /// Mirrored along the main diagonal (transpose) (5).
    case leftMirrored = 5
    /// Needs a 90° clockwise turn to display (6).
    case right = 6
    /// Mirrored along the anti-diagonal (transverse) (7).
    case rightMirrored = 7
    /// Needs a 90° counter-clockwise turn to display (8).
    case left = 8

    /// Whether displaying upright swaps width and height.
    public var swapsDimensions: Bool { rawValue >= 5 }
}
