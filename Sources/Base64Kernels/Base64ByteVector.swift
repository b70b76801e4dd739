/// A vector of bytes the generic SIMD core can run on.
///
/// Swift's generic `SIMD` comparisons and selects are element-by-element loops that the
/// compiler does not vectorize, even once specialized; the concrete vector types have
/// single-instruction versions. The few operations the core needs beyond plain bit
/// arithmetic are therefore requirements here, each conformance implementing them with
/// its concrete type's operators.
public protocol Base64ByteVector: SIMD where Scalar == UInt8 {
    /// The same bits seen as 16-bit lanes.
    associatedtype Halves: SIMD where Halves.Scalar == UInt16
    /// The same bits seen as 32-bit lanes.
    associatedtype Words: SIMD where Words.Scalar == UInt32
    /// The same bits seen as 64-bit lanes.
    associatedtype Quads: SIMD where Quads.Scalar == UInt64

    /// 0xFF in the lanes where `self` is below `other` (unsigned), else 0.
    func lanesBelow(_ other: Self) -> Self
    /// 0xFF in the lanes where `self` equals `other`, else 0.
    func lanesEqual(_ other: Self) -> Self
    /// The lane-wise wrapping sum.
    func wrappingAdd(_ other: Self) -> Self
    /// The lane-wise AND.
    func and(_ other: Self) -> Self
    /// The lane-wise OR.
    func or(_ other: Self) -> Self
    /// True if any lane is non-zero.
    var hasNonZeroLane: Bool { get }
}
