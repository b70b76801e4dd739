/// How a model sizes its images.
public struct SizeRule: Sendable, Equatable, Hashable, Codable {
    /// Width and height must be multiples of this (8 as documented; FLUX works in 16 and
    /// silently rounds other sizes down).
    public var multiple: Int
    /// The only `WIDTHxHEIGHT` sizes the model accepts, when it has a fixed list.
    public var sizes: [String]?
    /// The accepted `aspect_ratio` values, for models sized by ratio.
    public var aspectRatios: [String]?
    /// The size used when none is sent, as `WIDTHxHEIGHT`.
    public var defaultSize: String

    /// Creates a size rule.
    /// - Parameters:
    ///   - multiple: Required multiple of width and height.
    ///   - sizes: A fixed list of `WIDTHxHEIGHT` sizes, if any.
    ///   - aspectRatios: Accepted aspect ratios, if the model takes them.
    ///   - defaultSize: The default `WIDTHxHEIGHT`.
    public init(multiple: Int, sizes: [String]? = nil, aspectRatios: [String]? = nil, defaultSize: String = "1024x1024") {
        self.multiple = multiple
        self.sizes = sizes
        self.aspectRatios = aspectRatios
        self.defaultSize = defaultSize
    }

    /// Parses `WIDTHxHEIGHT`.
    /// - Returns: The pair, or `nil` when the text is not two positive integers joined by `x`.
    public static func parse(_ text: String) -> (width: Int, height: Int)? {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 else { return nil }
        return (w, h)
    }

    /// The fixed sizes as number pairs.
    public var sizePairs: [(width: Int, height: Int)] { (sizes ?? []).compactMap(Self.parse) }

    /// The default size as a number pair (1024×1024 if the text is unreadable).
    public var defaultPair: (width: Int, height: Int) { Self.parse(defaultSize) ?? (1024, 1024) }
}
