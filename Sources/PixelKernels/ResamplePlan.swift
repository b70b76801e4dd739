/// Everything one separable resampling needs, as raw pointers: the source and destination
/// pixels, how samples are converted in and out of the float working space, the optional
/// integer box pre-reduction, and the precomputed weights of both passes.
///
/// The plan does not own any memory; the caller keeps every buffer alive for the duration
/// of `ResampleCore.run`. Working values are floats on the 0–255 scale, `lanes` per pixel
/// (RGB is widened to four lanes so a pixel is one `SIMD4`).
@frozen
public struct ResamplePlan {
    /// First byte of the source pixels.
    public var source: UnsafePointer<UInt8>
    /// Bytes from one source row to the next.
    public var sourceStride: Int
    /// Source width in pixels.
    public var sourceWidth: Int
    /// Source height in pixels.
    public var sourceHeight: Int
    /// Samples per pixel in both source and destination (1–4; the last is alpha for 2 and 4).
    public var channels: Int
    /// First byte of the destination pixels.
    public var destination: UnsafeMutablePointer<UInt8>
    /// Bytes from one destination row to the next.
    public var destinationStride: Int
    /// Destination width in pixels.
    public var destinationWidth: Int
    /// Destination height in pixels.
    public var destinationHeight: Int
    /// Float lanes per pixel in the working space: 1, 2 or 4.
    public var lanes: Int
    /// Whether the last channel is alpha (2 or 4 channels).
    public var hasAlpha: Bool
    /// Colour samples go through `toLinear` on the way in (and `fromLinear` out).
    public var linear: Bool
    /// Colour is multiplied by alpha on the way in and divided out on the way out.
    public var premultiply: Bool
    /// 256 floats: sample value → working value (sRGB decoded to linear, 0–255 scale).
    public var toLinear: UnsafePointer<Float>
    /// `SRGBTable.outputSize` bytes: linear value × (size − 1) / 255, rounded → sRGB sample.
    public var fromLinear: UnsafePointer<UInt8>
    /// Entries in `fromLinear`.
    public var fromLinearCount: Int
    /// Horizontal box pre-reduction factor (1: none).
    public var reduceX: Int
    /// Vertical box pre-reduction factor (1: none).
    public var reduceY: Int
    /// Width after the box pre-reduction (the input width of the horizontal filter).
    public var reducedWidth: Int
    /// Height after the box pre-reduction (the input height of the vertical filter).
    public var reducedHeight: Int
    /// First input pixel of each output column.
    public var horizontalStarts: UnsafePointer<Int32>
    /// Per output column, `horizontalVectors` groups of 8 floats: each tap's weight
    /// repeated `lanes` times, zero-padded.
    public var horizontalWeights: UnsafePointer<Float>
    /// 8-float weight groups per output column.
    public var horizontalVectors: Int
    /// First input row of each output row.
    public var verticalStarts: UnsafePointer<Int32>
    /// `verticalTaps` weights per output row.
    public var verticalWeights: UnsafePointer<Float>
    /// Taps per output row.
    public var verticalTaps: Int
    /// The vertical weights of every output row of the whole resampling (`scaleRows` ×
    /// `verticalTaps`): the same as `verticalWeights` unless this plan is one band of a
    /// larger one. Fixed-point paths choose their weight scales from these, so every band
    /// quantises exactly as the whole run would.
    public var scaleWeights: UnsafePointer<Float>
    /// Output rows in `scaleWeights`.
    public var scaleRows: Int

    /// Creates a plan; see the properties for the meaning of each argument.
    @inlinable
    public init(
        source: UnsafePointer<UInt8>, sourceStride: Int, sourceWidth: Int, sourceHeight: Int, channels: Int,
        destination: UnsafeMutablePointer<UInt8>, destinationStride: Int, destinationWidth: Int, destinationHeight: Int,
        lanes: Int, hasAlpha: Bool, linear: Bool, premultiply: Bool,
        toLinear: UnsafePointer<Float>, fromLinear: UnsafePointer<UInt8>, fromLinearCount: Int,
        reduceX: Int, reduceY: Int, reducedWidth: Int, reducedHeight: Int,
        horizontalStarts: UnsafePointer<Int32>, horizontalWeights: UnsafePointer<Float>, horizontalVectors: Int,
        verticalStarts: UnsafePointer<Int32>, verticalWeights: UnsafePointer<Float>, verticalTaps: Int
    ) {
        self.source = source
        self.sourceStride = sourceStride
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.channels = channels
        self.destination = destination
        self.destinationStride = destinationStride
        self.destinationWidth = destinationWidth
        self.destinationHeight = destinationHeight
        self.lanes = lanes
        self.hasAlpha = hasAlpha
        self.linear = linear
        self.premultiply = premultiply
        self.toLinear = toLinear
        self.fromLinear = fromLinear
        self.fromLinearCount = fromLinearCount
        self.reduceX = reduceX
        self.reduceY = reduceY
        self.reducedWidth = reducedWidth
        self.reducedHeight = reducedHeight
        self.horizontalStarts = horizontalStarts
        self.horizontalWeights = horizontalWeights
        self.horizontalVectors = horizontalVectors
        self.verticalStarts = verticalStarts
        self.verticalWeights = verticalWeights
        self.verticalTaps = verticalTaps
        self.scaleWeights = verticalWeights
        self.scaleRows = destinationHeight
    }
}
