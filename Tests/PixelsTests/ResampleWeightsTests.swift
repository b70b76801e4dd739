import Dispatch
import Pixels
import Testing

/// The precomputed 1-D weights: trimmed to the taps that contribute, normalised, and the
/// same whether computed afresh or taken from the cache.
@Suite struct ResampleWeightsTests {
    /// (input, output, kernel, the widest run of nonzero weights).
    static let geometries: [(Int, Int, ResamplingKernel, Int)] = [
        (1024, 512, .lanczos3, 12), (1024, 256, .lanczos3, 24), (1344, 336, .lanczos3, 24),
        (768, 192, .lanczos3, 24), (1000, 500, .lanczos2, 8), (1024, 512, .bilinear, 4),
        (1024, 512, .box, 2), (1024, 256, .box, 4), (100, 37, .nearest, 1), (512, 1024, .lanczos3, 6),
    ]

    @Test(arguments: 0..<geometries.count)
    func onlyContributingTapsAreKept(index: Int) {
        let (inSize, outSize, kernel, expected) = Self.geometries[index]
        let w = ResampleWeights(inSize: inSize, outSize: outSize, kernel: kernel)
        #expect(w.taps == expected, "\(inSize)→\(outSize) \(kernel): \(w.taps) taps")
        for i in 0..<outSize {
            let row = w.weights[(i * w.taps)..<((i + 1) * w.taps)]
            let sum = row.reduce(0, +)
            #expect(abs(sum - 1) < 1e-5, "output \(i) sums to \(sum)")
            let start = Int(w.starts[i])
            #expect(start >= 0 && start + w.taps <= inSize)
            // The kernel itself, evaluated at each tap, matches the stored weight.
            let scale = Double(inSize) / Double(outSize), filterScale = max(scale, 1)
            let centre = (Double(i) + 0.5) * scale - 0.5
            if kernel != .nearest {
                let raw = (0..<w.taps).map { kernel.weight((Double(start + $0) - centre) / filterScale) }
                let total = raw.reduce(0, +)
                for t in 0..<w.taps {
                    #expect(abs(Double(row[row.startIndex + t]) - raw[t] / total) < 1e-6, "output \(i) tap \(t)")
                }
            }
        }
        // Trimmed: neither end of the window is dead for every output.
        let firstAlwaysZero = (0..<outSize).allSatisfy { w.weights[$0 * w.taps] == 0 }
        let lastAlwaysZero = (0..<outSize).allSatisfy { w.weights[$0 * w.taps + w.taps - 1] == 0 }
        #expect(!firstAlwaysZero && !lastAlwaysZero)
    }

    @Test func cacheAnswersTheSameAsAFreshComputation() {
        // More geometries than the cache holds, asked in turns from several threads.
        let sizes = (0..<(ResampleWeights.cacheLimit + 8)).map { (300 + 7 * $0, 64 + $0) }
        DispatchQueue.concurrentPerform(iterations: 4) { round in
            for (k, (inSize, outSize)) in sizes.enumerated() where (k + round) % 2 == 0 {
                let fresh = ResampleWeights(inSize: inSize, outSize: outSize, kernel: .lanczos3)
                for _ in 0..<2 {
                    let cached = ResampleWeights.cached(inSize: inSize, extent: Double(inSize), outSize: outSize, kernel: .lanczos3)
                    #expect(cached.taps == fresh.taps && cached.starts == fresh.starts && cached.weights == fresh.weights)
                }
            }
        }
        let lanczos = ResampleWeights.cached(inSize: 1024, extent: 1024, outSize: 256, kernel: .lanczos3)
        let mitchell = ResampleWeights.cached(inSize: 1024, extent: 1024, outSize: 256, kernel: .mitchell)
        #expect(lanczos.weights != mitchell.weights, "the filter is part of the key")
        let partial = ResampleWeights.cached(inSize: 512, extent: 511.5, outSize: 256, kernel: .lanczos3)
        let whole = ResampleWeights.cached(inSize: 512, extent: 512, outSize: 256, kernel: .lanczos3)
        #expect(partial.weights != whole.weights, "the extent is part of the key")
    }
}
