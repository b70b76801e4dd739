/// What was wrong with the geometry or storage handed to a `Pixels` operation.
public enum PixelsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A width or height was zero or negative.
    case invalidSize(width: Int, height: Int)
    /// A row stride was shorter than one row of pixels.
    case invalidStride(stride: Int, minimum: Int)
    /// The buffer holds fewer bytes than the geometry needs.
    case bufferTooSmall(bytes: Int, needed: Int)
    /// A rectangle does not lie inside the image.
    case regionOutOfBounds(x: Int, y: Int, width: Int, height: Int, imageWidth: Int, imageHeight: Int)
    /// Width × height × channels does not fit in memory arithmetic.
    case tooLarge(width: Int, height: Int)

    public var description: String {
        switch self {
        case let .invalidSize(w, h):
            "invalid image size \(w)x\(h): width and height must both be at least 1"
        case let .invalidStride(stride, minimum):
            "row stride \(stride) is shorter than one row (\(minimum) bytes)"
        case let .bufferTooSmall(bytes, needed):
            "pixel buffer holds \(bytes) bytes but the image needs \(needed)"
        case let .regionOutOfBounds(x, y, w, h, iw, ih):
            "region \(w)x\(h) at (\(x), \(y)) does not lie inside the \(iw)x\(ih) image"
        case let .tooLarge(w, h):
            "image size \(w)x\(h) is too large to address"
        }
    }
}
