/// A rule that an image's width and height must each be a multiple of some number
/// (8 by default, as the images API documents; FLUX models use 16).
public struct DimensionRule: Sendable, Equatable {
    /// The multiple both sides must have (at least 1).
    public let multiple: Int

    /// Creates a rule.
    /// - Parameter multiple: Both sides must be multiples of this; values below 1 are taken as 1.
    public init(multiple: Int = 8) { self.multiple = max(1, multiple) }

    /// Whether `width` × `height` satisfies the rule.
    public func accepts(width: Int, height: Int) -> Bool { width % multiple == 0 && height % multiple == 0 }

    /// The nearest multiple of `multiple` to `length` (halves round up), at least `multiple`.
    public func nearest(_ length: Int) -> Int { max(multiple, (length + multiple / 2) / multiple * multiple) }

    /// The largest multiple not above `length` (0 when `length` is below `multiple`).
    public func below(_ length: Int) -> Int { length / multiple * multiple }

    /// The smallest multiple not below `length`.
    public func above(_ length: Int) -> Int { (length + multiple - 1) / multiple * multiple }

    /// Valid sizes next to `width` × `height`: rounded down (when not zero) and up.
    public func suggestions(width: Int, height: Int) -> [(width: Int, height: Int)] {
        var sizes: [(Int, Int)] = []
        if below(width) > 0, below(height) > 0 { sizes.append((below(width), below(height))) }
        sizes.append((above(width), above(height)))
        return sizes
    }
}

/// What to do with an image whose size breaks a `DimensionRule`.
public enum DimensionPolicy: String, Sendable, CaseIterable, Codable {
    /// Refuse it with an error naming the image, its size and the nearest valid sizes.
    case fail
    /// Cut the excess evenly from both edges, down to the multiple below.
    case crop
    /// Extend evenly on both edges, up to the multiple above, with a background colour.
    case pad
    /// Resample to the nearest multiple on each side (Lanczos3).
    case resize
}

/// An image's size breaks a `DimensionRule` and the policy was `.fail`, or `.crop`
/// could not apply (a side shorter than the multiple).
public struct DimensionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The image's name (file or item) as the caller gave it.
    public let name: String
    /// The image's width.
    public let width: Int
    /// The image's height.
    public let height: Int
    /// The rule's multiple.
    public let multiple: Int
    /// The policy that could not be applied.
    public let policy: DimensionPolicy

    public var description: String {
        let rule = DimensionRule(multiple: multiple)
        let near = rule.suggestions(width: width, height: height).map { "\($0.width)x\($0.height)" }.joined(separator: " or ")
        switch policy {
        case .crop:
            return "\(name): \(width)x\(height) cannot be cropped to multiples of \(multiple) (a side is shorter than \(multiple)); pad or resize it instead"
        default:
            return "\(name): size \(width)x\(height) is not a multiple of \(multiple) on each side; nearest valid sizes: \(near) (crop, pad or resize to fix)"
        }
    }
}

extension Image {
    /// Checks the image against `rule` and, following `policy`, returns it unchanged,
    /// cropped, padded or resized to satisfy it.
    /// - Parameters:
    ///   - rule: The multiple both sides must have.
    ///   - policy: What to do when the size breaks the rule.
    ///   - name: The image's name, for the error message.
    ///   - background: The padding colour for `.pad`.
    /// - Throws: `DimensionError` under `.fail`, or under `.crop` when a side is shorter
    ///   than the multiple.
    public func validated(
        _ rule: DimensionRule, policy: DimensionPolicy, name: String, background: Colour = .black
    ) throws(DimensionError) -> Image {
        if rule.accepts(width: width, height: height) { return self }
        let failure = DimensionError(name: name, width: width, height: height, multiple: rule.multiple, policy: policy)
        do {
            switch policy {
            case .fail:
                throw failure
            case .crop:
                let w = rule.below(width), h = rule.below(height)
                guard w > 0, h > 0 else { throw failure }
                return try cropped(x: (width - w) / 2, y: (height - h) / 2, width: w, height: h)
            case .pad:
                let dw = rule.above(width) - width, dh = rule.above(height) - height
                return try padded(top: dh / 2, left: dw / 2, bottom: dh - dh / 2, right: dw - dw / 2, colour: background)
            case .resize:
                return try resized(width: rule.nearest(width), height: rule.nearest(height))
            }
        } catch let error as DimensionError {
            throw error
        } catch {
            throw failure
        }
    }
}
