/// PNG row filtering for the encoder (PNG §9), 16 bytes at a time: unlike unfiltering,
/// every prediction reads only original bytes, so there is no chain between pixels.
public enum PNGRowFilterer {
    /// Filters one row.
    /// - Parameters:
    ///   - filter: Filter type 0–4 (a value above 4 is taken as 4).
    ///   - current: The row, preceded by `bytesPerPixel` zero bytes (so "left" of the
    ///     first pixel reads 0).
    ///   - previous: The previous row laid out the same way (all zeros for the first row).
    ///   - output: Receives `count` filtered bytes.
    ///   - count: Bytes in the row.
    ///   - bytesPerPixel: 1 to 4.
    /// - Returns: The sum of the filtered bytes as signed magnitudes (libpng's
    ///   heuristic for choosing a filter: smaller usually compresses better).
    @inlinable
    public static func filterRow(
        _ filter: UInt8, current: UnsafePointer<UInt8>, previous: UnsafePointer<UInt8>,
        output: UnsafeMutablePointer<UInt8>, count: Int, bytesPerPixel bpp: Int
    ) -> Int {
        switch filter {
        case 0: run(NoPrediction.self, current + bpp, current, previous + bpp, previous, output, count)
        case 1: run(LeftPrediction.self, current + bpp, current, previous + bpp, previous, output, count)
        case 2: run(UpPrediction.self, current + bpp, current, previous + bpp, previous, output, count)
        case 3: run(AveragePrediction.self, current + bpp, current, previous + bpp, previous, output, count)
        default: run(PaethPrediction.self, current + bpp, current, previous + bpp, previous, output, count)
        }
    }

    /// One filter over a row: x (the byte), a (left), b (above), c (above-left).
    @inlinable @inline(__always)
    static func run<P: RowPrediction>(
        _: P.Type, _ x: UnsafePointer<UInt8>, _ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>,
        _ c: UnsafePointer<UInt8>, _ out: UnsafeMutablePointer<UInt8>, _ count: Int
    ) -> Int {
        @inline(__always) func load(_ p: UnsafePointer<UInt8>) -> SIMD16<UInt8> {
            UnsafeRawPointer(p).loadUnaligned(as: SIMD16<UInt8>.self)
        }
        var total = 0
        var lanes = SIMD16<UInt16>()
        var i = 0, block = 0
        while i + 16 <= count {
            let r = load(x + i) &- P.predict(load(a + i), load(b + i), load(c + i))
            UnsafeMutableRawPointer(out + i).storeBytes(of: r, as: SIMD16<UInt8>.self)
            // |r as Int8|, branch-free: (v ^ sign) - sign.
            let v = SIMD16<Int8>(truncatingIfNeeded: r), sign = v &>> 7
            lanes &+= SIMD16<UInt16>(truncatingIfNeeded: SIMD16<UInt8>(truncatingIfNeeded: (v ^ sign) &- sign))
            i += 16
            block += 1
            if block == 256 {  // 256 × 255 still fits a 16-bit lane
                total += Int(lanes.wrappedSum())
                lanes = SIMD16<UInt16>()
                block = 0
            }
        }
        for lane in 0..<16 { total += Int(lanes[lane]) }
        while i < count {
            let r = x[i] &- P.predictScalar(a[i], b[i], c[i])
            out[i] = r
            total += Int(min(r, 0 &- r))
            i += 1
        }
        return total
    }
}

/// A PNG filter's predictor, vectorised and scalar.
public protocol RowPrediction {
    /// The prediction for 16 bytes from their left, above and above-left neighbours.
    static func predict(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>, _ c: SIMD16<UInt8>) -> SIMD16<UInt8>
    /// The prediction for one byte.
    static func predictScalar(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8
}

/// Filter 0: no prediction.
public enum NoPrediction: RowPrediction {
    @inlinable @inline(__always) public static func predict(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>, _ c: SIMD16<UInt8>) -> SIMD16<UInt8> { .zero }
    @inlinable @inline(__always) public static func predictScalar(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 { 0 }
}

/// Filter 1 (Sub): the byte to the left.
public enum LeftPrediction: RowPrediction {
    @inlinable @inline(__always) public static func predict(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>, _ c: SIMD16<UInt8>) -> SIMD16<UInt8> { a }
    @inlinable @inline(__always) public static func predictScalar(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 { a }
}

/// Filter 2 (Up): the byte above.
public enum UpPrediction: RowPrediction {
    @inlinable @inline(__always) public static func predict(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>, _ c: SIMD16<UInt8>) -> SIMD16<UInt8> { b }
    @inlinable @inline(__always) public static func predictScalar(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 { b }
}

/// Filter 3 (Average): floor((left + above) / 2).
public enum AveragePrediction: RowPrediction {
    @inlinable @inline(__always) public static func predict(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>, _ c: SIMD16<UInt8>) -> SIMD16<UInt8> {
        // floor((a + b) / 2) without widening: (a & b) + ((a ^ b) >> 1).
        (a & b) &+ ((a ^ b) &>> 1)
    }
    @inlinable @inline(__always) public static func predictScalar(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        UInt8((UInt16(a) + UInt16(b)) >> 1)
    }
}

/// Filter 4 (Paeth): whichever of left, above, above-left is nearest a + b − c.
public enum PaethPrediction: RowPrediction {
    @inlinable @inline(__always) public static func predict(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>, _ c: SIMD16<UInt8>) -> SIMD16<UInt8> {
        let a16 = SIMD16<Int16>(truncatingIfNeeded: a), b16 = SIMD16<Int16>(truncatingIfNeeded: b), c16 = SIMD16<Int16>(truncatingIfNeeded: c)
        let predictor = PNGUnfilter.paethSelect(a16, b16, c16)
        return SIMD16<UInt8>(truncatingIfNeeded: predictor)
    }
    @inlinable @inline(__always) public static func predictScalar(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
    }
}
