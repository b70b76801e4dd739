/// Precomputed weights of a 1-D resampling from `inSize` to `outSize` samples: for each
/// output position, the first contributing input index and normalised weights.
///
/// When shrinking, the filter is widened by the scale factor so every input pixel
/// contributes (no aliasing). Positions are pixel centres: output `i` samples input
/// coordinate `(i + 0.5) * inSize / outSize - 0.5`.
public struct ResampleWeights: Sendable {
    /// Output samples.
    public let outSize: Int
    /// Taps per output sample: the same for all, the widest run of nonzero weights any
    /// output has (shorter runs are padded with weight 0).
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
    /// - Parameters:
    ///   - inSize: Input samples (at least 1).
    ///   - extent: Input samples the output spans.
    ///   - outSize: Output samples (at least 1).
    ///   - kernel: The filter.
    public init(inSize: Int, extent: Double, outSize: Int, kernel: ResamplingKernel) {
        let scale = extent / Double(outSize)
        let filterScale = max(scale, 1)
        let radius = kernel == .nearest ? 0.5 : kernel.support * filterScale
        let span = min(inSize, max(1, Int((radius * 2).rounded(.up)) + 1))
        // First pass: each output's weights over the full window, and where its nonzero
        // weights begin and end.
        var firsts = [Int](repeating: 0, count: outSize)
        var spans = [(lo: Int, hi: Int)](repeating: (0, 0), count: outSize)
        var full = [Double](repeating: 0, count: outSize * span)
        for i in 0..<outSize {
            let centre = (Double(i) + 0.5) * scale - 0.5
            if kernel == .nearest {
                let src = min(inSize - 1, max(0, Int((Double(i) + 0.5) * scale)))
                firsts[i] = src
                spans[i] = (0, 0)
                full[i * span] = 1
                continue
            }
            let first = min(max(0, Int((centre - radius).rounded(.up))), inSize - span)
            var sum = 0.0
            for t in 0..<span {
                let w = kernel.weight((Double(first + t) - centre) / filterScale)
                full[i * span + t] = w
                sum += w
            }
            if sum == 0 {
                // Can only happen for degenerate box placements: fall back to nearest.
                let src = min(inSize - 1, max(0, Int(centre.rounded())))
                for t in 0..<span { full[i * span + t] = first + t == src ? 1 : 0 }
                sum = 1
            }
            var lo = span, hi = -1
            for t in 0..<span {
                full[i * span + t] /= sum
                if full[i * span + t] != 0 { lo = min(lo, t); hi = t }
            }
            firsts[i] = first
            spans[i] = hi < lo ? (0, 0) : (lo, hi)
        }
        // The window is trimmed to the widest run of nonzero weights: a Lanczos3 halving
        // has 12 contributing pixels, not the 13 its radius spans, and every pass skips
        // the dead tap.
        let taps = spans.reduce(1) { max($0, $1.hi - $1.lo + 1) }
        var starts = [Int32](repeating: 0, count: outSize)
        var weights = [Float](repeating: 0, count: outSize * taps)
        for i in 0..<outSize {
            let lo = firsts[i] + spans[i].lo
            let start = min(lo, inSize - taps)
            starts[i] = Int32(start)
            for t in spans[i].lo...spans[i].hi {
                weights[i * taps + firsts[i] + t - start] = Float(full[i * span + t])
            }
        }
        self.outSize = outSize
        self.taps = taps
        self.starts = starts
        self.weights = weights
    }
}
