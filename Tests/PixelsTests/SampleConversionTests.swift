import PixelKernels
import Pixels
import Testing

/// The total float → sample and float → index conversions every kernel uses, and the
/// cores run on plans whose weights are not finite: nothing may index past a table.
@Suite struct SampleConversionTests {
    static let awkward: [Float] = [.nan, -.nan, .infinity, -.infinity, -1, -0.0, 0, 0.5, 1.5, 2.5, 254.5, 255, 255.4, 255.6,
                                   1e30, -1e30, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 16383.4, 16383.6, 4e6]

    @Test func samplesAreTotalAndRoundTiesToEven() {
        #expect(SampleConversion.sample(.nan) == 0)
        #expect(SampleConversion.sample(-.infinity) == 0)
        #expect(SampleConversion.sample(.infinity) == 255)
        #expect(SampleConversion.sample(-3) == 0)
        #expect(SampleConversion.sample(1e30) == 255)
        #expect(SampleConversion.sample(0.5) == 0)
        #expect(SampleConversion.sample(1.5) == 2)
        #expect(SampleConversion.sample(127.49) == 127)
        #expect(SampleConversion.sample(254.5) == 254)
        #expect(SampleConversion.sample(255.6) == 255)
        for v in Self.awkward where v.isFinite {
            let expected = UInt8(min(255, max(0, v)).rounded(.toNearestOrEven))
            #expect(SampleConversion.sample(v) == expected, "\(v)")
        }
    }

    @Test(arguments: [0, 1, 255, 16383, 4_194_304])
    func indicesStayInTheTable(last: Int) {
        for v in Self.awkward {
            let i = SampleConversion.index(v, last: last)
            #expect(i >= 0 && i <= last, "\(v) → \(i) for last \(last)")
        }
        #expect(SampleConversion.index(.nan, last: last) == 0)
        #expect(SampleConversion.index(.infinity, last: last) == last)
        #expect(SampleConversion.index(Float(last) + 0.4, last: last) == last)
    }

    @Test func clampSendsNaNToZero() {
        #expect(SampleConversion.clamped(.nan, to: 7) == 0)
        #expect(SampleConversion.clamped(.infinity, to: 7) == 7)
        #expect(SampleConversion.clamped(-.infinity, to: 7) == 0)
        #expect(SampleConversion.clamped(3.25, to: 7) == 3.25)
        let lanes = PortableTarget.clamp255(SIMD8(.nan, -.nan, .infinity, -.infinity, -1, 300, 12.5, 0))
        #expect(lanes == SIMD8(0, 0, 255, 0, 0, 255, 12.5, 0))
    }

    #if DARKROOM_CHECKED_LOOKUPS
    /// The test command builds with `-DDARKROOM_CHECKED_LOOKUPS`: a lookup past the end of a
    /// table stops the process instead of reading memory.
    @Test func checkedBuildsTrapOnAnIndexPastTheTable() async {
        #expect(SampleConversion.checksLookups)
        await #expect(processExitsWith: .failure) {
            let table: [UInt8] = [1, 2, 3]
            let value = table.withUnsafeBufferPointer { SampleConversion.lookup($0.baseAddress!, 3, count: 3) }
            print(value)
        }
    }
    #endif

    /// A plan whose weights are NaN, ±∞ or huge, run on every build and every conversion
    /// mode: no index leaves its table (checked builds would trap), and all-NaN weights
    /// give all-zero samples.
    @Test(arguments: [1, 2, 3, 4])
    func nonFiniteWeightsStayInsideTheTables(channels: Int) throws {
        let sw = 5, sh = 3, dw = 10, dh = 6, taps = 2
        let lanes = channels == 3 ? 4 : channels, vectors = (taps * lanes + 7) / 8
        let source = (0..<(sw * sh * channels)).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
        let toLinear = (0..<256).map { Float($0) }
        let fromLinear = (0..<16384).map { UInt8(truncatingIfNeeded: $0 >> 6) }
        let hStarts = (0..<dw).map { Int32(min($0 / 2, sw - taps)) }, vStarts = (0..<dh).map { Int32(min($0 / 2, sh - taps)) }
        let patterns: [[Float]] = [[.nan], [.infinity], [-.infinity], [1e30, -1e30], [.nan, 1], [0.5, .infinity, -0.5], [.greatestFiniteMagnitude]]
        for pattern in patterns {
            let weight = { (i: Int) in pattern[i % pattern.count] }
            var hWeights = [Float](repeating: 0, count: dw * vectors * 8)
            for x in 0..<dw { for t in 0..<taps { for l in 0..<lanes { hWeights[x * vectors * 8 + t * lanes + l] = weight(x + t) } } }
            let vWeights = (0..<(dh * taps)).map { weight($0) }
            for linear in [false, true] {
                for premultiply in [false, true] where !premultiply || channels % 2 == 0 {
                    for build in ResamplerBuild.allCases where build.isAvailable {
                        var out = [UInt8](repeating: 77, count: dw * dh * channels)
                        source.withUnsafeBufferPointer { src in
                        toLinear.withUnsafeBufferPointer { tl in
                        fromLinear.withUnsafeBufferPointer { fl in
                        hStarts.withUnsafeBufferPointer { hs in
                        hWeights.withUnsafeBufferPointer { hw in
                        vStarts.withUnsafeBufferPointer { vs in
                        vWeights.withUnsafeBufferPointer { vw in
                        out.withUnsafeMutableBufferPointer { dst in
                            let plan = ResamplePlan(
                                source: src.baseAddress!, sourceStride: sw * channels, sourceWidth: sw, sourceHeight: sh,
                                channels: channels, destination: dst.baseAddress!, destinationStride: dw * channels,
                                destinationWidth: dw, destinationHeight: dh, lanes: lanes, hasAlpha: channels % 2 == 0,
                                linear: linear, premultiply: premultiply, toLinear: tl.baseAddress!,
                                fromLinear: fl.baseAddress!, fromLinearCount: fl.count,
                                reduceX: 1, reduceY: 1, reducedWidth: sw, reducedHeight: sh,
                                horizontalStarts: hs.baseAddress!, horizontalWeights: hw.baseAddress!, horizontalVectors: vectors,
                                verticalStarts: vs.baseAddress!, verticalWeights: vw.baseAddress!, verticalTaps: taps)
                            build.run(plan)
                        }}}}}}}}
                        if pattern == [.nan] {
                            #expect(out.allSatisfy { $0 == 0 }, "NaN weights, \(channels) ch, linear \(linear), premultiply \(premultiply), \(build)")
                        }
                    }
                }
            }
        }
    }
}
