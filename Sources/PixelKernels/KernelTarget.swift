/// A marker type naming the build a generic kernel is specialised for. Kernels take the
/// target as a type parameter so that each module that supplies its own target type (the
/// portable build here, `PixelKernelsV3` for x86-64-v3) must compile its own copy of every
/// core function with its own instruction set, instead of calling this module's.
public protocol KernelTarget {
    /// `acc + a * b`, lane by lane: fused where the target has FMA, a multiply and an add
    /// where it has not (`addingProduct` without FMA becomes a libm call per lane).
    static func multiplyAdd(_ acc: SIMD8<Float>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float>
    /// `acc + a * b` on 16 lanes, as `multiplyAdd` on 8.
    static func multiplyAdd(_ acc: SIMD16<Float>, _ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float>
    /// Each lane clamped to 0–255 (NaN becomes 0), without branches.
    static func clamp255(_ v: SIMD8<Float>) -> SIMD8<Float>
}

/// The target of this module's own, portable build: separate multiply and add.
public enum PortableTarget: KernelTarget {
    /// `acc + a * b`, unfused.
    @inlinable @inline(__always)
    public static func multiplyAdd(_ acc: SIMD8<Float>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { acc + a * b }

    /// `acc + a * b`, unfused.
    @inlinable @inline(__always)
    public static func multiplyAdd(_ acc: SIMD16<Float>, _ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> { acc + a * b }

    /// Lane by lane (the generic SIMD clamp is not inlined on this toolchain).
    @inlinable @inline(__always)
    public static func clamp255(_ v: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8(min(max(v[0], 0), 255), min(max(v[1], 0), 255), min(max(v[2], 0), 255), min(max(v[3], 0), 255),
              min(max(v[4], 0), 255), min(max(v[5], 0), 255), min(max(v[6], 0), 255), min(max(v[7], 0), 255))
    }
}
