/// An 8-bit sRGB colour with straight alpha.
public struct Colour: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Red.
    public var red: UInt8
    /// Green.
    public var green: UInt8
    /// Blue.
    public var blue: UInt8
    /// Alpha (255 opaque).
    public var alpha: UInt8

    /// Creates a colour.
    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// Opaque white.
    public static let white = Colour(red: 255, green: 255, blue: 255)
    /// Opaque black.
    public static let black = Colour(red: 0, green: 0, blue: 0)
    /// Fully transparent black.
    public static let transparent = Colour(red: 0, green: 0, blue: 0, alpha: 0)

    private static let names: [String: Colour] = [
        "white": .white, "black": .black, "transparent": .transparent,
        "red": Colour(red: 255, green: 0, blue: 0), "green": Colour(red: 0, green: 128, blue: 0),
        "lime": Colour(red: 0, green: 255, blue: 0), "blue": Colour(red: 0, green: 0, blue: 255),
        "gray": Colour(red: 128, green: 128, blue: 128), "grey": Colour(red: 128, green: 128, blue: 128),
        "silver": Colour(red: 192, green: 192, blue: 192), "yellow": Colour(red: 255, green: 255, blue: 0),
        "cyan": Colour(red: 0, green: 255, blue: 255), "magenta": Colour(red: 255, green: 0, blue: 255),
        "orange": Colour(red: 255, green: 165, blue: 0), "purple": Colour(red: 128, green: 0, blue: 128),
        "navy": Colour(red: 0, green: 0, blue: 128), "teal": Colour(red: 0, green: 128, blue: 128),
        "maroon": Colour(red: 128, green: 0, blue: 0), "olive": Colour(red: 128, green: 128, blue: 0),
    ]

    /// Parses `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa` (the `#` optional), `rgb(r, g, b)`,
    /// `rgba(r, g, b, a)` with `a` from 0 to 1, or a CSS basic colour name.
    /// - Returns: `nil` when the text is none of those.
    public init?(parsing text: String) {
        let s = text.trimmingSpaces().lowercased()
        if let named = Colour.names[s] { self = named; return }
        if s.hasPrefix("rgb(") || s.hasPrefix("rgba(") {
            guard s.hasSuffix(")"), let open = s.firstIndex(of: "(") else { return nil }
            let parts = s[s.index(after: open)..<s.index(before: s.endIndex)].split(separator: ",").map { String($0).trimmingSpaces() }
            guard parts.count == 3 || parts.count == 4 else { return nil }
            var channels: [UInt8] = []
            for part in parts.prefix(3) {
                guard let v = Int(part), (0...255).contains(v) else { return nil }
                channels.append(UInt8(v))
            }
            var alpha: UInt8 = 255
            if parts.count == 4 {
                guard let a = Double(parts[3]), (0...1).contains(a) else { return nil }
                alpha = UInt8((a * 255).rounded())
            }
            self.init(red: channels[0], green: channels[1], blue: channels[2], alpha: alpha)
            return
        }
        let hex = s.hasPrefix("#") ? String(s.dropFirst()) : s
        guard [3, 4, 6, 8].contains(hex.count), hex.allSatisfy(\.isHexDigit) else { return nil }
        var values: [UInt8] = []
        if hex.count <= 4 {
            for c in hex { guard let v = UInt8(String(c), radix: 16) else { return nil }; values.append(v * 17) }
        } else {
            var i = hex.startIndex
            while i < hex.endIndex {
                let j = hex.index(i, offsetBy: 2)
                guard let v = UInt8(hex[i..<j], radix: 16) else { return nil }
                values.append(v)
                i = j
            }
        }
        self.init(red: values[0], green: values[1], blue: values[2], alpha: values.count == 4 ? values[3] : 255)
    }

    /// The colour's luminance as one gray level (Rec. 601 weights, as libjpeg and
    /// Pillow convert RGB to gray).
    public var grayLevel: UInt8 { Colour.luma(red, green, blue) }

    /// Rec. 601 luma of an RGB triple, rounded.
    @inlinable
    public static func luma(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let weighted: Int = 299 * Int(r) + 587 * Int(g) + 114 * Int(b)
        return UInt8((weighted + 500) / 1000)
    }

    /// The samples of this colour in `layout`.
    public func samples(for layout: PixelLayout) -> [UInt8] {
        switch layout {
        case .gray: [grayLevel]
        case .grayAlpha: [grayLevel, alpha]
        case .rgb: [red, green, blue]
        case .rgba: [red, green, blue, alpha]
        }
    }

    /// `#rrggbb`, or `#rrggbbaa` when not opaque.
    public var description: String {
        func hex(_ v: UInt8) -> String { let s = String(v, radix: 16); return s.count == 1 ? "0" + s : s }
        return "#" + hex(red) + hex(green) + hex(blue) + (alpha == 255 ? "" : hex(alpha))
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
