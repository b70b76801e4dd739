/// The portable SIMD core, written once for any vector width (16 bytes in the portable
/// build: SSE2 on x86-64, NEON on arm64; 32 in the x86-64-v3 build). It classifies and
/// translates with compares (no table shuffles, which baseline x86-64 lacks) and packs
/// each 4 characters into 3 bytes with shifts.
public enum Base64SIMDKernel<Bytes: Base64ByteVector>: Base64BlockKernel {
    /// Four vectors per block.
    @inlinable public static var inputBlockSize: Int { 4 * Bytes.scalarCount }
    /// Each vector's last lane stores 8 bytes of which 6 count.
    @inlinable public static var outputReach: Int { inputBlockSize / 4 * 3 + 2 }

    /// Decodes one block (see `Base64BlockKernel`).
    /// - Parameters:
    ///   - source: the block's first input byte.
    ///   - destination: where its first decoded byte goes.
    /// - Returns: false if the block holds a byte outside the alphabet.
    @inlinable @inline(__always)
    public static func decodeBlock(_ source: UnsafePointer<UInt8>, _ destination: UnsafeMutablePointer<UInt8>) -> Bool {
        let raw = UnsafeRawPointer(source)
        let width = Bytes.scalarCount
        var bad = Bytes(repeating: 0)
        for k in 0..<4 {
            let text = raw.loadUnaligned(fromByteOffset: k * width, as: Bytes.self)
            let sextets = translate(text, bad: &bad)
            store(pack(sextets), to: UnsafeMutableRawPointer(destination + k * (width / 4 * 3)))
        }
        return !bad.hasNonZeroLane
    }

    /// Maps each alphabet character to its 6-bit value; sets the lanes of other bytes in
    /// `bad`.
    @inlinable @inline(__always)
    static func translate(_ text: Bytes, bad: inout Bytes) -> Bytes {
        // Which range each byte is in (x - first < length, wrapping) ...
        let upper = text.wrappingAdd(Bytes(repeating: 191)).lanesBelow(Bytes(repeating: 26))  // A-Z
        let lower = text.wrappingAdd(Bytes(repeating: 159)).lanesBelow(Bytes(repeating: 26))  // a-z
        let digit = text.wrappingAdd(Bytes(repeating: 208)).lanesBelow(Bytes(repeating: 10))  // 0-9
        let plus = text.lanesEqual(Bytes(repeating: 43))
        let slash = text.lanesEqual(Bytes(repeating: 47))
        // ... and the amount to add to it: -65, -71, +4, +19, +16. The ranges are disjoint
        // and every amount is non-zero, so 0 marks a byte outside the alphabet.
        let offset = upper.and(Bytes(repeating: 191))
            .or(lower.and(Bytes(repeating: 185)))
            .or(digit.and(Bytes(repeating: 4)))
            .or(plus.and(Bytes(repeating: 19)))
            .or(slash.and(Bytes(repeating: 16)))
        bad = bad.or(offset.lanesEqual(Bytes(repeating: 0)))
        return text.wrappingAdd(offset)
    }

    /// Packs the sextets a, b, c, d of each 32-bit lane into the 24-bit number
    /// a<<18 | b<<12 | c<<6 | d, then each pair of lanes into the 48 low bits of its 64-bit
    /// lane, the first group above the second.
    @inlinable @inline(__always)
    static func pack(_ sextets: Bytes) -> Bytes.Quads {
        typealias Halves = Bytes.Halves
        typealias Words = Bytes.Words
        typealias Quads = Bytes.Quads
        let h = unsafeBitCast(sextets, to: Halves.self)
        let pairs = (h & Halves(repeating: 0x3F)) &<< 6 | h &>> 8                  // a<<6 | b, c<<6 | d
        let w = unsafeBitCast(pairs, to: Words.self)
        let groups = (w & Words(repeating: 0xFFF)) &<< 12 | w &>> 16                // a<<18 | ... | d
        let q = unsafeBitCast(groups, to: Quads.self)
        return (q & Quads(repeating: 0xFF_FFFF)) &<< 24 | q &>> 32                  // first<<24 | second
    }

    /// Stores the 6 bytes of each 64-bit lane, big-endian and contiguously (each lane's
    /// 8-byte store is overlapped by the next lane's).
    @inlinable @inline(__always)
    static func store(_ packed: Bytes.Quads, to destination: UnsafeMutableRawPointer) {
        for lane in 0..<Bytes.Quads.scalarCount {
            destination.storeBytes(of: (packed[lane] &<< 16).bigEndian, toByteOffset: 6 * lane, as: UInt64.self)
        }
    }
}
