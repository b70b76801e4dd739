/// The separable resampler: source rows are converted to floats (sRGB decoded and alpha
/// premultiplied when the plan asks), optionally box-reduced, filtered horizontally into a
/// ring of rows, and each output row is the vertical weighted sum of the ring rows it
/// needs, converted back to 8 bits. No whole-image intermediate is allocated: the working
/// set is one ring of `verticalTaps` filtered rows.
///
/// Every function is `@inline(__always)` so a module compiled with other target flags
/// (`PixelKernelsV3`) gets its own copy of the whole core rather than a call into this one.
public enum ResampleCore {
    /// The most memory the ring of filtered rows may take; beyond it (huge vertical
    /// shrink factors) each output row is accumulated from freshly filtered rows instead.
    public static let ringByteLimit = 64 << 20

    /// Runs the plan with this module's (portable) build of the core.
    /// - Parameter plan: the resampling to do; every pointer must stay valid meanwhile.
    public static func runPortable(_ plan: ResamplePlan) {
        run(PortableTarget.self, plan)
    }

    /// Runs the plan; inlined into the caller's module.
    /// - Parameter plan: the resampling to do; every pointer must stay valid meanwhile.
    @inlinable @inline(__always)
    public static func run<T: KernelTarget>(_ target: T.Type, _ p: ResamplePlan) {
        let lanes = p.lanes
        let rowFloats = p.destinationWidth * filteredLanes(p)
        // Room past the row for the last RGB pixels' 8-float loads in `writeRow`.
        let rowPadded = (rowFloats + 8 + 63) & ~63
        let reducing = p.reduceX > 1 || p.reduceY > 1
        let inputFloats = (p.reducedWidth + 8) * lanes
        let reduceFloats = reducing ? p.sourceWidth * lanes : 0
        let taps = p.verticalTaps
        let recompute = taps * rowPadded * 4 > ringByteLimit
        let ringRows = recompute ? 1 : taps
        let total = 2 * inputFloats + 2 * reduceFloats + ringRows * rowPadded + rowPadded
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: total)
        scratch.initialize(repeating: 0, count: total)
        defer { scratch.deallocate() }
        let rowPointers = UnsafeMutablePointer<UnsafePointer<Float>>.allocate(capacity: taps)
        defer { rowPointers.deallocate() }
        let input = scratch
        let converted = input + inputFloats
        let accumulated = converted + reduceFloats
        let ring = accumulated + reduceFloats
        let outRow = ring + ringRows * rowPadded
        let input2 = outRow + rowPadded

