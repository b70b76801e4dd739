#if arch(x86_64)
import _Builtin_intrinsics.intel
import PixelKernels

/// The x86-64-v3 fixed-point resampler for linear-light RGB (no box reduction). Each
/// source row is split into three planes and its sRGB samples decoded to 15-bit linear
/// light (0…`linearMax`, in Int16) by a polynomial, 8 samples per float vector. The
/// horizontal pass multiplies 16 neighbouring samples of one plane by an output's 16
/// weights in one `vpmaddwd` and sums eight outputs' products with `vphaddd`; its result
/// is rounded and clipped into a ring of 16-bit planar rows. The vertical pass
/// interleaves two ring rows and applies a pair of weights per `vpmaddwd`, rounding
/// straight to an index of the plan's 14-bit `fromLinear` table.
///
/// RGB has no alpha, so premultiplication does not apply. Images with alpha are left to
/// the float core: premultiplied colour in 15 bits loses too much where alpha is small
/// (dividing by alpha 1/255 magnifies one step 255 times).
///
/// Weights are scaled to the most fractional bits (at most 15) that keep them within 16
/// bits and every 32-bit sum of `linearMax`-sized samples from overflowing, and rounded
/// so each output's weights sum exactly to one (a constant image stays constant). Plans
/// outside that, or with so many taps that the rounding of the weights could add up to
/// a visible error, are declined and run in floats.
package enum FixedPointLinearResampler {
    /// Linear light 1.0 in the 16-bit working space: twice the last index of the 14-bit
    /// output table, so a working value halved and rounded is its table index.
    static let linearMax: Int32 = 32766

    /// The weight scales this path would use for a plan: fractional bits of each pass.
    struct Scales {
        /// Fractional bits of the horizontal weights.
        var horizontal: Int
        /// Fractional bits of the vertical weights.
        var vertical: Int
    }

    /// Whether `run` takes the plan (for tests: the fast path must really be exercised).
    /// - Parameter plan: a resampling plan; only its settings and weights are read.
    /// - Returns: true if `run(plan)` would resample in fixed point.
    package static func qualifies(_ plan: ResamplePlan) -> Bool { scales(plan) != nil }

    /// The weight scales for the plan, or nil if this path does not take it.
    static func scales(_ p: ResamplePlan) -> Scales? {
        guard p.linear, p.reduceX == 1, p.reduceY == 1, p.lanes == 4, p.channels == 3, !p.hasAlpha,
              p.fromLinearCount == Int(linearMax) / 2 + 1 else { return nil }
        let floatStride = p.horizontalVectors * 8
        let hTaps = p.horizontalVectors * 2, vTaps = p.verticalTaps
        guard hTaps >= 1, vTaps >= 1, hTaps <= maxTaps, vTaps <= maxTaps else { return nil }
        guard let h = bits(count: p.destinationWidth, taps: hTaps, { x, t in p.horizontalWeights[x * floatStride + t * 4] }),
              let v = bits(count: p.scaleRows, taps: vTaps, { y, t in p.scaleWeights[y * vTaps + t] })
        else { return nil }
        return Scales(horizontal: h, vertical: v)
    }

    /// The most taps per axis this path takes: beyond, the rounding errors of many small
    /// weights could add up to a level in the darkest tones.
    static let maxTaps = 64

    /// The fractional bits for one pass's weights, or nil if none fit.
    /// - Parameters:
    ///   - count: outputs of the pass.
    ///   - taps: weights per output.
    ///   - weight: weight `t` of output `i`.
    static func bits(count: Int, taps: Int, _ weight: (Int, Int) -> Float) -> Int? {
        var largest: Double = 0, positive: Double = 0
        for i in 0..<count {
            var s: Double = 0
            for t in 0..<taps {
                let w = Double(weight(i, t))
                guard w.isFinite else { return nil }  // quantising would trap: floats take it
                largest = max(largest, abs(w))
                if w > 0 { s += w }
            }
            positive = max(positive, s)
        }
        guard largest > 0 else { return nil }
        var bits = min(15, FixedPointResampler.fractionBits(largest))
        // A sum of samples 0…linearMax lies within linearMax × (sum of positive weights) and
        // −linearMax × (sum of negative ones); with room for the rounding adjustment.
        while bits > 0 && Double(linearMax) * (positive + 0.01) * Double(1 << bits) + Double(1 << bits) >= 2_147_483_647 {
            bits -= 1
        }
        return bits >= 12 ? bits : nil
    }

    /// Runs the plan in fixed point if it qualifies.
    /// - Parameter p: the resampling to do; every pointer must stay valid meanwhile.
    /// - Returns: false (having written nothing) if the plan is not one this path takes.
    static func run(_ p: ResamplePlan) -> Bool {
        guard let scales = scales(p) else { return false }
        let bitsH = scales.horizontal, bitsV = scales.vertical
        let width = p.destinationWidth, height = p.destinationHeight
        let floatStride = p.horizontalVectors * 8
        let hTaps = p.horizontalVectors * 2, chunks = (hTaps + 15) / 16
        let vTaps = p.verticalTaps, pairs = (vTaps + 1) / 2

        // Filtered rows: three planes of `plane` Int16 (whole steps of 32 for the vertical
        // pass, whole blocks of 8 outputs for the horizontal one).
        let blocks = (width + 7) / 8
        let plane = (width + 31) & ~31
        let ringStride = 3 * plane
        guard vTaps * ringStride * 2 <= ResampleCore.ringByteLimit else { return false }

        // Horizontal weights: per output (padded to whole blocks), `chunks` × 16 Int16;
        // outputs past the width read plane start 0 with zero weights.
        let padded = blocks * 8
        let hWeights = UnsafeMutablePointer<Int16>.allocate(capacity: padded * chunks * 16)
        hWeights.initialize(repeating: 0, count: padded * chunks * 16)
        defer { hWeights.deallocate() }
        let starts = UnsafeMutablePointer<Int32>.allocate(capacity: padded)
        starts.initialize(repeating: 0, count: padded)
        defer { starts.deallocate() }
        let quantised = UnsafeMutablePointer<Int32>.allocate(capacity: max(chunks * 16, pairs * 2))
        defer { quantised.deallocate() }
        for x in 0..<width {
            let base = p.horizontalWeights + x * floatStride
            FixedPointResampler.quantise(count: chunks * 16, bits: bitsH, into: quantised) { t in t < hTaps ? Double(base[t * 4]) : 0 }
            for t in 0..<chunks * 16 { hWeights[x * chunks * 16 + t] = Int16(truncatingIfNeeded: quantised[t]) }
            starts[x] = p.horizontalStarts[x]
        }
        // Vertical weights: per output row, one Int32 per pair of taps (low half first tap).
        let vWeights = UnsafeMutablePointer<Int32>.allocate(capacity: height * pairs)
        defer { vWeights.deallocate() }
        for y in 0..<height {
            let base = p.verticalWeights + y * vTaps
            FixedPointResampler.quantise(count: pairs * 2, bits: bitsV, into: quantised) { t in t < vTaps ? Double(base[t]) : 0 }
            for k in 0..<pairs {
                vWeights[y * pairs + k] = (quantised[2 * k] & 0xFFFF) | (quantised[2 * k + 1] << 16)
            }
        }

        let decoder = Decoder()
        // One converted source row: three planes of `inputPlane` Int16, zero past the
        // width, with room for the widest over-read of the horizontal pass and for the
        // conversion's whole 16-pixel steps.
        let inputPlane = ((p.sourceWidth + 15) & ~15) + chunks * 16 + 16
        let scratchCount = 3 * inputPlane + (vTaps + 1) * ringStride
        let scratch = UnsafeMutablePointer<Int16>.allocate(capacity: scratchCount)
        scratch.initialize(repeating: 0, count: scratchCount)
        defer { scratch.deallocate() }
        let input = scratch
        let ring = input + 3 * inputPlane
        let indices = ring + vTaps * ringStride
        let rows = UnsafeMutablePointer<UnsafePointer<Int16>>.allocate(capacity: pairs * 2)
        defer { rows.deallocate() }

        var produced = 0
        for y in 0..<height {
            let start = Int(p.verticalStarts[y])
            if produced < start || produced - vTaps > start { produced = start }
            while produced < start + vTaps {
                decoder.convertRow(p.source + produced * p.sourceStride, width: p.sourceWidth, into: input, plane: inputPlane)
                let filtered = ring + (produced % vTaps) * ringStride
                for c in 0..<3 {
                    // A constant chunk count lets the compiler unroll the tap loop.
                    let from = UnsafePointer(input + c * inputPlane), to = filtered + c * plane
                    if chunks == 1 {
                        horizontal(from, blocks: blocks, starts: starts, weights: hWeights, chunks: 1, bits: Int32(bitsH), into: to)
                    } else if chunks == 2 {
                        horizontal(from, blocks: blocks, starts: starts, weights: hWeights, chunks: 2, bits: Int32(bitsH), into: to)
                    } else {
                        horizontal(from, blocks: blocks, starts: starts, weights: hWeights, chunks: chunks, bits: Int32(bitsH), into: to)
                    }
                }
                produced += 1
            }
            for t in 0..<vTaps { rows[t] = UnsafePointer(ring + ((start + t) % vTaps) * ringStride) }
            if vTaps & 1 == 1 { rows[vTaps] = rows[0] }
            vertical(rows, vWeights + y * pairs, pairs: pairs, count: ringStride, bits: Int32(bitsV), into: indices)
            // The vertical pass clipped every index to 0…count − 1 in integers.
            let d = p.destination + y * p.destinationStride, table = p.fromLinear, count = p.fromLinearCount
            let r = indices, g = indices + plane, b = indices + 2 * plane
            for x in 0..<width {
                d[3 * x] = SampleConversion.lookup(table, Int(UInt16(bitPattern: r[x])), count: count)
                d[3 * x + 1] = SampleConversion.lookup(table, Int(UInt16(bitPattern: g[x])), count: count)
                d[3 * x + 2] = SampleConversion.lookup(table, Int(UInt16(bitPattern: b[x])), count: count)
            }
        }
        return true
    }

    /// Coefficients, constant term first, of the degree-5 polynomial in the sample value
    /// v (11…255) that gives linear light × `linearMax`: a least-squares fit reweighted
    /// towards the minimax one, within 0.67 of a step (1/`linearMax`) of the exact
    /// IEC 61966-2-1 value at every sample, float32 evaluation included
    /// (`FixedPointLinearTests` checks every sample).
    static let decodeCoefficients: [Float] = [
        33.452659606933594, 3.8525826930999756, 0.27197936177253723, 0.0012042621383443475,
        -1.8539457187216613e-06, 1.7955513742506923e-09,
    ]

    /// Every sample value 0…255 decoded by `Decoder` (for tests of the polynomial).
    /// - Returns: 256 working values.
    package static func decodedSamples() -> [Int16] {
        let decoder = Decoder()
        var out = [Int16](repeating: 0, count: 256)
        out.withUnsafeMutableBytes { o in
            for first in stride(from: 0, to: 256, by: 16) {
                var bytes = SIMD16<UInt8>()
                for i in 0..<16 { bytes[i] = UInt8(first + i) }
                decoder.decode16(unsafeBitCast(bytes, to: __m128i.self), into: o.baseAddress! + 2 * first)
            }
        }
        return out
    }

    /// Samples 0…10 lie on the linear segment of the sRGB curve: v / 255 / 12.92.
    static let decodeSlope = Float(Double(linearMax) / 255 / 12.92)

    /// The sRGB decoder: its constants splatted once per call.
    struct Decoder {
        /// `decodeCoefficients` in every lane.
        var c5, c4, c3, c2, c1, c0: __m256
        /// `decodeSlope` in every lane.
        var slope: __m256
        /// 11 in every lane: the first sample past the linear segment.
        var knee: __m256i
        /// Per plane (r, g, b) and third of 16 RGB pixels (0, 1, 2), the `vpshufb`
        /// pattern that picks the plane's samples out of that third (0x80: none).
        var r0, r1, r2, g0, g1, g2, b0, b1, b2: __m128i

        /// The splatted constants.
        init() {
            let c = FixedPointLinearResampler.decodeCoefficients
            c5 = _mm256_set1_ps(c[5]); c4 = _mm256_set1_ps(c[4]); c3 = _mm256_set1_ps(c[3])
            c2 = _mm256_set1_ps(c[2]); c1 = _mm256_set1_ps(c[1]); c0 = _mm256_set1_ps(c[0])
            slope = _mm256_set1_ps(FixedPointLinearResampler.decodeSlope)
            knee = _mm256_set1_epi32(11)
            func pick(_ channel: Int, _ third: Int) -> __m128i {
                var m = SIMD16<UInt8>(repeating: 0x80)
                for i in 0..<16 where (3 * i + channel) / 16 == third { m[i] = UInt8((3 * i + channel) % 16) }
                return unsafeBitCast(m, to: __m128i.self)
            }
            r0 = pick(0, 0); r1 = pick(0, 1); r2 = pick(0, 2)
            g0 = pick(1, 0); g1 = pick(1, 1); g2 = pick(1, 2)
            b0 = pick(2, 0); b1 = pick(2, 1); b2 = pick(2, 2)
        }

        /// Eight samples (as Int32) to rounded linear working values (as Int32).
        @inline(__always)
        func decode8(_ v: __m256i) -> __m256i {
            let x = _mm256_cvtepi32_ps(v)
            var p = _mm256_fmadd_ps(c5, x, c4)
            p = _mm256_fmadd_ps(p, x, c3)
            p = _mm256_fmadd_ps(p, x, c2)
            p = _mm256_fmadd_ps(p, x, c1)
            p = _mm256_fmadd_ps(p, x, c0)
            // v − 11 is negative (sign bit set: take the linear segment) for v ≤ 10.
            let low = _mm256_castsi256_ps(_mm256_sub_epi32(v, knee))
            return _mm256_cvtps_epi32(_mm256_blendv_ps(p, _mm256_mul_ps(x, slope), low))
        }

        /// Sixteen samples to linear working values, in order.
        @inline(__always)
        func decode16(_ bytes: __m128i, into d: UnsafeMutableRawPointer) {
            let a = decode8(_mm256_cvtepu8_epi32(bytes))
            let b = decode8(_mm256_cvtepu8_epi32(_mm_unpackhi_epi64(bytes, bytes)))
            let order = _mm256_setr_epi32(0, 1, 4, 5, 2, 3, 6, 7)
            d.storeBytes(of: _mm256_permutevar8x32_epi32(_mm256_packs_epi32(a, b), order), as: __m256i.self)
        }

        /// Sixteen RGB pixels (48 bytes) to three planes of 16 working values.
        @inline(__always)
        func decodePixels16(_ s: UnsafeRawPointer, into d: UnsafeMutablePointer<Int16>, plane: Int) {
            let a = s.loadUnaligned(as: __m128i.self)
            let b = s.loadUnaligned(fromByteOffset: 16, as: __m128i.self)
            let c = s.loadUnaligned(fromByteOffset: 32, as: __m128i.self)
            let r = _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(a, r0), _mm_shuffle_epi8(b, r1)), _mm_shuffle_epi8(c, r2))
            decode16(r, into: UnsafeMutableRawPointer(d))
            let g = _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(a, g0), _mm_shuffle_epi8(b, g1)), _mm_shuffle_epi8(c, g2))
            decode16(g, into: UnsafeMutableRawPointer(d + plane))
            let bl = _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(a, b0), _mm_shuffle_epi8(b, b1)), _mm_shuffle_epi8(c, b2))
            decode16(bl, into: UnsafeMutableRawPointer(d + 2 * plane))
        }

        /// One row of `width` sRGB RGB pixels to three planes of linear working values,
        /// 16 pixels at a time; the last few go through a zero-padded copy (so every
        /// sample takes the same arithmetic and a constant row stays constant), writing
        /// zeros past the width.
        @inline(__always)
        func convertRow(_ s: UnsafePointer<UInt8>, width: Int, into d: UnsafeMutablePointer<Int16>, plane: Int) {
            var x = 0
            while x + 16 <= width {
                decodePixels16(UnsafeRawPointer(s + 3 * x), into: d + x, plane: plane)
                x += 16
            }
            if x < width {
                var bytes = (SIMD16<UInt8>(), SIMD16<UInt8>(), SIMD16<UInt8>())
                withUnsafeMutableBytes(of: &bytes) { b in
                    for j in 0..<(3 * (width - x)) { b[j] = s[3 * x + j] }
                    decodePixels16(UnsafeRawPointer(b.baseAddress!), into: d + x, plane: plane)
                }
            }
        }
    }

    /// One output's products: its `chunks` × 16 samples from `s` times its weights `w`,
    /// one `vpmaddwd` per 16, as eight Int32 partial sums.
    @inline(__always)
    static func dot(_ s: UnsafeRawPointer, _ w: UnsafeRawPointer, chunks: Int) -> __m256i {
        var a = _mm256_madd_epi16(s.loadUnaligned(as: __m256i.self), w.loadUnaligned(as: __m256i.self))
        var k = 1
        while k < chunks {
            a = _mm256_add_epi32(a, _mm256_madd_epi16(s.loadUnaligned(fromByteOffset: 32 * k, as: __m256i.self),
                                                      w.loadUnaligned(fromByteOffset: 32 * k, as: __m256i.self)))
            k += 1
        }
        return a
    }

    /// The horizontal pass of one plane of one row, eight outputs a step: each output's
    /// 16 (or `chunks` × 16) neighbouring samples times its weights in one `vpmaddwd` per
    /// chunk, the eight sums of eight folded together by `vphaddd`, rounded and clipped to
    /// 0…`linearMax`.
    @inline(__always)
    static func horizontal(
        _ source: UnsafePointer<Int16>, blocks: Int, starts: UnsafePointer<Int32>, weights: UnsafePointer<Int16>,
        chunks: Int, bits: Int32, into out: UnsafeMutablePointer<Int16>
    ) {
        let half = _mm256_set1_epi32(Int32(1) << (bits - 1))
        let zero = _mm_setzero_si128(), top = _mm_set1_epi16(Int16(linearMax))
        let os = chunks * 32
        let src = UnsafeRawPointer(source)
        var w = UnsafeRawPointer(weights)
        var st = starts
        for block in 0..<blocks {
            let d0 = dot(src + 2 * Int(st[0]), w, chunks: chunks), d1 = dot(src + 2 * Int(st[1]), w + os, chunks: chunks)
            let d2 = dot(src + 2 * Int(st[2]), w + 2 * os, chunks: chunks), d3 = dot(src + 2 * Int(st[3]), w + 3 * os, chunks: chunks)
            let h01 = _mm256_hadd_epi32(d0, d1), h23 = _mm256_hadd_epi32(d2, d3)
            let d4 = dot(src + 2 * Int(st[4]), w + 4 * os, chunks: chunks), d5 = dot(src + 2 * Int(st[5]), w + 5 * os, chunks: chunks)
            let d6 = dot(src + 2 * Int(st[6]), w + 6 * os, chunks: chunks), d7 = dot(src + 2 * Int(st[7]), w + 7 * os, chunks: chunks)
            let h45 = _mm256_hadd_epi32(d4, d5), h67 = _mm256_hadd_epi32(d6, d7)
            // Low lane: outputs 0–3 (4–7) over taps 0–7 of each 16; high lane: taps 8–15.
            let q0 = unsafeBitCast(_mm256_hadd_epi32(h01, h23), to: SIMD8<Int32>.self)
            let q1 = unsafeBitCast(_mm256_hadd_epi32(h45, h67), to: SIMD8<Int32>.self)
            let sums = unsafeBitCast(SIMD8(lowHalf: q0.lowHalf &+ q0.highHalf, highHalf: q1.lowHalf &+ q1.highHalf), to: __m256i.self)
            let shifted = _mm256_srai_epi32(_mm256_add_epi32(sums, half), bits)
            let halves = unsafeBitCast(shifted, to: SIMD8<Int32>.self)
            let packed = _mm_packs_epi32(unsafeBitCast(halves.lowHalf, to: __m128i.self), unsafeBitCast(halves.highHalf, to: __m128i.self))
            UnsafeMutableRawPointer(out + block * 8).storeBytes(of: _mm_min_epi16(_mm_max_epi16(packed, zero), top), as: __m128i.self)
            w += 8 * os
            st += 8
        }
    }

    /// The vertical pass of one output row, 32 samples a step: samples of two ring rows
    /// interleaved and multiplied by the pair's weights; the sums halved with the rounding
    /// shift, so the result is the index into the 14-bit output table, clipped to it.
    @inline(__always)
    static func vertical(
        _ rows: UnsafePointer<UnsafePointer<Int16>>, _ weights: UnsafePointer<Int32>, pairs: Int, count: Int, bits: Int32,
        into out: UnsafeMutablePointer<Int16>
    ) {
        let half = _mm256_set1_epi32(Int32(1) << bits)
        let shift = bits + 1
        let zero = _mm256_setzero_si256(), top = _mm256_set1_epi16(Int16(linearMax / 2))
        var i = 0
        while i < count {
            var a0 = half, a1 = half, a2 = half, a3 = half
            for k in 0..<pairs {
                let w = _mm256_set1_epi32(weights[k])
                let r0 = UnsafeRawPointer(rows[2 * k] + i), r1 = UnsafeRawPointer(rows[2 * k + 1] + i)
                let x0 = r0.loadUnaligned(as: __m256i.self), y0 = r1.loadUnaligned(as: __m256i.self)
                let x1 = r0.loadUnaligned(fromByteOffset: 32, as: __m256i.self)
                let y1 = r1.loadUnaligned(fromByteOffset: 32, as: __m256i.self)
                a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(_mm256_unpacklo_epi16(x0, y0), w))
                a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(_mm256_unpackhi_epi16(x0, y0), w))
                a2 = _mm256_add_epi32(a2, _mm256_madd_epi16(_mm256_unpacklo_epi16(x1, y1), w))
                a3 = _mm256_add_epi32(a3, _mm256_madd_epi16(_mm256_unpackhi_epi16(x1, y1), w))
            }
            // packs undoes the in-lane interleave: the samples come out in order.
            let p0 = _mm256_packs_epi32(_mm256_srai_epi32(a0, shift), _mm256_srai_epi32(a1, shift))
            let p1 = _mm256_packs_epi32(_mm256_srai_epi32(a2, shift), _mm256_srai_epi32(a3, shift))
            let o = UnsafeMutableRawPointer(out + i)
            o.storeBytes(of: _mm256_min_epi16(_mm256_max_epi16(p0, zero), top), as: __m256i.self)
            o.storeBytes(of: _mm256_min_epi16(_mm256_max_epi16(p1, zero), top), toByteOffset: 32, as: __m256i.self)
            i += 32
        }
    }
}
#endif
