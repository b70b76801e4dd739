#if arch(x86_64)
import _Builtin_intrinsics.intel
import Base64Kernels

/// The AVX2 decode core (this module is compiled for x86-64-v3): 32 characters per vector,
/// classified and translated with nibble-indexed table shuffles (`vpshufb`), packed with
/// multiply-adds, compacted with a byte shuffle and a cross-lane dword permute. After the
/// technique of Muła and Lemire, "Faster Base64 Encoding and Decoding using AVX2
/// Instructions" (2018); the tables below are this project's own.
public enum Base64AVX2Kernel: Base64BlockKernel {
    /// Four vectors (128 characters) per block.
    @inlinable public static var inputBlockSize: Int { 128 }
    /// Each vector store writes 32 bytes of which 24 count.
    @inlinable public static var outputReach: Int { 3 * 24 + 32 }

    /// Decodes one block (see `Base64BlockKernel`).
    /// - Parameters:
    ///   - source: the block's first input byte.
    ///   - destination: where its first decoded byte goes.
    /// - Returns: false if the block holds a byte outside the alphabet.
    @inlinable @inline(__always)
    public static func decodeBlock(_ source: UnsafePointer<UInt8>, _ destination: UnsafeMutablePointer<UInt8>) -> Bool {
        let input = UnsafeRawPointer(source)
        let output = UnsafeMutableRawPointer(destination)
        let v0 = input.loadUnaligned(fromByteOffset: 0, as: __m256i.self)
        let v1 = input.loadUnaligned(fromByteOffset: 32, as: __m256i.self)
        let v2 = input.loadUnaligned(fromByteOffset: 64, as: __m256i.self)
        let v3 = input.loadUnaligned(fromByteOffset: 96, as: __m256i.self)
        var bad = classify(v0)
        bad = _mm256_or_si256(bad, classify(v1))
        bad = _mm256_or_si256(bad, classify(v2))
        bad = _mm256_or_si256(bad, classify(v3))
        output.storeBytes(of: pack(translate(v0)), toByteOffset: 0, as: __m256i.self)
        output.storeBytes(of: pack(translate(v1)), toByteOffset: 24, as: __m256i.self)
        output.storeBytes(of: pack(translate(v2)), toByteOffset: 48, as: __m256i.self)
        output.storeBytes(of: pack(translate(v3)), toByteOffset: 72, as: __m256i.self)
        return _mm256_testz_si256(bad, bad) != 0
    }

    /// The same 16 bytes in both 128-bit lanes (`vpshufb` looks up within each lane).
    @inlinable @inline(__always)
    static func table(_ t: SIMD16<UInt8>) -> __m256i {
        unsafeBitCast(SIMD32(lowHalf: t, highHalf: t), to: __m256i.self)
    }

    /// The high nibble of every byte.
    @inlinable @inline(__always)
    static func highNibbles(_ v: __m256i) -> __m256i {
        _mm256_and_si256(_mm256_srli_epi32(v, 4), _mm256_set1_epi8(0x0F))
    }

    /// Non-zero bytes where `v` holds a byte outside the alphabet.
    ///
    /// Each high nibble that can start an alphabet character belongs to one class (a bit);
    /// the low-nibble table sets a class's bit for every low nibble that does not complete
    /// a character of that class. Bit 4 marks high nibbles with no characters at all.
    @inlinable @inline(__always)
    static func classify(_ v: __m256i) -> __m256i {
        //                 0     1     2     3     4     5     6     7     8     9     A     B     C     D     E     F
        let byHigh = table(SIMD16(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10))
        // class 0x01 (2x): only B '+' and F '/'; 0x02 (3x): 0-9; 0x04 (4x, 6x): 1-F; 0x08 (5x, 7x): 0-A.
        let byLow = table(SIMD16(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A))
        let low = _mm256_and_si256(v, _mm256_set1_epi8(0x0F))
        return _mm256_and_si256(_mm256_shuffle_epi8(byHigh, highNibbles(v)), _mm256_shuffle_epi8(byLow, low))
    }

    /// The 6-bit value of every alphabet character (other bytes give garbage).
    ///
    /// The amount to add depends on the high nibble alone, except that '/' shares its high
    /// nibble with '+': '/' looks up the entry before it.
    @inlinable @inline(__always)
    static func translate(_ v: __m256i) -> __m256i {
        //                  '/'  '+'  0-9   A-O   P-Z   a-o   p-z
        let offsets = table(SIMD16(0, 16, 19, 4, 191, 191, 185, 185, 0, 0, 0, 0, 0, 0, 0, 0))
        let isSlash = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x2F))
        let index = _mm256_add_epi8(highNibbles(v), isSlash)
        return _mm256_add_epi8(v, _mm256_shuffle_epi8(offsets, index))
    }

    /// Packs 4 sextets per 32-bit lane into 3 bytes and moves the 24 bytes to the front.
    @inlinable @inline(__always)
    static func pack(_ sextets: __m256i) -> __m256i {
        // a*64 + b and c*64 + d in 16-bit lanes, then (a*64 + b)*4096 + c*64 + d in 32-bit lanes.
        let pairs = _mm256_maddubs_epi16(sextets, _mm256_set1_epi32(0x0140_0140))
        let groups = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x0001_1000))
        // Each group's 3 bytes in big-endian order, the 12 bytes at the front of each lane.
        let order = table(SIMD16(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 0x80, 0x80, 0x80, 0x80))
        let bytes = _mm256_shuffle_epi8(groups, order)
        return _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7))
    }
}
#endif
