#if arch(x86_64)
import _Builtin_intrinsics.intel
import PixelKernels

/// The x86-64-v3 fixed-point resampler for classic mode (stored values, straight alpha, no
/// box reduction) on 3- and 4-channel images: 8-bit samples times 16-bit weights summed
/// in 32 bits with `vpmaddwd`, two taps per multiply-add, as Pillow-SIMD does. The first
/// pass is rounded and clipped to an 8-bit intermediate (as Pillow's is), so the working
/// ring is a quarter of the float one and RGB needs no padding lane.
///
/// Weights are scaled to the most fractional bits that keep every weight within 16 bits
/// and rounded so each output's weights sum exactly to one; plans the fixed point cannot
/// hold within a level of the exact result (vertical weights whose magnitudes sum past
/// 1.8, or sums that could overflow 32 bits) are declined and run in floats.
enum FixedPointResampler {
    /// Runs the plan in fixed point if it qualifies.
    /// - Parameter p: the resampling to do; every pointer must stay valid meanwhile.
    /// - Returns: false (having written nothing) if the plan is not one this path takes.
    static func run(_ p: ResamplePlan) -> Bool {
        guard !p.linear, !p.premultiply, p.reduceX == 1, p.reduceY == 1, p.lanes == 4,
              p.channels == 3 || p.channels == 4 else { return false }
        let bpp = p.channels
        let width = p.destinationWidth, height = p.destinationHeight
        let floatStride = p.horizontalVectors * 8
        let hTaps = p.horizontalVectors * 2, groups = (hTaps + 3) / 4
        let vTaps = p.verticalTaps, pairs = (vTaps + 1) / 2
        guard hTaps >= 1, vTaps >= 1, hTaps <= 1024, vTaps <= 1024 else { return false }

        // Weight magnitudes: the scale, and whether the error budget and 32 bits hold.
        var maxH: Double = 0, sumH: Double = 0
        for x in 0..<width {
            var s: Double = 0
            for t in 0..<hTaps {
                let w = abs(Double(p.horizontalWeights[x * floatStride + t * 4]))
                s += w
                maxH = max(maxH, w)
            }
            sumH = max(sumH, s)
        }
        var maxV: Double = 0, sumV: Double = 0
        for y in 0..<height {
            var s: Double = 0
            for t in 0..<vTaps {
                let w = abs(Double(p.verticalWeights[y * vTaps + t]))
                s += w
                maxV = max(maxV, w)
            }
            sumV = max(sumV, s)
        }
        guard maxH > 0, maxV > 0, sumV <= 1.8 else { return false }
        let bitsH = fractionBits(maxH), bitsV = fractionBits(maxV)
        // Largest possible sum, with room for the rounding and the weight adjustment.
        guard 255 * (sumH + 0.01) * Double(1 << bitsH) < Double(1 << 30),
              255 * (sumV + 0.01) * Double(1 << bitsV) < Double(1 << 30) else { return false }

        let rowBytes = width * bpp
        let ringStride = ((rowBytes + 31) & ~31) + 32
        guard vTaps * ringStride <= ResampleCore.ringByteLimit else { return false }

        // Horizontal weights: per output pixel, per group of four taps, 16 Int16s:
        // (w0, w1) four times for the low 128-bit lane, (w2, w3) four times for the high.
        let hWeights = UnsafeMutablePointer<Int16>.allocate(capacity: width * groups * 16)
        defer { hWeights.deallocate() }
        let quantised = UnsafeMutablePointer<Int32>.allocate(capacity: max(groups * 4, pairs * 2))
        defer { quantised.deallocate() }
        for x in 0..<width {
            let base = p.horizontalWeights + x * floatStride
            quantise(count: groups * 4, bits: bitsH, into: quantised) { t in t < hTaps ? Double(base[t * 4]) : 0 }
            for g in 0..<groups {
                let d = hWeights + (x * groups + g) * 16
                for j in 0..<4 {
                    d[2 * j] = Int16(truncatingIfNeeded: quantised[4 * g])
                    d[2 * j + 1] = Int16(truncatingIfNeeded: quantised[4 * g + 1])
                    d[8 + 2 * j] = Int16(truncatingIfNeeded: quantised[4 * g + 2])
                    d[9 + 2 * j] = Int16(truncatingIfNeeded: quantised[4 * g + 3])
                }
            }
        }
        // Vertical weights: per output row, one Int32 per pair of taps (low half first tap).
        let vWeights = UnsafeMutablePointer<Int32>.allocate(capacity: height * pairs)
        defer { vWeights.deallocate() }
        for y in 0..<height {
            let base = p.verticalWeights + y * vTaps
            quantise(count: pairs * 2, bits: bitsV, into: quantised) { t in t < vTaps ? Double(base[t]) : 0 }
            for k in 0..<pairs {
                vWeights[y * pairs + k] = (quantised[2 * k] & 0xFFFF) | (quantised[2 * k + 1] << 16)
            }
        }

        // A source row copy with room for the widest over-read (zero weights meet zeros),
        // for rows whose over-read would leave the image.
        let overRead = (groups * 4 + 8) * bpp + 32
        let sourceBytes = p.sourceWidth * bpp
        let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: sourceBytes + overRead)
        padded.initialize(repeating: 0, count: sourceBytes + overRead)
        defer { padded.deallocate() }
        let ring = UnsafeMutablePointer<UInt8>.allocate(capacity: (vTaps + 1) * ringStride)
        ring.initialize(repeating: 0, count: (vTaps + 1) * ringStride)
        defer { ring.deallocate() }
        let outRow = ring + vTaps * ringStride
        let rows = UnsafeMutablePointer<UnsafePointer<UInt8>>.allocate(capacity: pairs * 2)
        defer { rows.deallocate() }
        let mask = shuffleMask(bpp: bpp)

