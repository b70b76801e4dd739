import PixelKernels

/// One band of destination rows of a resampling: a sub-plan of the whole plan, run on
/// one thread.
///
/// The sub-plan is the whole plan with the destination advanced by `rows.lowerBound`
/// rows, the vertical starts and weights advanced by as many entries, and
/// `destinationHeight` = `rows.count`; the starts are absolute (reduced) source rows, so
/// nothing else changes. A band with `calibration` rows runs those whole-plan rows in
/// front of its own, into a scratch buffer, and copies its own rows out (see
/// `ResampleBands`).
///
/// `@unchecked Sendable`: the plan holds raw pointers. Every band reads the same shared
/// source and weights and writes only its own destination rows, and the caller keeps all
/// of them alive until every band has finished.
struct ResampleBand: @unchecked Sendable {
    /// The destination rows this band writes.
    let rows: Range<Int>
    /// The whole plan.
    let whole: ResamplePlan
    /// Rows of the whole plan run ahead of the band's own (their output is discarded) so
    /// the band's plan has the whole plan's weight extremes; empty for most bands.
    let calibration: [Int]

    /// The sub-plan of `rows`, writing straight into the whole plan's destination.
    var subPlan: ResamplePlan {
        var p = whole
        p.destination = whole.destination + rows.lowerBound * whole.destinationStride
        p.destinationHeight = rows.count
        p.verticalStarts = whole.verticalStarts + rows.lowerBound
        p.verticalWeights = whole.verticalWeights + rows.lowerBound * whole.verticalTaps
        return p
    }

    /// Runs the band on `build` of the core.
    /// - Parameter build: An available build.
    func run(build: ResamplerBuild) {
        if calibration.isEmpty {
            Image.runResample(subPlan, build: build)
            return
        }
        let lead = calibration.count, total = lead + rows.count, taps = whole.verticalTaps
        let rowBytes = whole.destinationWidth * whole.channels
        let starts = UnsafeMutablePointer<Int32>.allocate(capacity: total)
        defer { starts.deallocate() }
        let weights = UnsafeMutablePointer<Float>.allocate(capacity: total * taps)
        defer { weights.deallocate() }
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: total * rowBytes)
        defer { output.deallocate() }
        for (i, y) in (calibration + Array(rows)).enumerated() {
            starts[i] = whole.verticalStarts[y]
            (weights + i * taps).initialize(from: whole.verticalWeights + y * taps, count: taps)
        }
        var p = whole
        p.destination = output
        p.destinationStride = rowBytes
        p.destinationHeight = total
        p.verticalStarts = UnsafePointer(starts)
        p.verticalWeights = UnsafePointer(weights)
        Image.runResample(p, build: build)
        for (i, y) in rows.enumerated() {
            (whole.destination + y * whole.destinationStride).update(from: output + (lead + i) * rowBytes, count: rowBytes)
        }
    }
}
