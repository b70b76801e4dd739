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
                guard w.isFinite else { return false }  // quantising would trap: floats take it
                s += w
                maxH = max(maxH, w)
            }
            sumH = max(sumH, s)
        }
        var maxV: Double = 0, sumV: Double = 0
        // From the whole resampling's rows: a band quantises as the whole run does.
        for y in 0..<p.scaleRows {
            var s: Double = 0
            for t in 0..<vTaps {
                let w = abs(Double(p.scaleWeights[y * vTaps + t]))
                guard w.isFinite else { return false }
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

        // Horizontal weights: per output pixel, per group of four taps, the four Int16s
        // (8 bytes, broadcast to both lanes by the load), so the table of a whole row stays
        // in L1. Padded to a multiple of four pixels with copies of the last one, so the
        // pass runs four pixels a step without a tail.
        let paddedWidth = (width + 3) & ~3
        let hWeights = UnsafeMutablePointer<Int16>.allocate(capacity: paddedWidth * groups * 4)
        defer { hWeights.deallocate() }
        let hOffsets = UnsafeMutablePointer<Int>.allocate(capacity: paddedWidth)
        defer { hOffsets.deallocate() }
        let quantised = UnsafeMutablePointer<Int32>.allocate(capacity: max(groups * 4, pairs * 2))
        defer { quantised.deallocate() }
        for x in 0..<paddedWidth {
            let source = min(x, width - 1)
            hOffsets[x] = Int(p.horizontalStarts[source]) * bpp
            let base = p.horizontalWeights + source * floatStride
            quantise(count: groups * 4, bits: bitsH, into: quantised) { t in t < hTaps ? Double(base[t * 4]) : 0 }
            for t in 0..<groups * 4 { hWeights[x * groups * 4 + t] = Int16(truncatingIfNeeded: quantised[t]) }
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
                let filtered = ring + (produced % vTaps) * ringStride, shiftH = Int32(bitsH)
                // A constant group count lets the compiler unroll the tap loop (measured: it
                // pays up to four groups, and costs beyond).
                switch groups {
                case 1: horizontal(row, bpp: bpp, width: paddedWidth, offsets: hOffsets, weights: hWeights, groups: 1, mask: mask, bits: shiftH, into: filtered)
                case 2: horizontal(row, bpp: bpp, width: paddedWidth, offsets: hOffsets, weights: hWeights, groups: 2, mask: mask, bits: shiftH, into: filtered)
                case 3: horizontal(row, bpp: bpp, width: paddedWidth, offsets: hOffsets, weights: hWeights, groups: 3, mask: mask, bits: shiftH, into: filtered)
                case 4: horizontal(row, bpp: bpp, width: paddedWidth, offsets: hOffsets, weights: hWeights, groups: 4, mask: mask, bits: shiftH, into: filtered)
                default: horizontal(row, bpp: bpp, width: paddedWidth, offsets: hOffsets, weights: hWeights, groups: groups, mask: mask, bits: shiftH, into: filtered)
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
    /// to exactly 2^`bits` (a constant image stays constant). Every weight must be finite
    /// and within the 16-bit range `fractionBits` chose for (the callers check both).
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
    /// into 16-bit pairs of neighbouring taps matching the weights (w0, w1, w2, w3)
    /// repeated: each 32-bit slot pairs pixels 0 and 1, then pixels 2 and 3, of one
    /// channel; the low lane holds channels 0 and 1, the high lane 2 and 3. A missing
    /// fourth channel reads as zero.
    static func shuffleMask(bpp: Int) -> __m256i {
        var m = SIMD32<UInt8>(repeating: 0x80)
        for slot in 0..<8 {
            let channel = slot / 2, first = (slot % 2) * 2
            guard channel < bpp else { continue }
            let byte = (slot / 4) * 16 + (slot % 4) * 4
            m[byte] = UInt8(first * bpp + channel)
            m[byte + 2] = UInt8((first + 1) * bpp + channel)
        }
        return unsafeBitCast(m, to: __m256i.self)
    }

    /// The horizontal pass of one row: four taps per `vpmaddwd` (each slot holds one
    /// channel's pair of taps), four output pixels a step sharing the pairwise folding,
    /// rounding and packing, clipped to 0–255 by saturating packs and stored with one
    /// 16-byte write (RGB compacted to 12 bytes first). `width` is a multiple of four (the
    /// tables repeat the last pixel; the extra ones land in the row's padding); `offsets`
    /// are the byte offsets of each output's first tap.
    @inline(__always)
    static func horizontal(
        _ source: UnsafePointer<UInt8>, bpp: Int, width: Int, offsets: UnsafePointer<Int>, weights: UnsafePointer<Int16>,
        groups: Int, mask: __m256i, bits: Int32, into out: UnsafeMutablePointer<UInt8>
    ) {
        // The rounding half rides in one slot of each channel's pair: the pairs are added.
        let h = Int32(1) << (bits - 1)
        let half = _mm256_setr_epi32(h, 0, h, 0, h, 0, h, 0)
        let compact = _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -128, -128, -128, -128)
        let step = 4 &* bpp, groupBytes = groups &* 8
        let base = UnsafeRawPointer(source)
        var w = UnsafeRawPointer(weights)
        var target = UnsafeMutableRawPointer(out)
        var x = 0
        while x < width {
            var s0 = base + offsets[x], s1 = base + offsets[x &+ 1]
            var s2 = base + offsets[x &+ 2], s3 = base + offsets[x &+ 3]
            var w0 = w, w1 = w + groupBytes, w2 = w + 2 &* groupBytes, w3 = w + 3 &* groupBytes
            var a0 = half, a1 = half, a2 = half, a3 = half
            for _ in 0..<groups {
                let p0 = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(s0.loadUnaligned(as: __m128i.self)), mask)
                let p1 = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(s1.loadUnaligned(as: __m128i.self)), mask)
                let p2 = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(s2.loadUnaligned(as: __m128i.self)), mask)
                let p3 = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(s3.loadUnaligned(as: __m128i.self)), mask)
                a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(p0, _mm256_set1_epi64x(w0.loadUnaligned(as: Int64.self))))
                a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(p1, _mm256_set1_epi64x(w1.loadUnaligned(as: Int64.self))))
                a2 = _mm256_add_epi32(a2, _mm256_madd_epi16(p2, _mm256_set1_epi64x(w2.loadUnaligned(as: Int64.self))))
                a3 = _mm256_add_epi32(a3, _mm256_madd_epi16(p3, _mm256_set1_epi64x(w3.loadUnaligned(as: Int64.self))))
                s0 += step; s1 += step; s2 += step; s3 += step
                w0 += 8; w1 += 8; w2 += 8; w3 += 8
            }
            // Pairwise sums: low lanes hold channels 0 and 1 of pixels 0 and 1 (then 2 and
            // 3), high lanes channels 2 and 3.
            let h01 = _mm256_srai_epi32(_mm256_hadd_epi32(a0, a1), bits)
            let h23 = _mm256_srai_epi32(_mm256_hadd_epi32(a2, a3), bits)
            let words = _mm256_packus_epi16(_mm256_packs_epi32(h01, h23), _mm256_setzero_si256())
            // Low lane: channels 0–1 of pixels 0–3 as byte pairs; high lane: channels 2–3.
            let halves = unsafeBitCast(words, to: SIMD4<Int64>.self)
            let bytes = _mm_unpacklo_epi16(unsafeBitCast(halves.lowHalf, to: __m128i.self), unsafeBitCast(halves.highHalf, to: __m128i.self))
            if bpp == 4 {
                target.storeBytes(of: bytes, as: __m128i.self)
            } else {
                target.storeBytes(of: _mm_shuffle_epi8(bytes, compact), as: __m128i.self)
            }
            target += step
            w += 4 &* groupBytes
            x &+= 4
        }
    }

    /// The vertical pass of one output row, 32 bytes a step: the bytes of two ring rows
    /// interleaved within each 128-bit lane, widened to 16-bit pairs and multiplied by the
    /// pair's weights; rounded, then clipped by saturating packs, which put the lanes back
    /// in order.
    @inline(__always)
    static func vertical(
        _ rows: UnsafePointer<UnsafePointer<UInt8>>, _ weights: UnsafePointer<Int32>, pairs: Int, count: Int, bits: Int32,
        into out: UnsafeMutablePointer<UInt8>
    ) {
        let half = _mm256_set1_epi32(Int32(1) << (bits - 1))
        let zero = _mm256_setzero_si256()
        var i = 0
        while i < count {
            var a0 = half, a1 = half, a2 = half, a3 = half
            for k in 0..<pairs {
                let w = _mm256_set1_epi32(weights[k])
                let x = UnsafeRawPointer(rows[2 * k] + i).loadUnaligned(as: __m256i.self)
                let y = UnsafeRawPointer(rows[2 * k + 1] + i).loadUnaligned(as: __m256i.self)
                let low = _mm256_unpacklo_epi8(x, y), high = _mm256_unpackhi_epi8(x, y)
                a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(_mm256_unpacklo_epi8(low, zero), w))
                a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(_mm256_unpackhi_epi8(low, zero), w))
                a2 = _mm256_add_epi32(a2, _mm256_madd_epi16(_mm256_unpacklo_epi8(high, zero), w))
                a3 = _mm256_add_epi32(a3, _mm256_madd_epi16(_mm256_unpackhi_epi8(high, zero), w))
            }
            let p01 = _mm256_packs_epi32(_mm256_srai_epi32(a0, bits), _mm256_srai_epi32(a1, bits))
            let p23 = _mm256_packs_epi32(_mm256_srai_epi32(a2, bits), _mm256_srai_epi32(a3, bits))
            UnsafeMutableRawPointer(out + i).storeBytes(of: _mm256_packus_epi16(p01, p23), as: __m256i.self)
            i += 32
        }
    }
}
#endif
