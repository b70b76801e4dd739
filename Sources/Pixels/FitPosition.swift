/// Which part of the image `FitMode.cover` keeps (sharp's `position`), and where
/// `FitMode.contain` places the image inside its letterbox.
public enum FitPosition: String, Sendable, CaseIterable, Codable {
    /// The middle (the default).
    case centre
    /// Top edge, centred horizontally.
    case north
    /// Top-right corner.
    case northeast
    /// Right edge, centred vertically.
    case east
    /// Bottom-right corner.
    case southeast
    /// Bottom edge, centred horizontally.
    case south
    /// Bottom-left corner.
    case southwest
    /// Left edge, centred vertically.
    case west
    /// Top-left corner.
    case northwest
    /// Cover only: the window whose luminance histogram has the highest Shannon entropy
    /// (the busiest part of the picture). `contain` treats it as `centre`.
    case entropy
    /// Cover only: the window with the most "interest" — luminance edges, colour
    /// saturation and skin tones, a simplified form of libvips' attention heuristic.
    /// `contain` treats it as `centre`.
    case attention

    /// Parses a name: the cases, plus `center` and the `top`/`bottom`/`left`/`right`
    /// spellings of sharp (`top` = north, `right top` or `top-right` = northeast, …).
    /// - Returns: `nil` for anything else.
    public init?(name: String) {
        let s = name.lowercased().replacingDashesAndSpaces()
        if let direct = FitPosition(rawValue: s) { self = direct; return }
        switch s {
        case "center": self = .centre
        case "top": self = .north
        case "bottom": self = .south
        case "left": self = .west
        case "right": self = .east
        case "topright", "righttop": self = .northeast
        case "topleft", "lefttop": self = .northwest
        case "bottomright", "rightbottom": self = .southeast
        case "bottomleft", "leftbottom": self = .southwest
        default: return nil
        }
    }

    /// Where along each axis this position puts a window: 0 start, 1 middle, 2 end.
    /// Content-based positions fall back to the middle.
    var anchors: (x: Int, y: Int) {
        switch self {
        case .centre, .entropy, .attention: (1, 1)
        case .north: (1, 0)
        case .northeast: (2, 0)
        case .east: (2, 1)
        case .southeast: (2, 2)
        case .south: (1, 2)
        case .southwest: (0, 2)
        case .west: (0, 1)
        case .northwest: (0, 0)
        }
    }
}

extension String {
    fileprivate func replacingDashesAndSpaces() -> String { String(filter { $0 != "-" && $0 != " " && $0 != "_" }) }
}
