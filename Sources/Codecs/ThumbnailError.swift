import Pixels

/// Why a thumbnail could not be made. Callers prefix the input's name.
public enum ThumbnailError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input could not be read or decoded.
    case decode(DecodeError)
    /// The requested box is invalid (a side below 1, or no side at all).
    case geometry(PixelsError)

    public var description: String {
        switch self {
        case let .decode(error): error.description
        case let .geometry(error): "cannot make that thumbnail: \(error.description)"
        }
    }
}
