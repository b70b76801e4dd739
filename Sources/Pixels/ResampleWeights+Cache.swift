import Synchronization

extension ResampleWeights {
    /// The weights of recent resamplings, by geometry and filter: a contact sheet or a
    /// set of srcset sizes resizes many images of one size to the same sizes, and the
    /// kernel evaluations (two sines a tap for Lanczos) are then computed once.
    private static let recent = Mutex<[CacheKey: ResampleWeights]>([:])

    /// At most this many weight sets are kept; when full the cache starts afresh.
    public static let cacheLimit = 32

    /// What identifies one set of weights.
    struct CacheKey: Hashable {
        /// Input samples.
        let inSize: Int
        /// Input samples the output spans (bit pattern: equal only when identical).
        let extent: UInt64
        /// Output samples.
        let outSize: Int
        /// The filter.
        let kernel: ResamplingKernel
    }

    /// The weights of a resampling, from the cache when the same geometry and filter were
    /// computed recently; see `init(inSize:extent:outSize:kernel:)`.
    /// - Parameters:
    ///   - inSize: Input samples (at least 1).
    ///   - extent: Input samples the output spans (at most `inSize`).
    ///   - outSize: Output samples (at least 1).
    ///   - kernel: The filter.
    public static func cached(inSize: Int, extent: Double, outSize: Int, kernel: ResamplingKernel) -> ResampleWeights {
        let key = CacheKey(inSize: inSize, extent: extent.bitPattern, outSize: outSize, kernel: kernel)
        if let known = recent.withLock({ $0[key] }) { return known }
        let made = ResampleWeights(inSize: inSize, extent: extent, outSize: outSize, kernel: kernel)
        recent.withLock { cache in
            if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[key] = made
        }
        return made
    }
}
