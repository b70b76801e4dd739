extension SIMD16: Base64ByteVector where Scalar == UInt8 {
    /// 16 bytes as 16-bit lanes.
    public typealias Halves = SIMD8<UInt16>
    /// 16 bytes as 32-bit lanes.
    public typealias Words = SIMD4<UInt32>
    /// 16 bytes as 64-bit lanes.
    public typealias Quads = SIMD2<UInt64>

    /// 0xFF in the lanes where `self` is below `other` (unsigned), else 0.
    /// - Parameter other: the right-hand side.
    @inlinable @inline(__always)
    public func lanesBelow(_ other: Self) -> Self { unsafeBitCast(self .< other, to: Self.self) }

    /// 0xFF in the lanes where `self` equals `other`, else 0.
    /// - Parameter other: the right-hand side.
    @inlinable @inline(__always)
    public func lanesEqual(_ other: Self) -> Self { unsafeBitCast(self .== other, to: Self.self) }

    /// The lane-wise wrapping sum.
    /// - Parameter other: the addend.
    @inlinable @inline(__always)
    public func wrappingAdd(_ other: Self) -> Self { self &+ other }

    /// The lane-wise AND.
    /// - Parameter other: the right-hand side.
    @inlinable @inline(__always)
    public func and(_ other: Self) -> Self {
        unsafeBitCast(unsafeBitCast(self, to: SIMD2<UInt64>.self) & unsafeBitCast(other, to: SIMD2<UInt64>.self), to: Self.self)
    }

    /// The lane-wise OR.
    /// - Parameter other: the right-hand side.
    @inlinable @inline(__always)
    public func or(_ other: Self) -> Self {
        unsafeBitCast(unsafeBitCast(self, to: SIMD2<UInt64>.self) | unsafeBitCast(other, to: SIMD2<UInt64>.self), to: Self.self)
    }

    /// True if any lane is non-zero.
    @inlinable
    public var hasNonZeroLane: Bool {
        let q = unsafeBitCast(self, to: SIMD2<UInt64>.self)
        return q[0] | q[1] != 0
    }
}
