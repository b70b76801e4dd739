/// How `Image.thumbnail` (and the Codecs `Thumbnailer`) make a small image.
public struct ThumbnailOptions: Sendable, Equatable {
    /// How the image is fitted to the box; `.inside` by default, as libvips' `thumbnail`
    /// (the whole picture, no side larger than the box).
    public var fit: FitMode
    /// What `cover` keeps and where `contain` places the picture.
    public var position: FitPosition
    /// The letterbox colour of `contain`.
    public var background: Colour
    /// Never scale up (off by default, as libvips' `thumbnail`).
    public var withoutEnlargement: Bool
    /// The resampling options. The default adds a box pre-reduction (`reducingGap` 2.5)
    /// to the correct filter, the fast path for strong reductions.
    public var resize: ResizeOptions
    /// Unsharp-mask strength applied after a reduction of 2× or more (the detail a
    /// strong reduction softens); 0 turns it off. Never applied when enlarging.
    public var sharpenAmount: Double
    /// Radius (sigma) of that unsharp mask, in output pixels.
    public var sharpenSigma: Double

    /// Creates thumbnail options; the defaults suit web thumbnails.
    public init(
        fit: FitMode = .inside, position: FitPosition = .centre, background: Colour = .white,
        withoutEnlargement: Bool = false, resize: ResizeOptions = ResizeOptions(reducingGap: 2.5),
        sharpenAmount: Double = 0.4, sharpenSigma: Double = 0.5
    ) {
        self.fit = fit
        self.position = position
        self.background = background
        self.withoutEnlargement = withoutEnlargement
        self.resize = resize
        self.sharpenAmount = sharpenAmount
        self.sharpenSigma = sharpenSigma
    }

    /// Whether the unsharp mask runs for a reduction from `source` pixels to `plan`.
    /// - Parameters:
    ///   - sourceWidth: Width of the full-size picture.
    ///   - sourceHeight: Height of the full-size picture.
    ///   - plan: The fit geometry.
    public func sharpens(sourceWidth: Int, sourceHeight: Int, plan: FitPlan) -> Bool {
        sharpenAmount != 0 && plan.resizeWidth * 2 <= sourceWidth && plan.resizeHeight * 2 <= sourceHeight
    }
}
