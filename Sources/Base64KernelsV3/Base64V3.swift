#if arch(x86_64)
import Base64Kernels

/// The x86-64-v3 decode entry point. Call it only when `CPUFeatures.isX86_64v3` is true:
/// this whole module is compiled with AVX2, BMI2 and FMA instructions.
public enum Base64V3 {
    /// Decodes the rest of `state`'s input with the AVX2 core.
    /// - Parameter state: the decode to advance; finished on success.
    /// - Returns: why the input cannot be decoded, or nil.
    public static func decode(_ state: inout Base64DecodeState) -> Base64DecodeFailure? {
        Base64AVX2Kernel.decode(&state)
    }

    /// Decodes the rest of `state`'s input with the portable generic SIMD core compiled for
    /// x86-64-v3 at 32 lanes (for comparison with the AVX2 core in benchmarks).
    /// - Parameter state: the decode to advance; finished on success.
    /// - Returns: why the input cannot be decoded, or nil.
    public static func decodeGeneric(_ state: inout Base64DecodeState) -> Base64DecodeFailure? {
        Base64SIMDKernel<SIMD32<UInt8>>.decode(&state)
    }
}
#endif