        var produced = 0
        for y in 0..<height {
            let start = Int(p.verticalStarts[y])
            if produced < start || produced - vTaps > start { produced = start }
            while produced < start + vTaps {
                var row = p.source + produced * p.sourceStride
                if (p.sourceHeight - 1 - produced) * p.sourceStride < overRead {
                    padded.update(from: row, count: sourceBytes)
                    row = UnsafePointer(padded)
                }
                let filtered = ring + (produced % vTaps) * ringStride
                // A constant group count lets the compiler unroll the tap loop.
                switch groups {
                case 1: horizontal(row, bpp: bpp, width: width, starts: p.horizontalStarts, weights: hWeights, groups: 1,
                                   mask: mask, bits: Int32(bitsH), into: filtered)
                case 2: horizontal(row, bpp: bpp, width: width, starts: p.horizontalStarts, weights: hWeights, groups: 2,
                                   mask: mask, bits: Int32(bitsH), into: filtered)
                case 3: horizontal(row, bpp: bpp, width: width, starts: p.horizontalStarts, weights: hWeights, groups: 3,
                                   mask: mask, bits: Int32(bitsH), into: filtered)
                case 4: horizontal(row, bpp: bpp, width: width, starts: p.horizontalStarts, weights: hWeights, groups: 4,
                                   mask: mask, bits: Int32(bitsH), into: filtered)
                default: horizontal(row, bpp: bpp, width: width, starts: p.horizontalStarts, weights: hWeights, groups: groups,
                                    mask: mask, bits: Int32(bitsH), into: filtered)
                }
                produced += 1
            }
            for t in 0..<vTaps { rows[t] = UnsafePointer(ring + ((start + t) % vTaps) * ringStride) }
            if vTaps & 1 == 1 { rows[vTaps] = rows[0] }
            vertical(rows, vWeights + y * pairs, pairs: pairs, count: rowBytes, bits: Int32(bitsV), into: outRow)
            (p.destination + y * p.destinationStride).update(from: outRow, count: rowBytes)
        }
        return true
    }

    /// The most fractional bits (at most 20) that keep a weight of magnitude `largest`,
    /// rounded and adjusted, within 16 signed bits.
    static func fractionBits(_ largest: Double) -> Int {
        var bits = 20
        while bits > 1 && largest * Double(1 << bits) > 30_000 { bits -= 1 }
        return bits
    }

    /// `count` weights scaled by 2^`bits` and rounded, the largest adjusted so they sum
    /// to exactly 2^`bits` (a constant image stays constant).
    static func quantise(count: Int, bits: Int, into out: UnsafeMutablePointer<Int32>, _ weight: (Int) -> Double) {
        let scale = Double(1 << bits)
        var sum: Int32 = 0, largest = 0
        for t in 0..<count {
            let q = Int32((weight(t) * scale).rounded())
            out[t] = q
            sum += q
            if abs(q) > abs(out[largest]) { largest = t }
        }
        out[largest] += Int32(1 << bits) - sum
    }

    /// The `vpshufb` pattern that spreads four pixels (the same 16 bytes in both lanes)
    /// into 16-bit pairs of neighbouring taps: the low lane pairs pixels 0 and 1 channel
    /// by channel, the high lane pixels 2 and 3. A missing fourth channel reads as zero.
    static func shuffleMask(bpp: Int) -> __m256i {
        var m = SIMD32<UInt8>(repeating: 0x80)
        for lane in 0..<2 {
            for c in 0..<bpp {
                m[lane * 16 + c * 4] = UInt8(2 * lane * bpp + c)
                m[lane * 16 + c * 4 + 2] = UInt8((2 * lane + 1) * bpp + c)
            }
        }
        return unsafeBitCast(m, to: __m256i.self)
    }

    /// The horizontal pass of one row: four taps per `vpmaddwd`, two output pixels a step
    /// sharing the rounding and packing, clipped to 0–255 by saturating packs, each pixel
    /// stored as four bytes (the next pixel overwrites the spare byte of RGB).
    @inline(__always)
    static func horizontal(
        _ source: UnsafePointer<UInt8>, bpp: Int, width: Int, starts: UnsafePointer<Int32>, weights: UnsafePointer<Int16>,
        groups: Int, mask: __m256i, bits: Int32, into out: UnsafeMutablePointer<UInt8>
    ) {
        let half = _mm256_set1_epi32(Int32(1) << (bits - 1))
        let zero = _mm256_setzero_si256()
        let step = 4 * bpp, groupBytes = groups * 32
        var w = UnsafeRawPointer(weights)
        var x = 0
        while x < width {
            // The last, odd pixel pairs with itself.
            let second = x + 1 < width ? 1 : 0
            var sa = UnsafeRawPointer(source + Int(starts[x]) * bpp)
            var sb = UnsafeRawPointer(source + Int(starts[x + second]) * bpp)
            var wb = w + second * groupBytes
            var a = _mm256_setzero_si256(), b = _mm256_setzero_si256()
            for _ in 0..<groups {
                let pa = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(sa.loadUnaligned(as: __m128i.self)), mask)
                let pb = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(sb.loadUnaligned(as: __m128i.self)), mask)
                a = _mm256_add_epi32(a, _mm256_madd_epi16(pa, w.loadUnaligned(as: __m256i.self)))
                b = _mm256_add_epi32(b, _mm256_madd_epi16(pb, wb.loadUnaligned(as: __m256i.self)))
                sa += step
                sb += step
                w += 32
                wb += 32
            }
            let va = unsafeBitCast(a, to: SIMD8<Int32>.self), vb = unsafeBitCast(b, to: SIMD8<Int32>.self)
            let sums = unsafeBitCast(SIMD8(lowHalf: va.lowHalf &+ va.highHalf, highHalf: vb.lowHalf &+ vb.highHalf), to: __m256i.self)
            let shifted = _mm256_srai_epi32(_mm256_add_epi32(sums, half), bits)
            let packed = unsafeBitCast(_mm256_packus_epi16(_mm256_packs_epi32(shifted, zero), zero), to: SIMD8<Int32>.self)
            UnsafeMutableRawPointer(out + x * bpp).storeBytes(of: packed[0], as: Int32.self)
            UnsafeMutableRawPointer(out + (x + second) * bpp).storeBytes(of: packed[4], as: Int32.self)
            w += second * groupBytes
            x += 2
        }
    }

    /// The vertical pass of one output row, 32 bytes a step: bytes of two ring rows
    /// interleaved, widened to 16 bits and multiplied by the pair's weights; rounded,
    /// clipped by saturating packs and put back in order with a cross-lane permute.
    @inline(__always)
    static func vertical(
        _ rows: UnsafePointer<UnsafePointer<UInt8>>, _ weights: UnsafePointer<Int32>, pairs: Int, count: Int, bits: Int32,
        into out: UnsafeMutablePointer<UInt8>
    ) {
        let half = _mm256_set1_epi32(Int32(1) << (bits - 1))
        let order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7)
        var i = 0
        while i < count {
            var a0 = half, a1 = half, a2 = half, a3 = half
            for k in 0..<pairs {
                let w = _mm256_set1_epi32(weights[k])
                let r0 = UnsafeRawPointer(rows[2 * k] + i), r1 = UnsafeRawPointer(rows[2 * k + 1] + i)
                let x0 = r0.loadUnaligned(as: __m128i.self), y0 = r1.loadUnaligned(as: __m128i.self)
                let x1 = r0.loadUnaligned(fromByteOffset: 16, as: __m128i.self)
                let y1 = r1.loadUnaligned(fromByteOffset: 16, as: __m128i.self)
                a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(_mm256_cvtepu8_epi16(_mm_unpacklo_epi8(x0, y0)), w))
                a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(_mm256_cvtepu8_epi16(_mm_unpackhi_epi8(x0, y0)), w))
                a2 = _mm256_add_epi32(a2, _mm256_madd_epi16(_mm256_cvtepu8_epi16(_mm_unpacklo_epi8(x1, y1)), w))
                a3 = _mm256_add_epi32(a3, _mm256_madd_epi16(_mm256_cvtepu8_epi16(_mm_unpackhi_epi8(x1, y1)), w))
            }
            let p01 = _mm256_packs_epi32(_mm256_srai_epi32(a0, bits), _mm256_srai_epi32(a1, bits))
            let p23 = _mm256_packs_epi32(_mm256_srai_epi32(a2, bits), _mm256_srai_epi32(a3, bits))
            let bytes = _mm256_permutevar8x32_epi32(_mm256_packus_epi16(p01, p23), order)
            UnsafeMutableRawPointer(out + i).storeBytes(of: bytes, as: __m256i.self)
            i += 32
        }
    }
}
#endif
