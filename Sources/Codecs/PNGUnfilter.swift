/// PNG row unfiltering (the five filter types of PNG §9), the fast path's inner loop.
///
/// Sub, Average and Paeth depend on the pixel to the left, so they run one pixel at a
/// time with all of its samples (1–4 bytes) in one SIMD vector; Up and None have no such
/// chain and run over 16 bytes at a time.
public enum PNGUnfilter {
    /// Reverses one row's filter.
    /// - Parameters:
    ///   - filter: The row's filter type byte (0–4).
    ///   - source: The filtered bytes of the row (`count` of them).
    ///   - previous: The previous row, already unfiltered; `nil` for the first row.
    ///   - destination: Receives `count` unfiltered bytes (may not alias `source`).
    ///   - count: Bytes in the row.
    ///   - bytesPerPixel: 1 to 4.
    /// - Returns: `false` for a filter type above 4.
    @inlinable
    public static func unfilterRow(
        filter: UInt8, source: UnsafePointer<UInt8>, previous: UnsafePointer<UInt8>?,
        destination: UnsafeMutablePointer<UInt8>, count: Int, bytesPerPixel bpp: Int
    ) -> Bool {
        switch filter {
        case 0:
            destination.update(from: source, count: count)
        case 1:
            destination.update(from: source, count: min(bpp, count))
            var i = bpp
            while i < count {
                destination[i] = source[i] &+ destination[i - bpp]
                i += 1
            }
        case 2:
            guard let previous else {
                destination.update(from: source, count: count)
                return true
            }
            var i = 0
            while i + 16 <= count {
                let s = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let p = UnsafeRawPointer(previous + i).loadUnaligned(as: SIMD16<UInt8>.self)
                UnsafeMutableRawPointer(destination + i).storeBytes(of: s &+ p, as: SIMD16<UInt8>.self)
                i += 16
            }
            while i < count {
                destination[i] = source[i] &+ previous[i]
                i += 1
            }
        case 3:
            guard let previous else {
                destination.update(from: source, count: min(bpp, count))
                var i = bpp
                while i < count {
                    destination[i] = source[i] &+ (destination[i - bpp] >> 1)
                    i += 1
                }
                return true
            }
            var i = 0
            while i < min(bpp, count) {
                destination[i] = source[i] &+ (previous[i] >> 1)
                i += 1
            }
            while i < count {
                let sum = UInt16(destination[i - bpp]) + UInt16(previous[i])
                destination[i] = source[i] &+ UInt8(truncatingIfNeeded: sum >> 1)
                i += 1
            }
        case 4:
            guard let previous else {
                // With no row above, Paeth picks the left neighbour: the same as Sub.
                return unfilterRow(filter: 1, source: source, previous: nil, destination: destination, count: count, bytesPerPixel: bpp)
            }
            paeth(source: source, previous: previous, destination: destination, count: count, bpp: bpp)
        default:
            return false
        }
        return true
    }

    /// Paeth, one pixel per step with its samples in the lanes of a `SIMD4<Int16>`.
    @inlinable
    static func paeth(
        source: UnsafePointer<UInt8>, previous: UnsafePointer<UInt8>,
        destination: UnsafeMutablePointer<UInt8>, count: Int, bpp: Int
    ) {
        @inline(__always) func load(_ p: UnsafePointer<UInt8>) -> SIMD4<Int16> {
            var v = SIMD4<Int16>()
            for k in 0..<bpp { v[k] = Int16(p[k]) }
            return v
        }
        @inline(__always) func magnitude(_ v: SIMD4<Int16>) -> SIMD4<Int16> {
            v.replacing(with: 0 &- v, where: v .< 0)
        }
        var a = SIMD4<Int16>()   // left, unfiltered
        var c = SIMD4<Int16>()   // above-left, unfiltered
        var i = 0
        while i < count {
            let b = load(previous + i)
            let x = load(source + i)
            let pa = magnitude(b &- c)           // |p - a| where p = a + b - c
            let pb = magnitude(a &- c)           // |p - b|
            let pc = magnitude(a &+ b &- c &- c) // |p - c|
            let useA = (pa .<= pb) .& (pa .<= pc)
            let useB = (.!useA) .& (pb .<= pc)
            var predictor = c
            predictor.replace(with: b, where: useB)
            predictor.replace(with: a, where: useA)
            let out = (x &+ predictor) & 0xFF
            for k in 0..<bpp { destination[i + k] = UInt8(truncatingIfNeeded: out[k]) }
            a = out
            c = b
            i += bpp
        }
    }
}
