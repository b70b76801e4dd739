import Foundation
import PixelKernels

/// The SIMD cores of the unsharp mask: a weighted sum of shifted float rows (both
/// passes of the separable Gaussian are one) and the mask's combine step.
public enum SharpenKernel {
    /// Normalised Gaussian weights for `sigma`, radius `ceil(3 sigma)` (at least 1).
    public static func gaussianWeights(sigma: Double) -> [Float] {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var weights = (-radius...radius).map { Float(exp(-Double($0 * $0) / (2 * sigma * sigma))) }
        let sum = weights.reduce(0, +)
        for i in weights.indices { weights[i] /= sum }
        return weights
    }

    /// `dst[i] = Σ_k weights[k] · sources[k][i]` for `i` in `0..<count`: one output row
    /// of a convolution whose taps are whole rows (vertical pass) or the same row
    /// shifted by a pixel per tap (horizontal pass over an edge-padded row).
    @inlinable
    public static func weightedSum(
        _ sources: UnsafeBufferPointer<UnsafePointer<Float>>, weights: UnsafeBufferPointer<Float>,
        into dst: UnsafeMutablePointer<Float>, count: Int
    ) {
        typealias V = SIMD8<Float>
        var i = 0
        while i + 8 <= count {
            var acc = V(repeating: 0)
            for k in 0..<weights.count {
                let v = UnsafeRawPointer(sources[k] + i).loadUnaligned(as: V.self)
                acc = acc + v * V(repeating: weights[k])
            }
            UnsafeMutableRawPointer(dst + i).storeBytes(of: acc, as: V.self)
            i += 8
        }
        while i < count {
            var acc: Float = 0
            for k in 0..<weights.count { acc = acc + sources[k][i] * weights[k] }
            dst[i] = acc
            i += 1
        }
    }

    /// The unsharp mask of one row: `out = src + amount · (src − blur)` where
    /// `|src − blur| ≥ threshold`, `src` elsewhere; rounded to nearest (ties to even) and clamped to 0…255.
    @inlinable
    public static func combine(
        source: UnsafePointer<UInt8>, blur: UnsafePointer<Float>, into out: UnsafeMutablePointer<UInt8>,
        count: Int, amount: Float, threshold: Float
    ) {
        typealias V = SIMD8<Float>
        typealias I = SIMD8<Int32>
        let a = V(repeating: amount), t = V(repeating: threshold)
        let magic = V(repeating: 12_582_912), magicBits = unsafeBitCast(magic, to: I.self)
        let top = I(repeating: 255)
        var i = 0
        while i + 8 <= count {
            let bytes = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<UInt8>.self)
            let s = V(I(truncatingIfNeeded: bytes))
            let b = UnsafeRawPointer(blur + i).loadUnaligned(as: V.self)
            let d = s - b
            // Mask arithmetic rather than vector comparisons (which this toolchain may
            // lower lane by lane): keep = 1 where |d| ≥ t, else 0.
            let magnitude = unsafeBitCast(unsafeBitCast(d, to: SIMD8<UInt32>.self) & SIMD8<UInt32>(repeating: 0x7FFF_FFFF), to: V.self)
            let sign = unsafeBitCast(magnitude - t, to: SIMD8<UInt32>.self) &>> 31
            let keep = V(I(truncatingIfNeeded: sign ^ 1))
            // Round to nearest by adding 1.5·2²³ (the integer lands in the low mantissa
            // bits; |amount| ≤ 16 keeps values far below 2²²): a plain float add, where a
            // vector Float→Int32 conversion compiles to a per-lane generic call here.
            // Then clamp to 0…255 with sign masks.
            let biased = s + a * d * keep + magic
            var q = unsafeBitCast(biased, to: I.self) &- magicBits
            q = q & ~(q &>> 31)
            let over = (top &- q) &>> 31
            q = (q & ~over) | (top & over)
            UnsafeMutableRawPointer(out + i).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: q), as: SIMD8<UInt8>.self)
            i += 8
        }
        while i < count {
            let s = Float(source[i]), d = s - blur[i]
            let v = abs(d) >= threshold ? s + amount * d : s
            out[i] = SampleConversion.sample(v)
            i += 1
        }
    }
}
