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

    /// Lane by lane (the generic SIMD clamp is not inlined on this toolchain), with the
    /// comparisons that send NaN to 0 (`min(max(v, 0), 255)` would keep it).
    @inlinable @inline(__always)
    public static func clamp255(_ v: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8(c(v[0]), c(v[1]), c(v[2]), c(v[3]), c(v[4]), c(v[5]), c(v[6]), c(v[7]))
    }

    @inlinable @inline(__always)
    static func c(_ v: Float) -> Float { SampleConversion.clamped(v, to: 255) }
}
