#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Median-of-N timing, the same procedure as `../shared/bench/peers.py`: `warmup`
/// untimed runs, then at least `reps` timed runs, more for fast work (up to `budget`
/// seconds or `maxReps` runs).
struct BenchTimer {
    /// The summary of one measurement, in milliseconds per `per` unit.
    struct Summary {
        let median: Double
        let min: Double
        let max: Double
        let n: Int
    }

    var reps = 7
    var warmup = 2
    var budget = 1.0
    var maxReps = 60
    /// Measure the CPU time of the whole process instead of wall-clock time: steadier on a
    /// busy machine for comparing two builds, but not comparable with the peers' numbers.
    var cpuTime = false

    /// Seconds on the chosen clock: monotonic wall time, or the process's CPU time.
    func now() -> Double {
        var ts = timespec()
        clock_gettime(cpuTime ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Times `body`; the result is per `per` units of work (e.g. per image).
    func measure(per: Int = 1, _ body: () throws -> Void) rethrows -> Summary {
        var warm: [Double] = []
        for _ in 0..<warmup {
            let t0 = now()
            try body()
            warm.append(now() - t0)
        }
        var n = reps
        if let est = warm.min(), est > 0 { n = Swift.max(reps, Swift.min(maxReps, Int(budget / est))) }
        var times: [Double] = []
        for _ in 0..<n {
            let t0 = now()
            try body()
            times.append((now() - t0) * 1000 / Double(per))
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        return Summary(median: median, min: times.first ?? 0, max: times.last ?? 0, n: times.count)
    }
}
