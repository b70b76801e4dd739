import Pixels

/// Why a colour conversion could not be done. Callers prefix the input's name.
public enum ColourError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The embedded ICC profile is not a usable profile; `reason` says what is wrong
    /// with it (too short, size field, signature, or what Little CMS refused).
    case invalidProfile(reason: String)
    /// The profile describes a colour space that does not match the pixels (e.g. a CMYK
    /// or gray profile on RGB pixels).
    case profileMismatch(profileSpace: String, layout: PixelLayout)
    /// Little CMS could not build the transform from the profile to sRGB.
    case transformFailed(profileSpace: String)

    public var description: String {
        switch self {
        case let .invalidProfile(reason):
            "the embedded ICC profile is unusable: \(reason); convert without --to-srgb to keep it as it is"
        case let .profileMismatch(space, layout):
            "the embedded ICC profile is for \(space) colour but the pixels are \(layout.rawValue); the profile cannot apply to them"
        case let .transformFailed(space):
            "Little CMS could not build a transform from the \(space) ICC profile to sRGB"
        }
    }
}
