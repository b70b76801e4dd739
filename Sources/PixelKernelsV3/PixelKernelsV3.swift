#if arch(x86_64)
import _Builtin_intrinsics.intel
import PixelKernels

/// The x86-64-v3 builds of the pixel cores. Call them only when `CPUFeatures.isX86_64v3`
/// is true: this whole module is compiled with AVX2, BMI2 and FMA instructions.
public enum PixelKernelsV3 {
    /// Runs a resampling plan with the AVX2 build of `ResampleCore`.
    /// - Parameter plan: the resampling to do; every pointer must stay valid meanwhile.
    /// Classic-mode RGB and RGBA plans run in fixed point (`FixedPointResampler`), so do
    /// linear-light RGB plans (`FixedPointLinearResampler`); the rest in floats.
    public static func resample(_ plan: ResamplePlan) {
        if FixedPointResampler.run(plan) { return }
        if FixedPointLinearResampler.run(plan) { return }
        ResampleCore.run(AVX2Target.self, plan)
    }
}

/// The target of this module's x86-64-v3 build: fused multiply-add (`vfmadd`).
enum AVX2Target: KernelTarget {
    @inline(__always)
    static func multiplyAdd(_ acc: SIMD8<Float>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { acc.addingProduct(a, b) }

    @inline(__always)
    static func multiplyAdd(_ acc: SIMD16<Float>, _ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> { acc.addingProduct(a, b) }

    /// `vmaxps` then `vminps` (`vmaxps` returns its second operand, 0, for a NaN lane).
    @inline(__always)
    static func clamp255(_ v: SIMD8<Float>) -> SIMD8<Float> {
        let clamped = _mm256_min_ps(_mm256_max_ps(unsafeBitCast(v, to: __m256.self), _mm256_setzero_ps()), _mm256_set1_ps(255))
        return unsafeBitCast(clamped, to: SIMD8<Float>.self)
    }
}
#endif
