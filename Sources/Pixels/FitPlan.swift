/// The geometry of fitting an image to a box: what size to resample to, then what to
/// crop or pad. Pure arithmetic, no pixels, so it can be planned (and tested) before
/// anything is decoded.
public struct FitPlan: Sendable, Equatable {
    /// Width to resample the source to.
    public let resizeWidth: Int
    /// Height to resample the source to.
    public let resizeHeight: Int
    /// Final width, after cropping (cover) or padding (contain).
    public let outputWidth: Int
    /// Final height, after cropping (cover) or padding (contain).
    public let outputHeight: Int

    /// Whether the resampled image is cropped down to the output size.
    public var crops: Bool { resizeWidth > outputWidth || resizeHeight > outputHeight }
    /// Whether the resampled image is padded up to the output size.
    public var pads: Bool { resizeWidth < outputWidth || resizeHeight < outputHeight }

    /// Creates a plan from its four sizes; `plan(…)` derives them from a request.
    public init(resizeWidth: Int, resizeHeight: Int, outputWidth: Int, outputHeight: Int) {
        self.resizeWidth = resizeWidth
        self.resizeHeight = resizeHeight
        self.outputWidth = outputWidth
        self.outputHeight = outputHeight
    }

    /// Plans fitting a `sourceWidth` × `sourceHeight` image to a box.
    ///
    /// With only `width` or only `height`, the other side follows the aspect ratio and
    /// `fit` does not matter. Sides are rounded to the nearest pixel and never below 1;
    /// the side that decides the scale comes out exact.
    /// - Parameters:
    ///   - sourceWidth: Width of the image to fit (at least 1).
    ///   - sourceHeight: Height of the image to fit (at least 1).
    ///   - width: Box width, or `nil` to follow the aspect ratio.
    ///   - height: Box height, or `nil` to follow the aspect ratio.
    ///   - fit: How to fit; `.cover` as sharp.
    ///   - withoutEnlargement: Never scale up. `inside`/`outside`/`cover`/a single side
    ///     then keep the source scale when the box is larger (cover crops to at most the
    ///     source size); `fill` caps each side at the source's; `contain` still pads to
    ///     the full box.
    /// - Throws: `PixelsError.invalidSize` when a size is below 1 or both box sides are
    ///   missing.
    public static func plan(
        sourceWidth sw: Int, sourceHeight sh: Int, width: Int?, height: Int?,
        fit: FitMode = .cover, withoutEnlargement: Bool = false
    ) throws(PixelsError) -> FitPlan {
        guard sw >= 1, sh >= 1 else { throw .invalidSize(width: sw, height: sh) }
        guard width != nil || height != nil, (width ?? 1) >= 1, (height ?? 1) >= 1 else {
            throw .invalidSize(width: width ?? 0, height: height ?? 0)
        }
        // Scales as exact fractions num/den, compared by cross-multiplication.
        func scaled(_ length: Int, _ num: Int, _ den: Int) -> Int { max(1, Int((Double(length) * Double(num) / Double(den)).rounded())) }
        guard let bw = width, let bh = height else {
            let (num, den) = if let width { (width, sw) } else { (height ?? sh, sh) }
            if withoutEnlargement && num > den { return FitPlan(resizeWidth: sw, resizeHeight: sh, outputWidth: sw, outputHeight: sh) }
            let w = width ?? scaled(sw, num, den), h = height ?? scaled(sh, num, den)
            return FitPlan(resizeWidth: w, resizeHeight: h, outputWidth: w, outputHeight: h)
        }
        // Width decides the scale when bw/sw is the smaller (inside, contain) or the
        // larger (outside, cover) of the two ratios.
        let widthSmaller = bw * sh <= bh * sw
        func proportional(byWidth: Bool) -> (Int, Int) {
            let enlarges = byWidth ? bw > sw : bh > sh
            if withoutEnlargement && enlarges { return (sw, sh) }
            return byWidth ? (bw, scaled(sh, bw, sw)) : (scaled(sw, bh, sh), bh)
        }
        switch fit {
        case .fill:
            let w = withoutEnlargement ? min(bw, sw) : bw, h = withoutEnlargement ? min(bh, sh) : bh
            return FitPlan(resizeWidth: w, resizeHeight: h, outputWidth: w, outputHeight: h)
        case .inside:
            let (w, h) = proportional(byWidth: widthSmaller)
            return FitPlan(resizeWidth: w, resizeHeight: h, outputWidth: w, outputHeight: h)
        case .outside:
            let (w, h) = proportional(byWidth: !widthSmaller)
            return FitPlan(resizeWidth: w, resizeHeight: h, outputWidth: w, outputHeight: h)
        case .contain:
            let (w, h) = proportional(byWidth: widthSmaller)
            return FitPlan(resizeWidth: w, resizeHeight: h, outputWidth: max(bw, w), outputHeight: max(bh, h))
        case .cover:
            let (w, h) = proportional(byWidth: !widthSmaller)
            return FitPlan(resizeWidth: w, resizeHeight: h, outputWidth: min(bw, w), outputHeight: min(bh, h))
        }
    }

    /// The top-left corner of the output window inside the resampled image when
    /// cropping, for a fixed position (content-based positions give the centre).
    public func cropOrigin(_ position: FitPosition) -> (x: Int, y: Int) {
        let a = position.anchors
        return (max(0, resizeWidth - outputWidth) * a.x / 2, max(0, resizeHeight - outputHeight) * a.y / 2)
    }

    /// The borders added around the resampled image when padding, for a position
    /// (content-based positions give the centre).
    public func padding(_ position: FitPosition) -> (top: Int, left: Int, bottom: Int, right: Int) {
        let a = position.anchors
        let extraX = max(0, outputWidth - resizeWidth), extraY = max(0, outputHeight - resizeHeight)
        let left = extraX * a.x / 2, top = extraY * a.y / 2
        return (top, left, extraY - top, extraX - left)
    }
}