        var produced = 0
        for y in 0..<p.destinationHeight {
            let start = Int(p.verticalStarts[y])
            let weights = p.verticalWeights + y * taps
            if !recompute {
                if produced < start || produced - taps > start { produced = start }
                while produced < start + taps {
                    if !reducing && produced + 1 < start + taps {
                        // Two rows at once: each weight load serves both.
                        convertRow(T.self, p, p.source + produced * p.sourceStride, into: input)
                        convertRow(T.self, p, p.source + (produced + 1) * p.sourceStride, into: input2)
                        horizontalPair(T.self, p, UnsafePointer(input), UnsafePointer(input2),
                                       into: ring + (produced % taps) * rowPadded, ring + ((produced + 1) % taps) * rowPadded)
                        produced += 2
                    } else {
                        produceRow(T.self, p, produced, input: input, converted: converted, accumulated: accumulated,
                                   into: ring + (produced % taps) * rowPadded)
                        produced += 1
                    }
                }
                for t in 0..<taps { rowPointers[t] = UnsafePointer(ring + ((start + t) % taps) * rowPadded) }
                vertical(T.self, rowPointers, weights, taps: taps, count: rowPadded, into: outRow)
            } else {
                outRow.update(repeating: 0, count: rowPadded)
                for t in 0..<taps {
                    produceRow(T.self, p, start + t, input: input, converted: converted, accumulated: accumulated, into: ring)
                    accumulate(T.self, UnsafePointer(ring), weight: weights[t], count: rowPadded, into: outRow)
                }
            }
            writeRow(T.self, p, UnsafePointer(outRow), into: p.destination + y * p.destinationStride)
        }
    }

    // MARK: Row production

    /// Converts (and box-reduces) virtual source row `r` and filters it horizontally.
    @inlinable @inline(__always)
    static func produceRow<T: KernelTarget>(_ target: T.Type, 
        _ p: ResamplePlan, _ r: Int, input: UnsafeMutablePointer<Float>, converted: UnsafeMutablePointer<Float>,
        accumulated: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>
    ) {
        if p.reduceX == 1 && p.reduceY == 1 {
            convertRow(T.self, p, p.source + r * p.sourceStride, into: input)
        } else {
            boxReduceRow(T.self, p, r, converted: converted, accumulated: accumulated, into: input)
        }
        horizontal(T.self, p, UnsafePointer(input), into: out)
    }

    /// Averages the `reduceY` source rows of virtual row `r` and then each `reduceX`
    /// pixels of the sum (edge blocks average the pixels they have).
    @inlinable @inline(__always)
    static func boxReduceRow<T: KernelTarget>(_ target: T.Type, 
        _ p: ResamplePlan, _ r: Int, converted: UnsafeMutablePointer<Float>, accumulated: UnsafeMutablePointer<Float>,
        into input: UnsafeMutablePointer<Float>
    ) {
        let lanes = p.lanes, count = p.sourceWidth * lanes
        let y0 = r * p.reduceY, y1 = min(p.sourceHeight, y0 + p.reduceY)
        convertRow(T.self, p, p.source + y0 * p.sourceStride, into: accumulated)
        if y1 - y0 > 1 {
            for y in (y0 + 1)..<y1 {
                convertRow(T.self, p, p.source + y * p.sourceStride, into: converted)
                var i = 0
                while i + 8 <= count {
                    store8(T.self, load8(T.self, accumulated + i) + load8(T.self, converted + i), accumulated + i)
                    i += 8
                }
                while i < count { accumulated[i] += converted[i]; i += 1 }
            }
        }
        let rows = Float(y1 - y0), fx = p.reduceX
        switch lanes {
        case 4:
            let full = p.sourceWidth / fx
            let scale = SIMD4<Float>(repeating: 1 / (rows * Float(fx)))
            if fx == 2 {
                for j in 0..<full {
                    let pair = load8(T.self, accumulated + j * 8)
                    store4(T.self, (pair.lowHalf + pair.highHalf) * scale, input + j * 4)
                }
            } else {
                for j in 0..<full {
                    var sum = SIMD4<Float>()
                    var a = accumulated + j * fx * 4
                    for _ in 0..<fx { sum += load4(T.self, a); a += 4 }
                    store4(T.self, sum * scale, input + j * 4)
                }
            }
            if full < p.reducedWidth {
                // The last, partial block averages the pixels it has.
                let x0 = full * fx
                var sum = SIMD4<Float>()
                for x in x0..<p.sourceWidth { sum += load4(T.self, accumulated + x * 4) }
                store4(T.self, sum * (1 / (rows * Float(p.sourceWidth - x0))), input + full * 4)
            }
        default:
            for j in 0..<p.reducedWidth {
                let x0 = j * fx, x1 = min(p.sourceWidth, x0 + fx)
                let scale = 1 / (rows * Float(x1 - x0))
                for l in 0..<lanes {
                    var sum: Float = 0
                    for x in x0..<x1 { sum += accumulated[x * lanes + l] }
                    input[j * lanes + l] = sum * scale
                }
            }
        }
    }

    /// One source row of 8-bit samples into working floats.
    @inlinable @inline(__always)
    static func convertRow<T: KernelTarget>(_ target: T.Type, _ p: ResamplePlan, _ s: UnsafePointer<UInt8>, into d: UnsafeMutablePointer<Float>) {
        let width = p.sourceWidth
        if !p.linear && !p.premultiply {
            if p.channels == 3 {
                for x in 0..<width {
                    d[4 * x] = Float(s[3 * x])
                    d[4 * x + 1] = Float(s[3 * x + 1])
                    d[4 * x + 2] = Float(s[3 * x + 2])
                    d[4 * x + 3] = 0
                }
            } else {
                for i in 0..<width * p.channels { d[i] = Float(s[i]) }
            }
            return
        }
        let lut = p.toLinear
        switch p.channels {
        case 1:
            for x in 0..<width { d[x] = lut[Int(s[x])] }
        case 2:
            for x in 0..<width {
                let a = Float(s[2 * x + 1])
                let k: Float = p.premultiply ? a * (1 / 255) : 1
                d[2 * x] = lut[Int(s[2 * x])] * k
                d[2 * x + 1] = a
            }
        case 3:
            // Independent scalar stores (a vector built lane by lane is one long chain); the
            // fourth lane of every RGB buffer stays at the zero it was allocated with.
            for x in 0..<width {
                d[4 * x] = lut[Int(s[3 * x])]
                d[4 * x + 1] = lut[Int(s[3 * x + 1])]
                d[4 * x + 2] = lut[Int(s[3 * x + 2])]
            }
        default:
            for x in 0..<width {
                let a = Float(s[4 * x + 3])
                let k: Float = p.premultiply ? a * (1 / 255) : 1
                let v = SIMD4(lut[Int(s[4 * x])], lut[Int(s[4 * x + 1])], lut[Int(s[4 * x + 2])], 1)
                store4(T.self, v * SIMD4(k, k, k, a), d + 4 * x)
            }
        }
    }

    // MARK: Filters

    /// The horizontal pass: each output pixel is the dot product of its taps with the
    /// pre-expanded weights, 8 floats at a time, four output pixels in flight.
    @inlinable @inline(__always)
    static func horizontal<T: KernelTarget>(_ target: T.Type, _ p: ResamplePlan, _ input: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        switch p.lanes {
        case 4: horizontal(T.self, lanes: 4, p, input, into: out)
        case 2: horizontal(T.self, lanes: 2, p, input, into: out)
        default: horizontal(T.self, lanes: 1, p, input, into: out)
        }
    }

    @inlinable @inline(__always)
    static func horizontal<T: KernelTarget>(_ target: T.Type, lanes: Int, _ p: ResamplePlan, _ input: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let width = p.destinationWidth, vectors = p.horizontalVectors, groupStride = vectors * 8
        let starts = p.horizontalStarts, weights = p.horizontalWeights
        let packed = lanes == 4 && p.channels == 3, step = packed ? 3 : lanes
        var x = 0
        while x + 4 <= width {
            let s0 = input + Int(starts[x]) * lanes, s1 = input + Int(starts[x + 1]) * lanes
            let s2 = input + Int(starts[x + 2]) * lanes, s3 = input + Int(starts[x + 3]) * lanes
            let w0 = weights + x * groupStride, w1 = w0 + groupStride, w2 = w1 + groupStride, w3 = w2 + groupStride
            var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
            var o = 0
            for _ in 0..<vectors {
                a0 = T.multiplyAdd(a0, load8(T.self, s0 + o), load8(T.self, w0 + o))
                a1 = T.multiplyAdd(a1, load8(T.self, s1 + o), load8(T.self, w1 + o))
                a2 = T.multiplyAdd(a2, load8(T.self, s2 + o), load8(T.self, w2 + o))
                a3 = T.multiplyAdd(a3, load8(T.self, s3 + o), load8(T.self, w3 + o))
                o += 8
            }
            if lanes == 4 && p.channels == 3 {
                // Filtered RGB rows are packed, three floats a pixel.
                let h0 = a0.lowHalf + a0.highHalf, h1 = a1.lowHalf + a1.highHalf
                let h2 = a2.lowHalf + a2.highHalf, h3 = a3.lowHalf + a3.highHalf
                let o = out + x * 3
                o[0] = min(max(h0[0], 0), 255); o[1] = min(max(h0[1], 0), 255); o[2] = min(max(h0[2], 0), 255)
                o[3] = min(max(h1[0], 0), 255); o[4] = min(max(h1[1], 0), 255); o[5] = min(max(h1[2], 0), 255)
                o[6] = min(max(h2[0], 0), 255); o[7] = min(max(h2[1], 0), 255); o[8] = min(max(h2[2], 0), 255)
                o[9] = min(max(h3[0], 0), 255); o[10] = min(max(h3[1], 0), 255); o[11] = min(max(h3[2], 0), 255)
            } else if lanes == 4 {
                // Written out here: the optimiser does not inline `fold` four times over.
                let h0 = a0.lowHalf + a0.highHalf, h1 = a1.lowHalf + a1.highHalf
                let h2 = a2.lowHalf + a2.highHalf, h3 = a3.lowHalf + a3.highHalf
                let o = out + x * 4
                o[0] = min(max(h0[0], 0), 255); o[1] = min(max(h0[1], 0), 255); o[2] = min(max(h0[2], 0), 255); o[3] = min(max(h0[3], 0), 255)
                o[4] = min(max(h1[0], 0), 255); o[5] = min(max(h1[1], 0), 255); o[6] = min(max(h1[2], 0), 255); o[7] = min(max(h1[3], 0), 255)
                o[8] = min(max(h2[0], 0), 255); o[9] = min(max(h2[1], 0), 255); o[10] = min(max(h2[2], 0), 255); o[11] = min(max(h2[3], 0), 255)
                o[12] = min(max(h3[0], 0), 255); o[13] = min(max(h3[1], 0), 255); o[14] = min(max(h3[2], 0), 255); o[15] = min(max(h3[3], 0), 255)
            } else {
                fold(T.self, a0, lanes: lanes, packed: false, into: out + x * lanes)
                fold(T.self, a1, lanes: lanes, packed: false, into: out + (x + 1) * lanes)
                fold(T.self, a2, lanes: lanes, packed: false, into: out + (x + 2) * lanes)
                fold(T.self, a3, lanes: lanes, packed: false, into: out + (x + 3) * lanes)
            }
            x += 4
        }
        while x < width {
            let s = input + Int(starts[x]) * lanes, w = weights + x * groupStride
            var a = SIMD8<Float>()
            var o = 0
            for _ in 0..<vectors {
                a = T.multiplyAdd(a, load8(T.self, s + o), load8(T.self, w + o))
                o += 8
            }
            fold(T.self, a, lanes: lanes, packed: packed, into: out + x * step)
            x += 1
        }
    }

    /// The horizontal pass over two rows with the same weights, two output pixels of each
    /// in flight (1.5 loads per multiply-add instead of 2).
    @inlinable @inline(__always)
    static func horizontalPair<T: KernelTarget>(
        _ target: T.Type, _ p: ResamplePlan, _ inputA: UnsafePointer<Float>, _ inputB: UnsafePointer<Float>,
        into outA: UnsafeMutablePointer<Float>, _ outB: UnsafeMutablePointer<Float>
    ) {
        let lanes = p.lanes
        let width = p.destinationWidth, vectors = p.horizontalVectors, groupStride = vectors * 8
        let starts = p.horizontalStarts, weights = p.horizontalWeights
        let packed = lanes == 4 && p.channels == 3, step = packed ? 3 : lanes
        var x = 0
        while x + 2 <= width {
            let o0 = Int(starts[x]) * lanes, o1 = Int(starts[x + 1]) * lanes
            let a0 = inputA + o0, a1 = inputA + o1, b0 = inputB + o0, b1 = inputB + o1
            let w0 = weights + x * groupStride, w1 = w0 + groupStride
            var sa0 = SIMD8<Float>(), sa1 = SIMD8<Float>(), sb0 = SIMD8<Float>(), sb1 = SIMD8<Float>()
            var o = 0
            for _ in 0..<vectors {
                let v0 = load8(T.self, w0 + o), v1 = load8(T.self, w1 + o)
                sa0 = T.multiplyAdd(sa0, load8(T.self, a0 + o), v0)
                sb0 = T.multiplyAdd(sb0, load8(T.self, b0 + o), v0)
                sa1 = T.multiplyAdd(sa1, load8(T.self, a1 + o), v1)
                sb1 = T.multiplyAdd(sb1, load8(T.self, b1 + o), v1)
                o += 8
            }
            if packed {
                // Filtered RGB rows are packed, three floats a pixel.
                let h0 = sa0.lowHalf + sa0.highHalf, h1 = sa1.lowHalf + sa1.highHalf
                let h2 = sb0.lowHalf + sb0.highHalf, h3 = sb1.lowHalf + sb1.highHalf
                let oa = outA + x * 3, ob = outB + x * 3
                oa[0] = min(max(h0[0], 0), 255); oa[1] = min(max(h0[1], 0), 255); oa[2] = min(max(h0[2], 0), 255)
                oa[3] = min(max(h1[0], 0), 255); oa[4] = min(max(h1[1], 0), 255); oa[5] = min(max(h1[2], 0), 255)
                ob[0] = min(max(h2[0], 0), 255); ob[1] = min(max(h2[1], 0), 255); ob[2] = min(max(h2[2], 0), 255)
                ob[3] = min(max(h3[0], 0), 255); ob[4] = min(max(h3[1], 0), 255); ob[5] = min(max(h3[2], 0), 255)
            } else if lanes == 4 {
                // Written out here: the optimiser does not inline `fold` four times over.
                let h0 = sa0.lowHalf + sa0.highHalf, h1 = sa1.lowHalf + sa1.highHalf
                let h2 = sb0.lowHalf + sb0.highHalf, h3 = sb1.lowHalf + sb1.highHalf
                let oa = outA + x * 4, ob = outB + x * 4
                oa[0] = min(max(h0[0], 0), 255); oa[1] = min(max(h0[1], 0), 255); oa[2] = min(max(h0[2], 0), 255); oa[3] = min(max(h0[3], 0), 255)
                oa[4] = min(max(h1[0], 0), 255); oa[5] = min(max(h1[1], 0), 255); oa[6] = min(max(h1[2], 0), 255); oa[7] = min(max(h1[3], 0), 255)
                ob[0] = min(max(h2[0], 0), 255); ob[1] = min(max(h2[1], 0), 255); ob[2] = min(max(h2[2], 0), 255); ob[3] = min(max(h2[3], 0), 255)
                ob[4] = min(max(h3[0], 0), 255); ob[5] = min(max(h3[1], 0), 255); ob[6] = min(max(h3[2], 0), 255); ob[7] = min(max(h3[3], 0), 255)
            } else {
                fold(T.self, sa0, lanes: lanes, packed: false, into: outA + x * lanes)
                fold(T.self, sa1, lanes: lanes, packed: false, into: outA + (x + 1) * lanes)
                fold(T.self, sb0, lanes: lanes, packed: false, into: outB + x * lanes)
                fold(T.self, sb1, lanes: lanes, packed: false, into: outB + (x + 1) * lanes)
            }
            x += 2
        }
        if x < width {
            let off = Int(starts[x]) * lanes, w = weights + x * groupStride
            var sa = SIMD8<Float>(), sb = SIMD8<Float>()
            var o = 0
            for _ in 0..<vectors {
                let v = load8(T.self, w + o)
                sa = T.multiplyAdd(sa, load8(T.self, inputA + off + o), v)
                sb = T.multiplyAdd(sb, load8(T.self, inputB + off + o), v)
                o += 8
            }
            fold(T.self, sa, lanes: lanes, packed: packed, into: outA + x * step)
            fold(T.self, sb, lanes: lanes, packed: packed, into: outB + x * step)
        }
    }

    /// Sums the 8 lanes of `a` down to one pixel of `lanes` floats, clamped to 0–255 (as
    /// Pillow and libvips clip between their passes, so overshoot of the first pass does
    /// not ring twice). A `packed` RGB pixel stores three floats, not four.
    @inlinable @inline(__always)
    static func fold<T: KernelTarget>(_ target: T.Type, _ a: SIMD8<Float>, lanes: Int, packed: Bool, into out: UnsafeMutablePointer<Float>) {
        let h = a.lowHalf + a.highHalf
        if packed {
            out[0] = min(max(h[0], 0), 255); out[1] = min(max(h[1], 0), 255); out[2] = min(max(h[2], 0), 255)
            return
        }
        if lanes == 4 {
            // Lane by lane: the generic SIMD clamp is not inlined on this toolchain.
            store4(T.self, SIMD4(min(max(h[0], 0), 255), min(max(h[1], 0), 255), min(max(h[2], 0), 255), min(max(h[3], 0), 255)), out)
            return
        }
        let q = h.lowHalf + h.highHalf
        if lanes == 2 { out[0] = min(max(q[0], 0), 255); out[1] = min(max(q[1], 0), 255); return }
        out[0] = min(max(q[0] + q[1], 0), 255)
    }

    /// The vertical pass: a weighted sum of whole rows, 64 floats at a time.
    @inlinable @inline(__always)
    static func vertical<T: KernelTarget>(_ target: T.Type, 
        _ rows: UnsafePointer<UnsafePointer<Float>>, _ weights: UnsafePointer<Float>, taps: Int, count: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        var i = 0
        while i < count {
            var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
            for t in 0..<taps {
                let w = SIMD16<Float>(repeating: weights[t])
                let r = rows[t] + i
                a0 = T.multiplyAdd(a0, w, load16(T.self, r))
                a1 = T.multiplyAdd(a1, w, load16(T.self, r + 16))
                a2 = T.multiplyAdd(a2, w, load16(T.self, r + 32))
                a3 = T.multiplyAdd(a3, w, load16(T.self, r + 48))
            }
            store16(T.self, a0, out + i)
            store16(T.self, a1, out + i + 16)
            store16(T.self, a2, out + i + 32)
            store16(T.self, a3, out + i + 48)
            i += 64
        }
    }

    /// `out += weight * row` over `count` floats (a multiple of 16).
    @inlinable @inline(__always)
    static func accumulate<T: KernelTarget>(_ target: T.Type, _ row: UnsafePointer<Float>, weight: Float, count: Int, into out: UnsafeMutablePointer<Float>) {
        let w = SIMD16<Float>(repeating: weight)
        var i = 0
        while i < count {
            store16(T.self, T.multiplyAdd(load16(T.self, out + i), w, load16(T.self, row + i)), out + i)
            i += 16
        }
    }

    // MARK: Output

    /// Floats per pixel in the filtered rows: RGB is packed to three (the vertical pass and
    /// the output need no padding lane); otherwise the working lanes.
    @inlinable @inline(__always)
    static func filteredLanes(_ p: ResamplePlan) -> Int { p.channels == 3 ? 3 : p.lanes }

    /// One row of working floats back to 8-bit samples.
    @inlinable @inline(__always)
    static func writeRow<T: KernelTarget>(_ target: T.Type, _ p: ResamplePlan, _ row: UnsafePointer<Float>, into d: UnsafeMutablePointer<UInt8>) {
        let width = p.destinationWidth, n = p.channels, lanes = filteredLanes(p)
        if !p.linear && !p.premultiply {
            if n == 3 {
                for i in 0..<width * 3 { d[i] = round8(T.self, row[i]) }
            } else {
                for i in 0..<width * n { d[i] = round8(T.self, row[i]) }
            }
            return
        }
        let colours = p.hasAlpha ? n - 1 : n
        let table = p.fromLinear, count = p.fromLinearCount, last = count - 1, scale = Float(last) / 255
        if p.linear && n == 3 {
            // RGB: two pixels a step, clamped (NaN to 0) and turned into table indices 8
            // lanes at once; 255 × scale is the last index, so every index is in the table.
            let scales = SIMD8<Float>(repeating: scale), bias = SIMD8<Float>(repeating: 8_388_608)
            let mantissa = SIMD8<UInt32>(repeating: 0x7F_FFFF)
            var x = 0
            while x + 2 <= width {
                let v = T.clamp255(load8(T.self, row + 3 * x)) * scales + bias
                let i = unsafeBitCast(v, to: SIMD8<UInt32>.self) & mantissa
                let o = d + 3 * x
                o[0] = SampleConversion.lookup(table, Int(i[0]), count: count)
                o[1] = SampleConversion.lookup(table, Int(i[1]), count: count)
                o[2] = SampleConversion.lookup(table, Int(i[2]), count: count)
                o[3] = SampleConversion.lookup(table, Int(i[3]), count: count)
                o[4] = SampleConversion.lookup(table, Int(i[4]), count: count)
                o[5] = SampleConversion.lookup(table, Int(i[5]), count: count)
                x += 2
            }
            if x < width {
                for c in 0..<3 {
                    let i = SampleConversion.index(SampleConversion.clamped(row[3 * x + c], to: 255) * scale, last: last)
                    d[3 * x + c] = SampleConversion.lookup(table, i, count: count)
                }
            }
            return
        }
        for x in 0..<width {
            let r = row + x * lanes, o = d + x * n
            var k: Float = 1
            var limit: Float = 255
            if p.hasAlpha {
                let a = SampleConversion.clamped(r[lanes - 1], to: 255)
                let alpha = SampleConversion.sample(a)
                o[n - 1] = alpha
                if p.premultiply {
                    // An alpha that rounds to 0 is fully transparent: colour 0, as
                    // unpremultiplying a zero alpha gives. Any other alpha is at least ½,
                    // so k ≤ 510 and colour × k stays finite and within 0…255.
                    k = alpha == 0 ? 0 : 255 / a
                    limit = a
                }
            }
            for c in 0..<colours {
                let v = SampleConversion.clamped(r[c], to: limit) * k
                o[c] = p.linear
                    ? SampleConversion.lookup(table, SampleConversion.index(v * scale, last: last), count: count)
                    : SampleConversion.sample(v)
            }
        }
    }

    /// A working value rounded (to nearest, ties to even) and clamped to a sample; NaN
    /// gives 0.
    @inlinable @inline(__always)
    static func round8<T: KernelTarget>(_ target: T.Type, _ v: Float) -> UInt8 {
        SampleConversion.sample(v)
    }

    // MARK: Loads and stores

    @inlinable @inline(__always)
    static func load4<T: KernelTarget>(_ target: T.Type, _ p: UnsafePointer<Float>) -> SIMD4<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self) }

    @inlinable @inline(__always)
    static func load8<T: KernelTarget>(_ target: T.Type, _ p: UnsafePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }

    @inlinable @inline(__always)
    static func load16<T: KernelTarget>(_ target: T.Type, _ p: UnsafePointer<Float>) -> SIMD16<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self) }

    @inlinable @inline(__always)
    static func store4<T: KernelTarget>(_ target: T.Type, _ v: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self) }

    @inlinable @inline(__always)
    static func store8<T: KernelTarget>(_ target: T.Type, _ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self) }

    @inlinable @inline(__always)
    static func store16<T: KernelTarget>(_ target: T.Type, _ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self) }
}
