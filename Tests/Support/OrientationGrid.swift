import Pixels

/// Where the six labelled blocks of a 3×2 image (0 = top left … 5 = bottom right, as
/// stored) end up once each EXIF orientation is applied, as the EXIF specification
/// defines the orientations: the tests of `Image.oriented` and of the decoders' automatic
/// orientation both check against it.
public enum OrientationGrid {
    /// The labels of the upright image, row by row, for each orientation.
    public static let upright: [Orientation: [[Int]]] = [
        .up: [[0, 1, 2], [3, 4, 5]],
        .upMirrored: [[2, 1, 0], [5, 4, 3]],
        .down: [[5, 4, 3], [2, 1, 0]],
        .downMirrored: [[3, 4, 5], [0, 1, 2]],
        .leftMirrored: [[0, 3], [1, 4], [2, 5]],
        .right: [[3, 0], [4, 1], [5, 2]],
        .rightMirrored: [[5, 2], [4, 1], [3, 0]],
        .left: [[2, 5], [1, 4], [0, 3]],
    ]
}
