extension Image {
    /// The image fitted to a box, as sharp's `resize(width, height, {fit, position})`.
    /// - Parameters:
    ///   - width: Box width, or `nil` to follow the aspect ratio.
    ///   - height: Box height, or `nil` to follow the aspect ratio.
    ///   - fit: How to fit (`.cover` by default, as sharp).
    ///   - position: What `cover` keeps and where `contain` places the image.
    ///   - background: The letterbox colour of `contain`. A translucent colour on an
    ///     image without alpha adds an alpha channel.
    ///   - withoutEnlargement: Never scale up (see `FitPlan.plan`).
    ///   - options: The resampling filter and its options, passed through unchanged.
    /// - Throws: `PixelsError.invalidSize` for a box side below 1 or no side at all.
    public func fitted(
        width: Int?, height: Int?, fit: FitMode = .cover, position: FitPosition = .centre,
        background: Colour = .black, withoutEnlargement: Bool = false, options: ResizeOptions = ResizeOptions()
    ) throws(PixelsError) -> Image {
        let plan = try FitPlan.plan(sourceWidth: self.width, sourceHeight: self.height, width: width, height: height,
                                    fit: fit, withoutEnlargement: withoutEnlargement)
        return try fitted(plan, position: position, background: background, options: options)
    }

    /// The image carried through a fit plan: resampled to the plan's resize size (from
    /// whatever size it has now, so a plan made for the full-size source also serves a
    /// shrink-on-load decode of it), then cropped or padded to the output size.
    /// - Parameters:
    ///   - plan: The geometry, from `FitPlan.plan`.
    ///   - position: What is kept when cropping, where the image sits when padding.
    ///   - background: The padding colour.
    ///   - options: The resampling options, passed through unchanged.
    /// - Throws: `PixelsError` when the plan's sizes are invalid.
    public func fitted(
        _ plan: FitPlan, position: FitPosition = .centre, background: Colour = .black,
        options: ResizeOptions = ResizeOptions()
    ) throws(PixelsError) -> Image {
        try resizedAndCropped(plan, position: position, options: options).paddedToPlan(plan, position: position, background: background)
    }

    /// The first half of a fit: resampled to the plan's resize size, then cropped.
    func resizedAndCropped(_ plan: FitPlan, position: FitPosition, options: ResizeOptions) throws(PixelsError) -> Image {
        let image = try resized(width: plan.resizeWidth, height: plan.resizeHeight, options: options)
        guard plan.crops else { return image }
        let origin: (x: Int, y: Int)
        switch position {
        case .entropy: origin = image.entropyWindow(width: plan.outputWidth, height: plan.outputHeight)
        case .attention: origin = image.attentionWindow(width: plan.outputWidth, height: plan.outputHeight)
        default: origin = plan.cropOrigin(position)
        }
        return try image.cropped(x: origin.x, y: origin.y, width: plan.outputWidth, height: plan.outputHeight)
    }

    /// The second half of a fit: the letterbox of `contain`.
    func paddedToPlan(_ plan: FitPlan, position: FitPosition, background: Colour) throws(PixelsError) -> Image {
        guard plan.pads else { return self }
        var image = self
        if background.alpha < 255 && !image.layout.hasAlpha { image = image.converted(to: image.layout.addingAlpha) }
        let p = plan.padding(position)
        return try image.padded(top: p.top, left: p.left, bottom: p.bottom, right: p.right, colour: background)
    }
}
