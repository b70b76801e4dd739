/// How to resample an image.
public struct ResizeOptions: Sendable, Equatable {
    /// The filter (Lanczos3 by default, as sharp and libvips).
    public var kernel: ResamplingKernel
    /// Resample in linear light (sRGB decoded, filtered, re-encoded), so fine detail does
    /// not darken. `false` gives the classic gamma-space result of most tools.
    public var linearLight: Bool
    /// Resample alpha images premultiplied, so transparent pixels' colour does not
    /// bleed into edges.
    public var premultiplyAlpha: Bool
    /// When shrinking by more than this factor, first average whole blocks of pixels
    /// (an integer box reduction by ⌊scale / gap⌋ per axis, in the working space, so in
    /// linear light and premultiplied when those are on), then filter the rest; `nil`
    /// filters all the way (exact, slower). Pillow's `reducing_gap`: 2 keeps the mean
    /// difference from the exact filter under one level. Values below 1, and the
    /// `.nearest` kernel, never reduce.
    public var reducingGap: Double?
    /// The most threads one resize may use: the destination rows are split into bands
    /// run at once (`DispatchQueue.concurrentPerform`), only when each band has enough
    /// work to pay for its thread and the rows re-filtered at band edges stay small (see
    /// `ResampleBands`). The result is byte-identical whatever the value. 1 (the default)
    /// runs on the calling thread only, so a library caller that already runs several
    /// images at once decides; values below 1 count as 1.
    public var threads: Int
    /// The build of the resampling core to run (`nil`, the default: `ResamplerBuild.active`,
    /// the fastest this CPU runs). A build the CPU cannot run falls back to the active one.
    /// Every build gives results within one level of the others; tests and benchmarks
    /// name one to compare them through every operation that resizes (`fitted`,
    /// `thumbnail`, …).
    public var build: ResamplerBuild?

    /// Creates resize options; the defaults are the correct ones.
    public init(
        kernel: ResamplingKernel = .lanczos3, linearLight: Bool = true, premultiplyAlpha: Bool = true,
        reducingGap: Double? = nil, threads: Int = 1, build: ResamplerBuild? = nil
    ) {
        self.kernel = kernel
        self.linearLight = linearLight
        self.premultiplyAlpha = premultiplyAlpha
        self.reducingGap = reducingGap
        self.threads = threads
        self.build = build
    }

    /// Gamma-space, straight-alpha resampling, the result of Pillow or libvips (Lanczos3
    /// within one level of Pillow's).
    public static let classic = ResizeOptions(linearLight: false, premultiplyAlpha: false)
}
