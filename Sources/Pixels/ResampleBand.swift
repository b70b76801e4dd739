import PixelKernels

/// One band of destination rows of a resampling: a sub-plan of the whole plan, run on
/// one thread.
///
/// The sub-plan is the whole plan with the destination advanced by `rows.lowerBound`
/// rows, the vertical starts and weights advanced by as many entries, and
/// `destinationHeight` = `rows.count`; the starts are absolute (reduced) source rows, and
/// `scaleWeights` still spans the whole plan, so nothing else changes.
///
/// `@unchecked Sendable`: the plan holds raw pointers. Every band reads the same shared
/// source and weights and writes only its own destination rows, and the caller keeps all
/// of them alive until every band has finished.
struct ResampleBand: @unchecked Sendable {
    /// The destination rows this band writes.
    let rows: Range<Int>
    /// The whole plan.
    let whole: ResamplePlan

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
        build.run(subPlan)
    }
}
