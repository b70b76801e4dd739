/// Precomputed weights of a 1-D resampling from `inSize` to `outSize` samples: for each
/// output position, the first contributing input index and normalised weights.
///
/// When shrinking, the filter is widened by the scale factor so every input pixel
/// contributes (no aliasing). Positions are pixel centres: output `i` samples input
/// coordinate `(i + 0.5) * inSize / outSize - 0.5`.
public struct ResampleWeights: Sendable {
    /// Output samples.
    public let outSize: Int
    /// Taps per output sample (the same for all; unused taps have weight 0).
    public let taps: Int
    /// First input index of each output sample (already clamped so all taps are inside).
    public let starts: [Int32]
    /// `outSize * taps` weights summing to 1 per output sample.
    public let weights: [Float]

    /// Computes the weights.
    /// - Parameters:
    ///   - inSize: Input samples (at least 1).
    ///   - outSize: Output samples (at least 1).
    ///   - kernel: The filter.
    public init(inSize: Int, outSize: Int, kernel: ResamplingKernel) {
        self.init(inSize: inSize, extent: Double(inSize), outSize: outSize, kernel: kernel)
    }

    /// Computes the weights of a resampling whose output spans `extent` input samples
    /// (at most `inSize`; less after a box reduction whose last block is partial).
    init(inSize: Int, extent: Double, outSize: Int, kernel: ResamplingKernel) {
        let scale = extent / Double(outSize)
        let filterScale = max(scale, 1)
        let radius = kernel == .nearest ? 0.5 : kernel.support * filterScale
        let taps = min(inSize, max(1, Int((radius * 2).rounded(.up)) + 1))
        var starts = [Int32](repeating: 0, count: outSize)
        var weights = [Float](repeating: 0, count: outSize * taps)
        var row = [Double](repeating: 0, count: taps)
        for i in 0..<outSize {
            let centre = (Double(i) + 0.5) * scale - 0.5
            if kernel == .nearest {
                let src = min(inSize - 1, max(0, Int((Double(i) + 0.5) * scale)))
                let start = min(max(0, src), inSize - taps)
                starts[i] = Int32(start)
                weights[i * taps + (src - start)] = 1
                continue
            }
            var first = Int((centre - radius).rounded(.up))
            first = min(max(0, first), inSize - taps)
            var sum = 0.0
            for t in 0..<taps {
                let w = kernel.weight((Double(first + t) - centre) / filterScale)
                row[t] = w
                sum += w
            }
            if sum == 0 {
                // Can only happen for degenerate box placements: fall back to nearest.
                let src = min(inSize - 1, max(0, Int(centre.rounded())))
                for t in 0..<taps { row[t] = first + t == src ? 1 : 0 }
                sum = 1
            }
            starts[i] = Int32(first)
            for t in 0..<taps { weights[i * taps + t] = Float(row[t] / sum) }
        }
        self.outSize = outSize
        self.taps = taps
        self.starts = starts
        self.weights = weights
    }
}
