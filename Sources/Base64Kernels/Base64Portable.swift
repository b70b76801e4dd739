/// The portable decode entry point: the generic SIMD core at 16 lanes (SSE2 on x86-64,
/// NEON on arm64), compiled for the baseline CPU.
public enum Base64Portable {
    /// Decodes the rest of `state`'s input.
    /// - Parameter state: the decode to advance; finished on success.
    /// - Returns: why the input cannot be decoded, or nil.
    public static func decode(_ state: inout Base64DecodeState) -> Base64DecodeFailure? {
        Base64SIMDKernel<SIMD16<UInt8>>.decode(&state)
    }
}
