/// The conversions from working floats to 8-bit samples and to table indices that every
/// kernel uses. Each is total: NaN, ±∞ and any out-of-range value land inside the range
/// (NaN and −∞ at 0, +∞ at the top), so no float a kernel computes can index past a table
/// or trap a conversion.
///
/// Table reads go through `lookup(_:_:count:)`, which checks the index in debug builds
/// and in builds compiled with `-DDARKROOM_CHECKED_LOOKUPS` (the test command's), and
/// compiles to a plain load otherwise.
public enum SampleConversion {
    /// Whether this build checks every table index (`-DDARKROOM_CHECKED_LOOKUPS`).
    #if DARKROOM_CHECKED_LOOKUPS
    public static let checksLookups = true
    #else
    public static let checksLookups = false
    #endif

    /// `v` clamped to `0…upper`; NaN and −∞ give 0, +∞ gives `upper`.
    ///
    /// Written as two comparisons that are false for NaN (`vmaxss`/`vminss` with the
    /// constant second), where `min(max(v, 0), upper)` would pass a NaN through.
    /// - Parameters:
    ///   - v: Any float.
    ///   - upper: The top of the range, at least 0.
    @inlinable @inline(__always)
    public static func clamped(_ v: Float, to upper: Float) -> Float {
        let low = v > 0 ? v : 0
        return low < upper ? low : upper
    }

    /// `v` rounded to the nearest integer (ties to even) after clamping it to `0…last`:
    /// always a valid index of a table with `last + 1` entries.
    ///
    /// No trapping float → integer conversion: adding 2²³ leaves the rounded value in
    /// the low mantissa bits.
    /// - Parameters:
    ///   - v: Any float.
    ///   - last: The largest index, 0…2²².
    @inlinable @inline(__always)
    public static func index(_ v: Float, last: Int) -> Int {
        Int((clamped(v, to: Float(last)) + 8_388_608).bitPattern & 0x7F_FFFF)
    }

    /// `v` rounded (ties to even) and clamped to a sample, 0…255.
    /// - Parameter v: Any float on the 0–255 scale.
    @inlinable @inline(__always)
    public static func sample(_ v: Float) -> UInt8 {
        UInt8(truncatingIfNeeded: index(v, last: 255))
    }

    /// `table[i]`, with `i` checked against `count` in debug and checked builds.
    /// - Parameters:
    ///   - table: The first entry.
    ///   - i: The index, which must be in `0..<count`.
    ///   - count: Entries in the table.
    @inlinable @inline(__always)
    public static func lookup<Element>(_ table: UnsafePointer<Element>, _ i: Int, count: Int) -> Element {
        checkIndex(i, count: count)
        return table[i]
    }

    /// Traps (in debug and checked builds) unless `0 ≤ i < count`; nothing otherwise.
    /// - Parameters:
    ///   - i: The index about to be read.
    ///   - count: Entries in the table.
    @inlinable @inline(__always)
    public static func checkIndex(_ i: Int, count: Int) {
        #if DARKROOM_CHECKED_LOOKUPS
        precondition(i >= 0 && i < count, "table index \(i) outside 0..<\(count)")
        #else
        assert(i >= 0 && i < count, "table index \(i) outside 0..<\(count)")
        #endif
    }
}
