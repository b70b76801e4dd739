import Dispatch
import PixelKernels

/// Splits one resampling into bands of destination rows and runs them at once.
///
/// Band safety: a band is a sub-plan (`ResampleBand`), and the cores start every run with
/// an empty ring of filtered rows and index the vertical starts and weights relative to
/// the plan, so each output row is computed from the same source rows and the same
/// weights, in the same order, as in the whole run (a band re-filters the few source rows
/// it shares with its neighbour). The x86-64-v3 fixed-point paths choose their weight
/// scales from the largest weights and row sums of the whole resampling, which sit in the
/// edge rows a middle band does not hold: they read them from the plan's `scaleWeights`,
/// which a band keeps pointing at the whole table, so every band quantises alike.
/// The tests compare banded and unbanded results byte for byte.
enum ResampleBands {
    /// The least work (`work(of:rows:)` units, about one multiply-add each) worth a
    /// band of its own: 2²² is ≈ 0.2–0.4 ms on one core of this machine kind, twenty times
    /// the ≈ 10–20 µs a band costs to start; measured, two bands of 1.5 M units (a
    /// 256² → 128² RGB resize) were slower than one run, of 6 M (512² → 256²) about even,
    /// larger ones faster.
    static let minimumWork = 1 << 22

    /// The most extra work the rows re-filtered at band edges may add, as a fraction of
    /// the unbanded work.
    static let maximumOverlap = 0.15

    /// Runs `plan` in as many bands as pay, at most `threads`, or in exactly `bands`.
    /// - Parameters:
    ///   - plan: The whole resampling; every pointer stays valid until this returns.
    ///   - threads: The most bands to run at once.
    ///   - bands: Exactly this many bands (at most one per destination row), regardless
    ///     of the work; `nil` chooses with `count(for:threads:)`.
    ///   - build: An available build of the core.
    static func run(_ plan: ResamplePlan, threads: Int, bands: Int?, build: ResamplerBuild) {
        let k = bands.map { max(1, min($0, plan.destinationHeight)) } ?? count(for: plan, threads: threads)
        if k == 1 {
            build.run(plan)
            return
        }
        let jobs = split(plan, into: k)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { jobs[$0].run(build: build) }
    }

    /// How many bands pay for `plan`: the most, up to `threads` and one per destination
    /// row, such that every band has at least `minimumWork` and all bands together at most
    /// `maximumOverlap` more work than one run.
    /// - Parameters:
    ///   - plan: The whole resampling.
    ///   - threads: The most bands.
    static func count(for plan: ResamplePlan, threads: Int) -> Int {
        let height = plan.destinationHeight
        guard threads > 1, height > 1 else { return 1 }
        let single = Double(work(of: plan, rows: 0..<height))
        var k = min(threads, height)
        while k > 1 {
            let works = ranges(height: height, bands: k).map { work(of: plan, rows: $0) }
            if works.allSatisfy({ $0 >= minimumWork }) && Double(works.reduce(0, +)) <= single * (1 + maximumOverlap) { return k }
            k -= 1
        }
        return 1
    }

    /// The work of destination rows `rows`: horizontal multiply-adds of the source rows
    /// they filter, vertical multiply-adds, and the source samples converted.
    /// - Parameters:
    ///   - p: The whole plan.
    ///   - rows: A non-empty range of destination rows.
    static func work(of p: ResamplePlan, rows: Range<Int>) -> Int {
        var low = Int.max, high = 0
        for y in rows {
            let start = Int(p.verticalStarts[y])
            low = min(low, start)
            high = max(high, start + p.verticalTaps)
        }
        let filtered = high - low
        let horizontal = filtered * p.destinationWidth * p.horizontalVectors * 8
        let vertical = rows.count * p.destinationWidth * p.verticalTaps * p.lanes
        let converted = filtered * p.reduceY * p.sourceWidth * p.lanes
        return horizontal + vertical + converted
    }

    /// `bands` ranges of nearly equal height covering `0..<height`.
    static func ranges(height: Int, bands: Int) -> [Range<Int>] {
        (0..<bands).map { b in (b * height / bands)..<((b + 1) * height / bands) }
    }

    /// The bands of `plan`.
    /// - Parameters:
    ///   - p: The whole plan.
    ///   - k: Bands, 2 to `destinationHeight`.
    static func split(_ p: ResamplePlan, into k: Int) -> [ResampleBand] {
        ranges(height: p.destinationHeight, bands: k).map { ResampleBand(rows: $0, whole: p) }
    }
}
